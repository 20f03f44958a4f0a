"""Ingest throughput and peak memory on BBC News (2,225 articles), against a plain
read-and-decode of the same files run side by side, each in a fresh process.

Peak memory is the process's resident high-water mark (VmHWM, which, unlike
ru_maxrss, does not carry over the parent's peak across exec)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BASELINE = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
n = 0
for p in sorted(Path(sys.argv[1]).rglob("*")):
    if p.suffix.lower() != ".txt":
        continue
    p.read_bytes().decode("utf-8", errors="replace")
    n += 1
print(json.dumps({"n": n, "s": time.perf_counter() - start,
                  "rss": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])}))
"""

OURS = """
import json, sys, time
start = time.perf_counter()
from quotetrail.ingest import ingest
documents, rejected = ingest(sys.argv[1])
latin = documents[documents["source_path"] == "sport/199.txt"]["text"]
print(json.dumps({"n": len(documents), "rejected": len(rejected),
                  "s": time.perf_counter() - start,
                  "rss": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]),
                  "pound_sign": bool(latin.str.contains("\\u00a3").any())}))
"""


def _measure(script: str, corpus: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(eval_dir: Path) -> None:
    corpus = eval_dir / "bbc-news" / "bbc"
    base = _measure(BASELINE, corpus)
    ours = _measure(OURS, corpus)
    print(f"BBC News: {base['n']} files; ingest kept {ours['n']}, rejected {ours['rejected']}; "
          f"Latin-1 sport/199.txt read with its £ sign: {ours['pound_sign']}")
    print(f"  {'run':<34}{'seconds':>9}{'articles/s':>12}{'peak MiB':>10}")
    for name, m in (("plain read + decode (baseline)", base), ("quotetrail ingest", ours)):
        print(f"  {name:<34}{m['s']:>9.2f}{m['n'] / m['s']:>12.0f}{m['rss'] / 1024:>10.0f}")
    print(f"  ratio ingest / baseline: time {ours['s'] / base['s']:.1f}x, "
          f"peak memory {ours['rss'] / base['rss']:.1f}x (imports included)")
