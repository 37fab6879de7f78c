"""SQLAlchemy 2 ORM schema of the event store (SQLite by default, PostgreSQL by URL).

- articles: one row per distinct text (content hash), with URL, outlet, publication date.
- source_events: one coded event from one article (the full Event as JSON + key columns).
- incidents: the de-duplicated events users see; key ACLED columns are real columns (filtered and
  indexed), the reconciled Event (with analyst corrections applied) is kept as JSON.
- corrections: the audit trail of analyst changes (who, when, what, old and new value, why).

The schema is created and upgraded by the Alembic migrations in `migrations/`.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    external_id: Mapped[Optional[str]] = mapped_column(String(255))
    url: Mapped[Optional[str]] = mapped_column(Text, index=False)
    title: Mapped[Optional[str]] = mapped_column(Text)
    outlet: Mapped[Optional[str]] = mapped_column(String(255))
    published: Mapped[Optional[dt.date]] = mapped_column(Date)
    lang: Mapped[Optional[str]] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    errors: Mapped[Optional[list]] = mapped_column(JSON)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    source_events: Mapped[list["SourceEventRow"]] = relationship(back_populates="article")


Index("ix_articles_url", ArticleRow.url)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    country: Mapped[Optional[str]] = mapped_column(String(100), index=True)
    admin1: Mapped[Optional[str]] = mapped_column(String(200))
    event_type: Mapped[Optional[str]] = mapped_column(String(100), index=True)
    sub_event_type: Mapped[Optional[str]] = mapped_column(String(100))
    actor1: Mapped[Optional[str]] = mapped_column(String(300))
    actor2: Mapped[Optional[str]] = mapped_column(String(300))
    actors_text: Mapped[Optional[str]] = mapped_column(Text)  # lower-cased actor1/2 + assoc, for search
    fatalities: Mapped[Optional[int]] = mapped_column(Integer, index=True)
    latitude: Mapped[Optional[float]] = mapped_column(Float)
    longitude: Mapped[Optional[float]] = mapped_column(Float)
    rejected: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)
    n_sources: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    sources: Mapped[list["SourceEventRow"]] = relationship(back_populates="incident")


Index("ix_incidents_country_date", IncidentRow.country, IncidentRow.event_date)


class SourceEventRow(Base):
    __tablename__ = "source_events"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    event_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    country: Mapped[Optional[str]] = mapped_column(String(100))
    sub_event_type: Mapped[Optional[str]] = mapped_column(String(100))
    merge_reason: Mapped[Optional[str]] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    article: Mapped[ArticleRow] = relationship(back_populates="source_events")
    incident: Mapped[IncidentRow] = relationship(back_populates="sources")


class CorrectionRow(Base):
    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(32), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))  # correct | reject | restore | merge | split
    field: Mapped[Optional[str]] = mapped_column(String(100))
    old: Mapped[Optional[Any]] = mapped_column(JSON)
    new: Mapped[Optional[Any]] = mapped_column(JSON)
    reason: Mapped[Optional[str]] = mapped_column(Text)
