"""The study's parameters: what each notebook declares, and checking what the user passes.

The notebooks' ``parameters`` cells are the single source of truth: the runner reads
them (papermill's inspection) instead of keeping a second list that could drift.
"""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

# Paths the runner sets itself from --corpus/--out; users may still override them with -p.
PATH_PARAMETERS = ("corpus_dir", "processed_dir")


class ParameterError(ValueError):
    """A parameter the notebooks do not declare, or a value that cannot be read."""


def declared(notebook: Path) -> dict[str, dict]:
    """Name -> {default, type, help} for every parameter a notebook declares."""
    import papermill

    found = papermill.inspect_notebook(str(notebook))
    return {
        name: {"default": spec["default"], "help": spec["help"],
               "type": _literal_type(spec["default"]) if spec["inferred_type_name"] in (
                   None, "None") else spec["inferred_type_name"]}
        for name, spec in found.items()
    }


def _literal_type(source: str) -> str | None:
    """The type of a default written as a literal (``25`` -> int), for parameters
    declared without an annotation; None when it is not a plain literal."""
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError):
        return None
    return type(value).__name__ if isinstance(value, (bool, int, float, str)) else None


def parse_assignments(pairs: list[str]) -> dict:
    """``NAME=VALUE`` strings to a dict; values read as YAML scalars (0.9, true, text)."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"-p expects NAME=VALUE, got {pair!r}")
        try:
            out[name.strip()] = yaml.safe_load(value) if value.strip() else ""
        except yaml.YAMLError:
            out[name.strip()] = value
    return out


def load_config(path: Path) -> dict:
    """Parameters from a YAML (or JSON) file of NAME: VALUE pairs."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ParameterError(f"{path}: cannot read config ({err})") from None
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: config must map parameter names to values")
    return data


def check(given: dict, valid: dict[str, dict]) -> None:
    """Fail on any parameter no notebook declares, listing the valid ones (papermill only
    warns, and a typo would silently run the study with the default)."""
    unknown = sorted(set(given) - set(valid))
    if unknown:
        listing = ", ".join(sorted(valid))
        raise ParameterError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"valid parameters: {listing}"
        )


def _coerce_one(name: str, value, spec: dict):
    kind = spec.get("type")
    shown = f"{name} expects {kind} (default {spec.get('default')}), got {value!r}"
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(f"parameter {shown}")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParameterError(f"parameter {shown}")
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ParameterError(f"parameter {shown}")
        return value
    if kind == "str":
        if isinstance(value, (dict, list)) or value is None:
            raise ParameterError(f"parameter {shown}")
        return str(value)  # "-p spacy_model=2024" reads as a number, means the text
    return value


def is_path(name: str) -> bool:
    """Parameters that name folders (``corpus_dir``, ``processed_dir``, …)."""
    return name.endswith("_dir")


def coerce(given: dict, valid: dict[str, dict], cwd: Path | None = None) -> dict:
    """Check every value against the type of its declared default, before any notebook
    runs (a wrong value would otherwise fail three notebooks later), and resolve
    relative folder paths against the working directory the user typed them in
    (the notebooks run in ``notebooks/``, where they would mean something else)."""
    cwd = Path(cwd or Path.cwd())
    out = {}
    for name, value in given.items():
        value = _coerce_one(name, value, valid[name])
        if is_path(name) and isinstance(value, str) and value:
            value = str((cwd / value).resolve())
        out[name] = value
    return out
