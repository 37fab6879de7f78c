"""The Python API: code(text) -> CodeResult. CLI, HTTP API and batch runner call this."""
from __future__ import annotations

import datetime as dt
from typing import Optional, Union

from .models import Article, CodeResult


def code(text: str, lang: Optional[str] = None, published: Union[str, dt.date, None] = None,
         id: Optional[str] = None, title: Optional[str] = None) -> CodeResult:
    """Code one article. `lang` is "de", "en", or None/"auto" to detect."""
    art = Article(id=id, text=text, lang=lang, published=published, title=title)
    return code_article(art)


def code_article(article: Article) -> CodeResult:
    from .pipeline import get_pipeline

    return get_pipeline().run(article)


def locate(text: str, lang: Optional[str] = None, published: Union[str, dt.date, None] = None):
    """The article's own location (a `conflictcoder.geo.Location`: the chosen place mention, its
    ranked gazetteer reading, ACLED geo_precision and why), whether or not an event is coded in
    it; None when it names no usable place."""
    from .pipeline import get_pipeline

    return get_pipeline().locate(Article(text=text, lang=lang, published=published))
