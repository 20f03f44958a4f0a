"""No long step in silence: the progress bars a notebook draws reach the study's output.

A notebook's long steps draw tqdm bars on the kernel's stderr; papermill hands each
stderr stream of the kernel to ``stderr_file``. ``ProgressEcho`` prints the latest bar
of the running notebook on the study's own stderr, at most one line every ``every``
seconds (and each bar's last state when it is done), so a step of an hour says how far
it is without flooding the terminal.
"""

from __future__ import annotations

import sys
import time

EVERY = 20.0  # seconds between two lines of progress


class ProgressEcho:
    """A file-like sink for a kernel's stderr that echoes its progress bars, throttled."""

    def __init__(self, stage: str, every: float = EVERY, out=None, clock=time.monotonic):
        self.stage, self.every, self.out, self.clock = stage, every, out, clock
        self._last = -every
        self._done = ""  # the last finished bar's name (tqdm draws its end twice)

    def write(self, text: str) -> int:
        lines = [s.strip() for s in text.replace("\r", "\n").splitlines() if s.strip()]
        if lines:
            now = self.clock()
            bar = lines[-1].split("100%|")[0] if "100%|" in lines[-1] else ""
            if bar and bar == self._done:
                return len(text)
            if bar or now - self._last >= self.every:
                self._done = bar
                print(f"    {self.stage}: {lines[-1]}", file=self.out or sys.stderr, flush=True)
                self._last = now
        return len(text)

    def flush(self) -> None:
        pass
