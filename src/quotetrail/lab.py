"""``quotetrail lab`` (``make lab``): JupyterLab on the study's notebooks, for any user.

JupyterLab refuses to start as root unless told to, which stops it in every container;
here it is told to, with a note saying so. Options JupyterLab knows
(``--IdentityProvider.token=…``, ``--ServerApp.port_retries=0``, …) pass through.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def lab_command(root: Path, port: int | None = None, ip: str = "localhost",
                browser: bool = True, extra: list[str] | None = None) -> list[str]:
    """The command that starts JupyterLab on ``root/notebooks``."""
    args = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root / 'notebooks'}",
            f"--ServerApp.ip={ip}"]
    if port:
        args.append(f"--ServerApp.port={port}")
    if not browser:
        args.append("--ServerApp.open_browser=False")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args + list(extra or [])


def run(root: Path, port: int | None = None, ip: str = "localhost", browser: bool = True,
        extra: list[str] | None = None) -> int:
    """Become JupyterLab (it prints the address, with its token, to open); returns only
    when JupyterLab is not installed."""
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        print("quotetrail: JupyterLab is not installed; `make lab` installs it, or "
              "pip install -e '.[lab]' (conda: environment.yml has it)", file=sys.stderr)
        return 1
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print("quotetrail: running as root (a container?), so JupyterLab starts with "
              "--allow-root; as any other user it starts as it is", file=sys.stderr)
    print(f"quotetrail: JupyterLab on {root / 'notebooks'}; open the address it prints "
          "below (Ctrl-C twice to stop)", file=sys.stderr, flush=True)
    args = lab_command(root, port, ip, browser, extra)
    os.execv(args[0], args)  # JupyterLab takes this process's place: signals reach it
