"""A tiny deterministic stand-in coder for testing and benchmarking the batch machinery.

`conflictcoder.batch.fake:code_article` finds "killed"/"getötet" and emits one event with an
evidence span; it loads nothing, so tests of resume/Dask/progress do not depend on the (changing)
core coder. CONFLICTCODER_FAKE_DELAY (seconds per document) slows it down for kill tests.
"""
from __future__ import annotations

import hashlib
import os
import time

from ..models import Article, CodeResult, Event, Evidence

TRIGGERS = ("killed", "getötet", "attack", "Angriff")


def code_article(article: Article) -> CodeResult:
    delay = float(os.environ.get("CONFLICTCODER_FAKE_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)
    text = article.text
    if "FAKE-CRASH" in text:
        raise RuntimeError("fake coder asked to crash")
    if "FAKE-EXIT" in text:
        os._exit(3)  # simulates a worker process dying (segfault, OOM kill)
    res = CodeResult(id=article.id, lang=article.lang or "en")
    for trig in TRIGGERS:
        i = text.find(trig)
        if i >= 0:
            key = hashlib.sha1(f"{article.id}|{text}|{trig}".encode()).hexdigest()[:16]
            res.events.append(Event(
                event_id=key, event_date=article.published, year=article.published.year if article.published else None,
                event_type="Violence against civilians", sub_event_type="Attack", fatalities=0,
                evidence=[Evidence(field="sub_event_type", start=i, end=i + len(trig), text=trig)],
            ))
            break
    return res
