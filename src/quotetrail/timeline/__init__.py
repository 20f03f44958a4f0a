"""Stage 3, timeline: dated expressions with offsets, resolved against publication dates."""

from quotetrail.text.dates import DateMention, find_dates
from quotetrail.timeline.events import extract_events

__all__ = ["DateMention", "extract_events", "find_dates"]
