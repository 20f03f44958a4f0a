"""The study runner: notebooks executed in order with papermill, rendered to reports/."""

from quotetrail.study.parameters import ParameterError
from quotetrail.study.runner import STAGES, StudyFailed, StudyResult, run_study

__all__ = ["STAGES", "ParameterError", "StudyFailed", "StudyResult", "run_study"]
