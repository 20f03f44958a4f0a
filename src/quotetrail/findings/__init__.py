"""Stage 4, findings: every table in, the ``findings`` table and the study's figures out."""

from quotetrail.findings.compute import compute_findings

__all__ = ["compute_findings"]
