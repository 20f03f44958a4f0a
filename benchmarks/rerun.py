"""The whole study rerun after adding 1% more articles, against the same study from cold.

The BBC News articles are copied into a corpus folder with one in a hundred held back;
``quotetrail study`` runs on it from cold, the held-back articles are added, and the
study runs again into the same output folder (the notebooks, the article cache and
the sentence vectors of the first run there). Each run is its own process, timed from
outside; the runner's messages and progress bars give each notebook's and each
stage's seconds. Target: the rerun takes at most 10% of the cold run's time.

``--check`` also runs the bigger corpus from cold into a fresh folder and compares
every table and page of the rerun with it, byte for byte.

    python -m benchmarks.rerun --eval ../shared/eval [--articles 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARE = 0.01  # of the articles held back for the rerun
NOTEBOOK = re.compile(r"\[\d/\d\] (\S+): done in ([\d.]+)s")
BAR = re.compile(r"^\s*(\S+): ([^:\r\n|]+): 100%\|[^|]*\| (\d+)/\d+ \[(?:(\d+):)?(\d+):(\d+)")


def _articles(eval_dir: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in (eval_dir / "bbc-news").rglob("*.txt")
                   if p.name.upper() != "README.TXT")
    if limit:
        step = max(1, len(files) // limit)
        files = files[::step][:limit]
    return files


def _study(corpus: Path, out: Path, workers: int, fresh: bool = False) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "quotetrail.cli", "study", "--corpus", str(corpus),
           "--out", str(out), "--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(cmd + (["--fresh"] if fresh else []), capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"study failed:\n{done.stderr[-3000:]}")
    return seconds, done.stderr


def _steps(log: str) -> list[tuple[str, float]]:
    """(step, seconds) of each notebook and each progress bar that finished, in order."""
    out = []
    for line in log.replace("\r", "\n").splitlines():
        m = NOTEBOOK.search(line)
        if m:
            out.append((f"notebook {m.group(1)}", float(m.group(2))))
            continue
        m = BAR.match(line)
        if m:
            h, mnt, s = int(m.group(4) or 0), int(m.group(5)), int(m.group(6))
            out.append((f"  {m.group(1)}: {m.group(2).strip()}", 3600 * h + 60 * mnt + s))
    return out


def _summed(steps: list[tuple[str, float]]) -> dict[str, float]:
    """Seconds per step name, in order of first appearance (a step that runs twice, such
    as the sentence model's batches on the workers, adds up)."""
    out: dict[str, float] = {}
    for name, seconds in steps:
        out[name] = out.get(name, 0.0) + seconds
    return out


def _hashes(out: Path) -> dict[str, str]:
    found = {}
    for folder, pattern in (("data/processed", "*.parquet"), ("reports", "*.html")):
        for p in sorted((out / folder).rglob(pattern)):
            if p.name == "index.html":  # says how long each notebook took
                continue
            found[str(p.relative_to(out))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def run(eval_dir: Path, articles: int | None = None, workers: int = 2,
        check: bool = False) -> dict:
    files = _articles(eval_dir, articles)
    root = eval_dir / "bbc-news"
    held = files[::round(1 / SHARE)][: max(1, round(len(files) * SHARE))]
    with tempfile.TemporaryDirectory(prefix="quotetrail-rerun-") as tmp:
        tmp = Path(tmp)
        corpus, out = tmp / "corpus", tmp / "out"
        for p in files:
            if p not in held:
                dest = corpus / p.relative_to(root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, dest)
        cold, cold_log = _study(corpus, out, workers)
        for p in held:
            dest = corpus / p.relative_to(root)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest)
        again, rerun_log = _study(corpus, out, workers)
        same = None
        if check:
            _study(corpus, tmp / "cold", workers)
            ours, theirs = _hashes(out), _hashes(tmp / "cold")
            same = ours == theirs
            if not same:
                print("  differ:", sorted(k for k in ours.keys() | theirs.keys()
                                          if ours.get(k) != theirs.get(k)))
    n = len(files)
    print(f"BBC News, {n - len(held)} articles then {len(held)} more "
          f"({100 * len(held) / (n - len(held)):.1f}%), --workers {workers}, whole study "
          "(`quotetrail study`), each run a fresh process:")
    print(f"  cold run        {cold:8.1f} s")
    print(f"  rerun           {again:8.1f} s   ({100 * again / cold:.1f}% of cold; "
          f"target <= 10% -> {'met' if again <= 0.1 * cold else 'MISSED'})")
    if same is not None:
        print(f"  rerun's tables and pages the bytes of a cold run of the bigger corpus: {same}")
    cold_steps, rerun_steps = _summed(_steps(cold_log)), _summed(_steps(rerun_log))
    print(f"  {'step':<52}{'cold s':>8}{'rerun s':>9}")
    for name in {**cold_steps, **rerun_steps}:
        cells = [f"{d[name]:.1f}" if name in d else "-" for d in (cold_steps, rerun_steps)]
        print(f"  {name:<52}{cells[0]:>8}{cells[1]:>9}")

    def outside(total: float, steps: dict[str, float]) -> float:
        return total - sum(s for k, s in steps.items() if k.startswith("notebook"))

    print(f"  {'outside the notebooks (start, reports, staging)':<52}"
          f"{outside(cold, cold_steps):>8.1f}{outside(again, rerun_steps):>9.1f}")
    return {"cold": cold, "rerun": again, "same": same}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rerun", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--articles", type=int, help="use this many articles (default all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", action="store_true",
                        help="compare the rerun's tables and pages with a cold run's")
    args = parser.parse_args(argv)
    run(args.eval, args.articles, args.workers, args.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
