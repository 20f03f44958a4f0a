"""The study runner: notebooks executed in order with papermill, rendered to reports/."""

from quotetrail.study.parameters import ParameterError
from quotetrail.study.runner import (
    STAGES,
    StudyFailed,
    StudyInterrupted,
    StudyResult,
    run_study,
)
from quotetrail.study.staging import StudyBusy

__all__ = ["STAGES", "ParameterError", "StudyBusy", "StudyFailed", "StudyInterrupted",
           "StudyResult", "run_study"]
