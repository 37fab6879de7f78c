"""conflictcoder: conflict news -> ACLED-compatible event data with evidence."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import code, code_article, locate  # noqa: E402
from .models import Article, CodeResult, Event, Evidence  # noqa: E402


def resolve(phrase: str, context: str | None = None, country: str | None = None, limit: int = 10):
    """Rank gazetteer candidates for a place phrase (see conflictcoder.geo)."""
    from .geo import resolve as _resolve

    return _resolve(phrase, context=context, country=country, limit=limit)


__all__ = ["code", "code_article", "locate", "resolve", "Article", "CodeResult", "Event", "Evidence"]
