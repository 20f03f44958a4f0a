"""Where the per-article stages run: this process, a local cluster of worker processes on
every core, or an existing dask.distributed cluster.

Each partition is one task. A worker that dies mid-task (killed, out of memory) costs
that partition a rerun on another worker, not the study: the scheduler reassigns the
task, and its part file is written whole or not at all (``parts.write_part``).
Models are loaded by cached loaders on the worker that needs them, never sent with a
task.
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib.util import find_spec

from tqdm.auto import tqdm

RETRIES = 2  # reruns of a partition whose task raised (a worker's death is counted apart)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def worker_environ() -> dict:
    """The environment dask gives a local worker before it starts, less its
    ``MALLOC_TRIM_THRESHOLD_``: memory handed back to the system from 64 KiB freed made
    the parser, which allocates and frees all the time, 10-14% slower here; with the C
    library's own threshold the workers' peaks were 6-21% higher."""
    import dask
    import distributed  # noqa: F401  (loads dask's distributed settings)

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


@contextmanager
def local_cluster(workers: int = 0, quiet: bool = False) -> Iterator[object]:
    """A ``distributed.LocalCluster`` of ``workers`` single-threaded worker processes (0:
    one per core), its dashboard link said once on stderr when bokeh is installed."""
    import dask
    from distributed import LocalCluster

    dashboard = find_spec("bokeh") is not None
    with dask.config.set({"distributed.nanny.pre-spawn-environ": worker_environ()}):
        cluster = LocalCluster(n_workers=workers or cores(), threads_per_worker=1,
                               processes=True, dashboard_address=":0" if dashboard else None,
                               silence_logs=logging.ERROR)
    try:
        if dashboard and not quiet:
            print(f"dask dashboard: {cluster.dashboard_link}", file=sys.stderr, flush=True)
        yield cluster
    finally:
        cluster.close()


@contextmanager
def client_for(workers: int = 0, scheduler: str = "", quiet: bool = False) -> Iterator[object]:
    """A dask client for the per-article stages: of the cluster at ``scheduler`` when one
    is given; else none (``workers`` = 1: this process); else of a local cluster."""
    if not scheduler and (workers or cores()) == 1:
        yield None
        return
    from distributed import Client

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with local_cluster(workers, quiet) as cluster, Client(cluster) as client:
        yield client


def n_workers(client) -> int:
    """Worker slots (threads) of the cluster, 1 for this process."""
    if client is None:
        return 1
    return max(1, sum(w["nthreads"] for w in client.scheduler_info()["workers"].values()))


def map_partitions(client, func: Callable, tasks: Sequence[tuple], desc: str,
                   progress: bool = True) -> list:
    """``func(*args)`` for each of ``tasks``; results in the order of ``tasks``, each
    partition ticked off as it finishes. ``client`` None: in this process, in order."""
    bar = tqdm(total=len(tasks), desc=desc, unit="partition", disable=not progress)
    if client is None:
        out = []
        for args in tasks:
            out.append(func(*args))
            bar.update()
        bar.close()
        return out
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    futures = [client.submit(func, *args, key=f"quotetrail-{desc}-{k:05d}-{run}",
                             retries=RETRIES, pure=False) for k, args in enumerate(tasks)]
    at = {future.key: k for k, future in enumerate(futures)}
    out: list = [None] * len(futures)
    try:
        # each result is fetched and let go as soon as it is done: a worker that kept
        # every result of its partitions until the last one finished would hold a
        # share of the whole corpus's printings and vectors
        for future, result in as_completed(futures, with_results=True):
            out[at[future.key]] = result
            future.release()
            bar.update()
        return out
    finally:
        bar.close()
        for future in futures:
            future.release()


def spans(n: int, size: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` ranges of ``size`` rows covering ``n``."""
    return [(lo, min(lo + size, n)) for lo in range(0, n, size)]


def partition_size(n: int, slots: int, batch: int = 16, most: int = 512) -> int:
    """Rows per partition: about eight partitions per worker slot (a late one does not
    keep the others waiting), a multiple of the parser's batch so that partitions cut
    the corpus where one process's batches would end, at most ``most``."""
    size = -(-n // max(1, slots * 8)) if n else batch
    return min(most, -(-size // batch) * batch)
