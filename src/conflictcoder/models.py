"""Typed records passed between pipeline stages, and the public output schema.

Article -> Document -> Mention -> Frame -> Event -> CodeResult

`Event` and `CodeResult` are the published contract (see schema/code-result.schema.json);
the other records are internal but typed so that stages can be tested on their own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

# --------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------


class Article(BaseModel):
    """One input document."""

    model_config = ConfigDict(extra="ignore")

    id: Optional[str] = None
    text: str
    published: Optional[dt.date] = None
    lang: Optional[str] = None  # None / "auto" = detect
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None


# --------------------------------------------------------------------------------------
# Document (language, sentences, tokens, lemmas)
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    i: int  # index in document
    text: str
    start: int  # char offset into Article.text
    end: int
    lower: str
    lemma: str  # lower-cased lemma
    sent: int  # sentence index
    is_title: bool = False
    is_upper: bool = False
    is_digit: bool = False
    is_punct: bool = False


@dataclass(slots=True)
class Sentence:
    i: int
    start: int
    end: int
    tok_start: int  # first token index (inclusive)
    tok_end: int  # last token index (exclusive)


@dataclass
class Document:
    text: str
    lang: str
    tokens: list[Token]
    sentences: list[Sentence]
    published: Optional[dt.date] = None
    title: Optional[str] = None
    id: Optional[str] = None

    def sent_tokens(self, s: Sentence) -> list[Token]:
        return self.tokens[s.tok_start : s.tok_end]


# --------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------

MentionKind = Literal[
    "trigger",  # event trigger (attrs: sub_event_type, weight, ...)
    "actor",  # actor mention (attrs: actor name, inter, role hints)
    "quantity",  # number/vague quantity (attrs: low, best, high, rule)
    "casualty",  # quantity linked to an outcome (attrs: outcome killed|wounded|captured|arrested, group)
    "date",  # date expression (attrs: date, precision, relative)
    "place",  # place phrase (attrs: relation, anchor, place type)
    "source",  # reporting source (attrs: name)
    "cue",  # modality cue: negation, threat, plan, denial, background
    "weapon",  # weapons / materiel
]


@dataclass
class Mention:
    kind: str
    start: int
    end: int
    text: str
    sent: int
    tok_start: int = -1
    tok_end: int = -1
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


class Evidence(BaseModel):
    """A span of the input that supports one coded field. Always text == input[start:end]."""

    field: str
    start: int
    end: int
    text: str
    note: Optional[str] = None


class Claim(BaseModel):
    """One attributed statement that contributed to an event (e.g. a casualty figure)."""

    field: str
    value: Any = None
    source: Optional[str] = None
    start: int
    end: int
    text: str


class Event(BaseModel):
    """An ACLED-compatible event row with UCDP-style extensions and evidence."""

    model_config = ConfigDict(extra="forbid")

    event_id: str = Field(description="Stable id: hash of document id/text and event key")
    event_date: Optional[dt.date] = None
    year: Optional[int] = None
    time_precision: Optional[int] = Field(None, description="1 day, 2 week, 3 month")
    disorder_type: str = ""
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""
    iso: Optional[int] = None
    region: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    admin3: Optional[str] = None
    location: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: Optional[int] = None
    tags: str = ""
    # extensions
    fatalities_low: Optional[int] = None
    fatalities_best: Optional[int] = None
    fatalities_high: Optional[int] = None
    deaths_a: Optional[int] = None
    deaths_b: Optional[int] = None
    deaths_civilians: Optional[int] = None
    deaths_unknown: Optional[int] = None
    wounded: Optional[int] = None
    captured: Optional[int] = None
    geonameid: Optional[int] = None
    country_iso2: Optional[str] = None
    location_phrase: Optional[str] = Field(None, description="The place phrase as written")
    evidence: list[Evidence] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    confidence: float = 0.0


class CodeResult(BaseModel):
    """The coding of one article: one line of `code --format jsonl`."""

    id: Optional[str] = None
    lang: Optional[str] = None
    events: list[Event] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)


# ACLED export column order (the `acled-csv` format).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]

# Extension columns written after the ACLED ones in `csv` format.
EXTENSION_COLUMNS = [
    "fatalities_low", "fatalities_best", "fatalities_high", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "wounded", "captured", "geonameid", "country_iso2",
    "location_phrase", "confidence", "warnings",
]
