"""Stage 3, timeline: dated expressions with offsets, resolved against publication dates."""

from quotetrail.timeline.events import extract_events
from quotetrail.timeline.expressions import DateMention, find_dates

__all__ = ["DateMention", "extract_events", "find_dates"]
