"""How long the whole seed study takes, cold and cached, against papermill's own floor.

The baseline runs, side by side, four one-cell notebooks through the same runner
settings (a fresh kernel each, IPC sockets): the cost of starting kernels that no
study can avoid. The study's time is reported in seconds and as a ratio to it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from quotetrail.paths import find_root

REPEATS = 3


def _timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - started


def _baseline(workdir: Path) -> float:
    """Four trivial notebooks executed as the runner executes the study's."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = workdir / "trivial.ipynb"
    nbformat.write(nb, path)
    script = (
        "import tempfile, papermill\n"
        "from quotetrail.study.runner import _ipc_kernel_manager\n"
        "d = tempfile.mkdtemp()\n"
        "for i in range(4):\n"
        f"    papermill.execute_notebook({str(path)!r}, {str(workdir / 'out.ipynb')!r},"
        " progress_bar=False, kernel_manager_class=_ipc_kernel_manager(d))\n"
    )
    return _timed([sys.executable, "-c", script])


def run(eval_dir: Path) -> None:  # noqa: ARG001 - the seed corpus ships with the project
    root = find_root()
    cli = [sys.executable, "-m", "quotetrail.cli", "study", "--quiet",
           "--corpus", str(root / "data" / "raw")]
    cold, warm, base = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for k in range(REPEATS):
            out = tmp / f"run{k}"
            cold.append(_timed([*cli, "--out", str(out)]))
            warm.append(_timed([*cli, "--out", str(out)]))
            base.append(_baseline(tmp))
    c, w, b = (statistics.median(x) for x in (cold, warm, base))
    print(f"seed study, median of {REPEATS} runs on this machine:")
    print(f"  {'run':<34}{'seconds':>9}{'x baseline':>12}")
    print(f"  {'baseline: 4 one-cell notebooks':<34}{b:>9.2f}{1:>12.2f}")
    print(f"  {'study from cold (fresh --out)':<34}{c:>9.2f}{c / b:>12.2f}")
    print(f"  {'study again, nothing changed':<34}{w:>9.2f}{w / b:>12.2f}")
    print(f"  targets: cold < 20 s -> {'met' if c < 20 else 'MISSED'}; "
          f"cached < 3 s -> {'met' if w < 3 else 'MISSED'}")
