"""Batch coding at scale: streaming corpus runner with parallel workers, checkpoint/resume and Dask.

    from conflictcoder.batch import BatchOptions, run_batch
    summary = run_batch(BatchOptions(inputs=["corpus.jsonl.gz"], output="out.jsonl", workers=2))
"""
from __future__ import annotations

from .runner import FORMATS, BatchError, BatchInterrupted, BatchOptions, Summary, run_batch

__all__ = ["BatchOptions", "BatchError", "BatchInterrupted", "Summary", "run_batch", "FORMATS"]
