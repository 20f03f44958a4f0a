"""quotetrail's benchmarks: accuracy on public labelled data, speed against baselines.

Run with ``make bench EVAL=../shared/eval`` (or ``python -m benchmarks --eval DIR``).
"""
