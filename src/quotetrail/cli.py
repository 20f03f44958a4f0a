"""Command line: ``quotetrail study`` runs the whole study on any corpus folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotetrail", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    study = sub.add_parser(
        "study", help="run the notebooks in order and render the reports",
        description="Run notebooks/01..04 with papermill on a corpus folder; tables go to "
                    "OUT/data/processed, the rendered study to OUT/reports.")
    study.add_argument("--corpus", type=Path, help="folder of articles (default: data/raw)")
    study.add_argument("--out", type=Path,
                       help="output folder (default: the repository's data/processed and "
                            "reports/)")
    study.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                       help="set a notebook parameter (repeatable); see --list-params")
    study.add_argument("--config", type=Path, help="YAML file of NAME: VALUE parameters")
    study.add_argument("--workers", type=int, metavar="N",
                       help="worker processes for the per-article stages (default: one per "
                            "core; 1: all in one process, no cluster)")
    study.add_argument("--scheduler", metavar="ADDRESS",
                       help="run the per-article stages on the dask.distributed cluster at "
                            "ADDRESS (tcp://host:8786) instead of a local one")
    study.add_argument("--force", action="store_true", help="rerun every notebook")
    study.add_argument("--fresh", action="store_true",
                       help="rerun every notebook and redo every article, reading nothing "
                            "from the article cache (OUT/data/processed/cache)")
    study.add_argument("--quiet", action="store_true", help="no progress output")
    study.add_argument("--list-params", action="store_true",
                       help="list the parameters, their defaults and notebooks, then exit")
    lab = sub.add_parser(
        "lab", help="open the notebooks in JupyterLab",
        description="Start JupyterLab on notebooks/ (as root too, with --allow-root); "
                    "other options are passed to JupyterLab.")
    lab.add_argument("--port", type=int, help="port to listen on (default: JupyterLab's)")
    lab.add_argument("--ip", default="localhost", help="address to listen on")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    return parser


def main(argv: list[str] | None = None) -> int:
    args, extra = _parser().parse_known_args(argv)
    if extra and args.command != "lab":
        _parser().parse_args(argv)  # reports the unknown arguments and exits
    from quotetrail.paths import find_root

    if args.command == "lab":
        from quotetrail import lab

        return lab.run(find_root(), args.port, args.ip, not args.no_browser, extra)
    from quotetrail.study import (
        ParameterError,
        StudyBusy,
        StudyFailed,
        StudyInterrupted,
        run_study,
    )
    from quotetrail.study.parameters import load_config, parse_assignments
    from quotetrail.study.runner import valid_parameters

    try:
        root = find_root()
        if args.list_params:
            for name, spec in sorted(valid_parameters(root / "notebooks").items()):
                where = ", ".join(spec["notebooks"])
                print(f"{name} = {spec['default']}  [{where}]  {spec['help'] or ''}".rstrip())
            return 0
        params = load_config(args.config) if args.config else {}
        params.update(parse_assignments(args.param))
        if args.workers is not None:
            if args.workers < 0:
                raise ParameterError("--workers expects 0 (one per core) or more")
            params["workers"] = args.workers
        if args.scheduler:
            params["scheduler"] = args.scheduler
        if args.fresh:
            params["reuse"] = False
        run_study(corpus=args.corpus, out=args.out, params=params, force=args.force or args.fresh,
                  quiet=args.quiet, root=root)
    except ParameterError as err:
        print(f"quotetrail: {err}", file=sys.stderr)
        return 2
    except (StudyFailed, StudyBusy, FileNotFoundError) as err:
        print(f"quotetrail: {err}", file=sys.stderr)
        return 1
    except (StudyInterrupted, KeyboardInterrupt) as err:
        print(f"quotetrail: {err or 'interrupted'}", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
