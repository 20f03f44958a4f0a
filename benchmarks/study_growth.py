"""How the whole study grows with the corpus: BBC News replicated with edits to 2k, 10k, … articles.

Each size is a corpus folder of BBC News articles; beyond the 2,225 originals, each
copy has one word in nine of its own wording (outside quotation marks) replaced by
another, a different word for each copy, so every text differs (no cache or stored
vector serves two of them) while its quotations stay: a copy reads as another outlet's
edit of a wire story. ``quotetrail study --workers N`` runs on each from cold in a
fresh output folder, timed from outside; a sampler reads the resident memory of the
study's process and of each process it starts (the dask workers, the notebook
kernels) twice a second and keeps each one's peak. The growth exponent of time is
fitted between the smallest and the largest size (1.0 grows with the corpus).

    python -m benchmarks.study_growth --eval ../shared/eval [--sizes 2000,10000] [--workers 2]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SIZES = "2000,10000"
EDIT_EVERY = 9  # one word in this many of a copy's own wording is replaced
SUBSTITUTES = ("new", "local", "major", "recent", "former", "senior", "early", "large",
               "public", "private", "national", "regional", "main", "key", "final", "wider")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_WORD = re.compile(r"\b[a-z]{4,}\b")


def edited(text: str, copy: int) -> str:
    """The ``copy``-th edit of an article (0 is the article itself): some lower-case
    words outside quotation marks replaced, a different choice for each copy."""
    if copy == 0:
        return text
    out, pos, k = [], 0, 0
    for m in _QUOTED.finditer(text):
        out.append(_edit_words(text[pos:m.start()], copy, k))
        k += 1
        out.append(m.group())
        pos = m.end()
    out.append(_edit_words(text[pos:], copy, k))
    return "".join(out)


def _edit_words(part: str, copy: int, salt: int) -> str:
    counted = itertools.count(1)

    def swap(m: re.Match) -> str:
        n = next(counted)
        if (n + copy) % EDIT_EVERY:
            return m.group()
        digest = hashlib.sha256(f"{copy}:{salt}:{n}:{m.group()}".encode()).digest()
        return SUBSTITUTES[digest[0] % len(SUBSTITUTES)]

    return _WORD.sub(swap, part)


def build(eval_dir: Path, size: int, folder: Path) -> int:
    """A corpus of ``size`` articles in ``folder``; returns how many were written."""
    root = eval_dir / "bbc-news"
    files = sorted(p for p in root.rglob("*.txt") if p.name.upper() != "README.TXT")
    for n in range(size):
        src = files[n % len(files)]
        copy = n // len(files)
        dest = folder / f"copy{copy:03d}" / src.relative_to(root)
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text(encoding="utf-8", errors="replace")
        dest.write_text(edited(text, copy), encoding="utf-8")
    return size


class PeakMemory:
    """Peak resident memory of a process and of every process under it, sampled."""

    def __init__(self, pid: int, every: float = 0.5):
        import psutil

        self.root, self.every = psutil.Process(pid), every
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    rss, cmd = p.memory_info().rss, " ".join(p.cmdline()[:4])
                except psutil.Error:
                    continue
                if rss > self.peaks.get(p.pid, ("", 0))[1]:
                    self.peaks[p.pid] = (cmd, rss)
            self._stop.wait(self.every)

    def stop(self) -> dict[str, int]:
        """{'study': the study process's peak, 'worker': the largest dask worker's,
        'kernel': the largest notebook kernel's} in bytes."""
        self._stop.set()
        self._thread.join()
        out = {"study": self.peaks.get(self.root.pid, ("", 0))[1], "worker": 0, "kernel": 0}
        for pid, (cmd, rss) in self.peaks.items():
            if pid == self.root.pid:
                continue
            kind = "kernel" if "ipykernel" in cmd else "worker"
            out[kind] = max(out[kind], rss)
        return out


def one(eval_dir: Path, size: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="quotetrail-growth-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        build(eval_dir, size, corpus)
        cmd = [sys.executable, "-m", "quotetrail.cli", "study", "--corpus", str(corpus),
               "--out", str(out), "--workers", str(workers)]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
        memory = PeakMemory(proc.pid)
        _, err = proc.communicate()
        seconds = time.perf_counter() - started
        peaks = memory.stop()
        if proc.returncode:
            raise RuntimeError(f"study of {size} articles failed:\n{err[-3000:]}")
        notebooks = re.findall(r"\[\d/\d\] (\S+): done in ([\d.]+)s", err)
    return {"size": size, "seconds": seconds, "notebooks": notebooks, **peaks}


def run(eval_dir: Path, sizes: str | None = None, workers: int = 2) -> list[dict]:
    results = []
    print(f"  whole study (`quotetrail study --workers {workers}`), BBC News replicated "
          "with edits, each size from cold:")
    for size in [int(s) for s in (sizes or SIZES).split(",")]:
        r = one(eval_dir, size, workers)
        results.append(r)
        mib = {k: r[k] / 2**20 for k in ("study", "worker", "kernel")}
        print(f"  {size:>7,} articles: {r['seconds']:8.1f} s; peak MiB: study process "
              f"{mib['study']:.0f}, largest worker {mib['worker']:.0f}, largest kernel "
              f"{mib['kernel']:.0f}")
        print("           " + ", ".join(f"{name} {float(s):.0f} s" for name, s in r["notebooks"]))
    steps = list(itertools.pairwise(results))
    for a, b in steps + ([(results[0], results[-1])] if len(steps) > 1 else []):
        exponent = math.log(b["seconds"] / a["seconds"]) / math.log(b["size"] / a["size"])
        print(f"  growth exponent of time, {a['size']:,} to {b['size']:,} articles: "
              f"{exponent:.2f} (target <= 1.1)")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.study_growth",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    run(args.eval, args.sizes, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
