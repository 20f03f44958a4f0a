"""The data contract: tables that break it fail at the stage boundary, with the reason."""

from __future__ import annotations

import pandas as pd
import pytest

from quotetrail.schemas import SCHEMAS, data_dictionary, empty, validate
from quotetrail.tables import read_table, write_table


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_empty_tables_honour_the_contract(name, tmp_path):
    write_table(empty(name), name, tmp_path)
    assert list(read_table(name, tmp_path).columns) == list(SCHEMAS[name].columns)


def test_contract_violations_are_named():
    bad = pd.DataFrame([{"source_doc": "a", "derived_doc": "b", "shared_statements": 1,
                         "reuse_score": 1.5, "align_score": 0.0, "relation": "plagiarism",
                         "direction_confidence": 0.5, "evidence": "", "aligned": []}])
    with pytest.raises(ValueError, match="doc_links.*breaks the data contract") as err:
        validate(bad, "doc_links")
    assert "relation" in str(err.value) and "reuse_score" in str(err.value)


def test_missing_or_extra_columns_fail():
    with pytest.raises(ValueError):
        validate(pd.DataFrame({"source_path": ["a"]}), "rejected")
    with pytest.raises(ValueError):
        validate(pd.DataFrame({"source_path": ["a"], "reason": ["x"], "extra": [1]}), "rejected")


def test_missing_table_names_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="quotes"):
        read_table("quotes", tmp_path)


def test_data_dictionary_lists_every_column():
    text = data_dictionary()
    for name, schema in SCHEMAS.items():
        assert f"### `{name}`" in text
        assert all(f"`{col}`" in text for col in schema.columns)
