"""The event store: articles, coded events, de-duplicated incidents and analyst corrections.

    store = open_store("sqlite:///events.db")          # or a path, or postgresql://...
    store.add_results([(article, code_result), ...])  # one transaction, idempotent by content hash
    store.query_events(EventFilter(country="Syria"), limit=100)
    store.correct_event(incident_id, {"fatalities": 12}, author="ana", reason="ministry figure")

SQLite is the embedded default (no setup; default file under the user's data directory);
PostgreSQL is chosen by URL. The schema is managed by Alembic migrations shipped in the package
and applied when a store is opened.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from sqlalchemy import and_, create_engine, event, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..models import Article, CodeResult, Event
from .dedup import DedupConfig, match, reconcile
from .schema import ArticleRow, CorrectionRow, IncidentRow, SourceEventRow, utcnow

__all__ = ["open_store", "Store", "EventFilter", "StoreError", "AddOutcome", "DedupConfig", "default_url"]


class StoreError(Exception):
    """A store problem with a one-line message (bad URL, no server, unknown id, bad value)."""


@dataclass
class EventFilter:
    country: Optional[str] = None
    admin1: Optional[str] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    actor: Optional[str] = None
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    min_fatalities: Optional[int] = None
    include_rejected: bool = False
    bbox: Optional[tuple[float, float, float, float]] = None  # west, south, east, north


@dataclass
class AddOutcome:
    article_id: str
    created: bool
    event_ids: list[str]
    merged: int = 0  # how many of the article's events joined an existing incident


# Fields an analyst may correct (everything in the ACLED row and the extensions, not evidence).
CORRECTABLE = [f for f in Event.model_fields if f not in ("event_id", "evidence", "claims")]


def default_url() -> str:
    import platformdirs

    d = platformdirs.user_data_dir("conflictcoder")
    return "sqlite:///" + os.path.join(d, "events.db")


def _normalise_url(url: Optional[str]) -> str:
    if not url:
        url = os.environ.get("CONFLICTCODER_DB") or default_url()
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:  # a plain file path
        return "sqlite:///" + os.path.abspath(url)
    if url.startswith(("sqlite:", "postgresql+")):
        return url
    raise StoreError(f"unsupported database URL {url!r}: use a file path, sqlite:///PATH or postgresql://USER@HOST/DB")


def content_hash(text: str) -> str:
    norm = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def open_store(url: Optional[str] = None, dedup: Optional[DedupConfig] = None) -> "Store":
    return Store(url, dedup)


class Store:
    def __init__(self, url: Optional[str] = None, dedup: Optional[DedupConfig] = None):
        self.url = _normalise_url(url)
        self.dedup = dedup or DedupConfig()
        if self.url.startswith("sqlite:///"):
            path = self.url[len("sqlite:///"):]
            if path and path != ":memory:":
                d = os.path.dirname(os.path.abspath(path))
                if not os.path.isdir(d):
                    try:
                        os.makedirs(d, exist_ok=True)
                    except OSError as exc:
                        raise StoreError(f"cannot create the directory for {path}: {exc.strerror}")
        try:
            self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot use database {self._safe_url()}: {str(exc).splitlines()[0]}")
        if self.engine.dialect.name == "sqlite":
            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi_conn, _):  # pragma: no cover - trivial
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=10000")
                cur.close()
        self._migrate()
        self.Session = sessionmaker(self.engine, expire_on_commit=False, future=True)

    def _safe_url(self) -> str:
        return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", self.url)

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", os.path.join(os.path.dirname(__file__), "migrations"))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except OperationalError as exc:
            raise StoreError(f"cannot open database {self._safe_url()}: {str(exc.orig).splitlines()[0] if exc.orig else exc}")
        except SQLAlchemyError as exc:
            raise StoreError(f"database {self._safe_url()}: {str(exc).splitlines()[0]}")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------------------ writing
    def has_article(self, url: Optional[str] = None, content_hash: Optional[str] = None) -> bool:
        with self.Session() as s:
            q = select(ArticleRow.id)
            if url:
                q = q.where(ArticleRow.url == url)
            elif content_hash:
                q = q.where(ArticleRow.content_hash == content_hash)
            else:
                return False
            return s.execute(q.limit(1)).first() is not None

    def add_results(self, items: Iterable[tuple[Article, CodeResult]]) -> list[AddOutcome]:
        """Store articles with their coded events in ONE transaction; a failure stores nothing."""
        items = list(items)
        out: list[AddOutcome] = []
        try:
            with self.Session.begin() as s:
                for art, res in items:
                    out.append(self._add_one(s, art, res))
        except IntegrityError:
            # a concurrent writer stored one of these articles meanwhile: retry one by one
            out = []
            for art, res in items:
                with self.Session.begin() as s:
                    out.append(self._add_one(s, art, res))
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store {len(items)} article(s): {str(exc).splitlines()[0]}")
        return out

    def _add_one(self, s: Session, art: Article, res: CodeResult) -> AddOutcome:
        h = content_hash(art.text)
        existing = s.execute(select(ArticleRow).where(ArticleRow.content_hash == h)).scalar_one_or_none()
        if existing is not None:
            inc_ids = [r for (r,) in s.execute(select(SourceEventRow.incident_id).where(SourceEventRow.article_id == existing.id))]
            return AddOutcome(existing.id, False, list(dict.fromkeys(inc_ids)))
        aid = h[:16]
        row = ArticleRow(id=aid, content_hash=h, external_id=art.id, url=art.url, title=art.title, outlet=art.outlet,
                         published=art.published, lang=res.lang or art.lang, text=art.text, errors=res.errors or None,
                         added_at=utcnow())
        s.add(row)
        s.flush()
        event_ids: list[str] = []
        merged = 0
        for ev in res.events:
            d = ev.model_dump(mode="json")
            sid = f"{aid}-{ev.event_id}"[:64]
            inc, reason = self._find_incident(s, d)
            if inc is None:
                inc = IncidentRow(id=uuid.uuid4().hex[:16], rejected=False, corrected=False, n_sources=0, payload={},
                                  updated_at=utcnow())
                s.add(inc)
                s.flush()
                reason = "first report"
            else:
                merged += 1
            s.add(SourceEventRow(id=sid, article_id=aid, incident_id=inc.id, event_date=_d(d.get("event_date")),
                                 country=d.get("country"), sub_event_type=d.get("sub_event_type"), merge_reason=reason,
                                 payload=d, added_at=utcnow()))
            s.flush()
            self._recompute(s, inc)
            event_ids.append(inc.id)
        return AddOutcome(aid, True, list(dict.fromkeys(event_ids)), merged)

    def _find_incident(self, s: Session, d: dict) -> tuple[Optional[IncidentRow], Optional[str]]:
        date = _d(d.get("event_date"))
        if date is None:
            return None, None
        win = dt.timedelta(days=self.dedup.max_days)
        q = select(IncidentRow).where(IncidentRow.event_date.between(date - win, date + win), IncidentRow.rejected.is_(False))
        if d.get("country"):
            q = q.where(IncidentRow.country == d["country"])
        for inc in s.execute(q.limit(200)).scalars():
            reason = match(d, inc.payload, self.dedup)
            if reason:
                return inc, reason
        return None, None

    def _recompute(self, s: Session, inc: IncidentRow) -> None:
        srcs = list(s.execute(select(SourceEventRow).where(SourceEventRow.incident_id == inc.id)
                              .order_by(SourceEventRow.added_at, SourceEventRow.id)).scalars())
        if not srcs:
            s.delete(inc)
            return
        payloads = [dict(x.payload, _article_id=x.article_id) for x in srcs]
        rec = reconcile(payloads)
        # analyst corrections override the coded values, in order
        corr = s.execute(select(CorrectionRow).where(CorrectionRow.incident_id == inc.id, CorrectionRow.action == "correct")
                         .order_by(CorrectionRow.id)).scalars()
        corrected = False
        for c in corr:
            rec[c.field] = c.new
            corrected = True
        inc.payload = rec
        inc.corrected = corrected
        inc.n_sources = len(srcs)
        _set_columns(inc, rec)
        inc.updated_at = utcnow()

    # ------------------------------------------------------------------------------ reading
    def _where(self, f: EventFilter):
        conds = []
        if not f.include_rejected:
            conds.append(IncidentRow.rejected.is_(False))
        if f.country:
            conds.append(IncidentRow.country == _canonical_country(f.country))
        if f.admin1:
            conds.append(func.lower(IncidentRow.admin1) == f.admin1.lower())
        if f.event_type:
            conds.append(IncidentRow.event_type == _canonical(f.event_type, 0))
        if f.sub_event_type:
            conds.append(IncidentRow.sub_event_type == _canonical(f.sub_event_type, 1))
        if f.actor:
            conds.append(IncidentRow.actors_text.contains(f.actor.lower()))
        if f.since:
            conds.append(IncidentRow.event_date >= f.since)
        if f.until:
            conds.append(IncidentRow.event_date <= f.until)
        if f.min_fatalities is not None:
            conds.append(IncidentRow.fatalities >= f.min_fatalities)
        if f.bbox:
            w, so, e, n = f.bbox
            conds.append(and_(IncidentRow.longitude >= w, IncidentRow.longitude <= e,
                              IncidentRow.latitude >= so, IncidentRow.latitude <= n))
        return and_(*conds) if conds else True

    def query_events(self, f: Optional[EventFilter] = None, limit: Optional[int] = 100, offset: int = 0) -> list[dict]:
        f = f or EventFilter()
        with self.Session() as s:
            q = select(IncidentRow).where(self._where(f)).order_by(IncidentRow.event_date.desc(), IncidentRow.id).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            return [_row(inc) for inc in s.execute(q).scalars()]

    def iter_events(self, f: Optional[EventFilter] = None, batch: int = 5000):
        """All matching incidents, streamed in pages (for exports)."""
        off = 0
        while True:
            page = self.query_events(f, limit=batch, offset=off)
            yield from page
            if len(page) < batch:
                return
            off += batch

    def count_events(self, f: Optional[EventFilter] = None) -> int:
        with self.Session() as s:
            return s.execute(select(func.count()).select_from(IncidentRow).where(self._where(f or EventFilter()))).scalar_one()

    def counts(self) -> dict:
        with self.Session() as s:
            return {"articles": s.execute(select(func.count()).select_from(ArticleRow)).scalar_one(),
                    "events": s.execute(select(func.count()).select_from(IncidentRow).where(IncidentRow.rejected.is_(False))).scalar_one(),
                    "source_events": s.execute(select(func.count()).select_from(SourceEventRow)).scalar_one()}

    def get_event(self, id: str) -> Optional[dict]:
        with self.Session() as s:
            inc = s.get(IncidentRow, id)
            if inc is None:
                return None
            out = _row(inc)
            sources = []
            for se in s.execute(select(SourceEventRow).where(SourceEventRow.incident_id == id)
                                .order_by(SourceEventRow.added_at, SourceEventRow.id)).scalars():
                a = se.article
                sources.append({"source_event_id": se.id, "article_id": a.id, "url": a.url, "title": a.title,
                                "outlet": a.outlet, "published": a.published.isoformat() if a.published else None,
                                "lang": a.lang, "text": a.text, "merge_reason": se.merge_reason, "event": se.payload})
            out["sources"] = sources
            out["merge_reasons"] = [x["merge_reason"] for x in sources]
            out["history"] = [_corr(c) for c in s.execute(select(CorrectionRow).where(CorrectionRow.incident_id == id)
                                                          .order_by(CorrectionRow.id)).scalars()]
            return out

    # ------------------------------------------------------------------------------ analyst review
    def correct_event(self, id: str, changes: dict, author: str, reason: Optional[str] = None) -> dict:
        if not changes:
            raise StoreError("no changes given")
        bad = [k for k in changes if k not in CORRECTABLE]
        if bad:
            raise StoreError(f"cannot correct {', '.join(sorted(bad))}: not an event field (fields: event_date, actor1, fatalities, ...)")
        with self.Session.begin() as s:
            inc = self._get(s, id)
            merged = dict(inc.payload, **changes)
            merged.setdefault("event_id", inc.id)
            try:
                checked = Event.model_validate(merged).model_dump(mode="json")
            except Exception as exc:  # pydantic ValidationError: one line per problem
                msg = str(exc).splitlines()
                raise StoreError(f"invalid value: {msg[1] if len(msg) > 1 else msg[0]} {msg[2].strip() if len(msg) > 2 else ''}".strip())
            for k in changes:
                s.add(CorrectionRow(incident_id=id, at=utcnow(), author=author, action="correct", field=k,
                                    old=inc.payload.get(k), new=checked[k], reason=reason))
            s.flush()
            self._recompute(s, inc)
        return self.get_event(id)  # type: ignore[return-value]

    def reject_event(self, id: str, author: str, reason: Optional[str] = None, rejected: bool = True) -> dict:
        with self.Session.begin() as s:
            inc = self._get(s, id)
            s.add(CorrectionRow(incident_id=id, at=utcnow(), author=author, action="reject" if rejected else "restore",
                                field="rejected", old=inc.rejected, new=rejected, reason=reason))
            inc.rejected = rejected
            inc.updated_at = utcnow()
        return self.get_event(id)  # type: ignore[return-value]

    def merge_events(self, ids: list[str], author: str, reason: Optional[str] = None) -> dict:
        ids = list(dict.fromkeys(ids))
        if len(ids) < 2:
            raise StoreError("merging needs at least two event ids")
        with self.Session.begin() as s:
            keep = self._get(s, ids[0])
            for other_id in ids[1:]:
                other = self._get(s, other_id)
                for se in list(other.sources):
                    se.incident = keep
                    se.merge_reason = f"merged by {author}" + (f": {reason}" if reason else "")
                for c in s.execute(select(CorrectionRow).where(CorrectionRow.incident_id == other_id)).scalars():
                    c.incident_id = keep.id
                s.add(CorrectionRow(incident_id=keep.id, at=utcnow(), author=author, action="merge", field=None,
                                    old=other_id, new=keep.id, reason=reason))
                s.flush()
                s.delete(other)
            s.flush()
            self._recompute(s, keep)
        return self.get_event(ids[0])  # type: ignore[return-value]

    def split_event(self, id: str, source_event_ids: list[str], author: str, reason: Optional[str] = None) -> dict:
        with self.Session.begin() as s:
            inc = self._get(s, id)
            srcs = {se.id: se for se in inc.sources}
            unknown = [x for x in source_event_ids if x not in srcs]
            if unknown:
                raise StoreError(f"source events {', '.join(unknown)} are not part of event {id}")
            if not source_event_ids or len(source_event_ids) >= len(srcs):
                raise StoreError("a split must leave at least one source with each event")
            new = IncidentRow(id=uuid.uuid4().hex[:16], rejected=False, corrected=False, n_sources=0, payload={},
                              updated_at=utcnow())
            s.add(new)
            s.flush()
            for x in source_event_ids:
                srcs[x].incident = new
                srcs[x].merge_reason = f"split off by {author}" + (f": {reason}" if reason else "")
            for target in (inc, new):
                s.add(CorrectionRow(incident_id=target.id, at=utcnow(), author=author, action="split", field=None,
                                    old=id, new=new.id, reason=reason))
            s.flush()
            self._recompute(s, inc)
            self._recompute(s, new)
            new_id = new.id
        return self.get_event(new_id)  # type: ignore[return-value]

    def _get(self, s: Session, id: str) -> IncidentRow:
        inc = s.get(IncidentRow, id)
        if inc is None:
            raise StoreError(f"no event with id {id!r}")
        return inc

    # ------------------------------------------------------------------------------ summaries
    def stats(self, f: Optional[EventFilter] = None, top: int = 15) -> dict:
        f = f or EventFilter()
        with self.Session() as s:
            where = self._where(f)
            total = s.execute(select(func.count(), func.coalesce(func.sum(IncidentRow.fatalities), 0)).where(where)).one()
            by_type = [{"event_type": t, "events": n, "fatalities": int(fat or 0)} for t, n, fat in s.execute(
                select(IncidentRow.event_type, func.count(), func.sum(IncidentRow.fatalities)).where(where)
                .group_by(IncidentRow.event_type).order_by(func.count().desc()))]
            by_actor = [{"actor": a, "events": n, "fatalities": int(fat or 0)} for a, n, fat in s.execute(
                select(IncidentRow.actor1, func.count(), func.sum(IncidentRow.fatalities)).where(where)
                .group_by(IncidentRow.actor1).order_by(func.count().desc()).limit(top))]
            weeks: dict[str, dict] = {}
            for d, t, fat in s.execute(select(IncidentRow.event_date, IncidentRow.event_type, IncidentRow.fatalities).where(where)):
                if d is None:
                    continue
                wk = (d - dt.timedelta(days=d.weekday())).isoformat()
                w = weeks.setdefault(wk, {"week": wk, "events": 0, "fatalities": 0, "by_type": {}})
                w["events"] += 1
                w["fatalities"] += int(fat or 0)
                w["by_type"][t] = w["by_type"].get(t, 0) + 1
        return {"events": total[0], "fatalities": int(total[1] or 0), "by_week": [weeks[k] for k in sorted(weeks)],
                "by_type": by_type, "by_actor": by_actor}

    def facets(self) -> dict:
        with self.Session() as s:
            live = IncidentRow.rejected.is_(False)
            countries = [c for (c,) in s.execute(select(IncidentRow.country).where(live).distinct().order_by(IncidentRow.country)) if c]
            admin1: dict[str, list[str]] = {}
            for c, a in s.execute(select(IncidentRow.country, IncidentRow.admin1).where(live).distinct()):
                if c and a:
                    admin1.setdefault(c, []).append(a)
            types = [t for (t,) in s.execute(select(IncidentRow.event_type).where(live).distinct().order_by(IncidentRow.event_type)) if t]
            subs = [t for (t,) in s.execute(select(IncidentRow.sub_event_type).where(live).distinct().order_by(IncidentRow.sub_event_type)) if t]
            actors = [a for (a, _) in s.execute(select(IncidentRow.actor1, func.count()).where(live).group_by(IncidentRow.actor1)
                                                .order_by(func.count().desc()).limit(300)) if a]
            dates = s.execute(select(func.min(IncidentRow.event_date), func.max(IncidentRow.event_date)).where(live)).one()
        return {"countries": countries, "admin1": {k: sorted(v) for k, v in admin1.items()}, "event_types": types,
                "sub_event_types": subs, "actors": actors,
                "date_min": dates[0].isoformat() if dates[0] else None, "date_max": dates[1].isoformat() if dates[1] else None}


def _canonical_country(name: str) -> str:
    """'syria', 'Syrien', 'SY' -> 'Syria' (ACLED's name), so that the indexed column can be used."""
    from .. import countries

    c = countries.by_name(name) or (countries.by_iso2(name.upper()) if len(name) == 2 else None)
    return c.name if c else name


def _canonical(value: str, part: int) -> str:
    """Case-insensitive ACLED event type (part 0) or sub-event type (part 1)."""
    from ..taxonomy import HIERARCHY

    for pair in HIERARCHY:
        if pair[part].lower() == value.lower():
            return pair[part]
    return value


def _d(v: Any) -> Optional[dt.date]:
    if v in (None, ""):
        return None
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _set_columns(inc: IncidentRow, rec: dict) -> None:
    inc.event_date = _d(rec.get("event_date"))
    inc.country = rec.get("country")
    inc.admin1 = rec.get("admin1")
    inc.event_type = rec.get("event_type")
    inc.sub_event_type = rec.get("sub_event_type")
    inc.actor1 = rec.get("actor1")
    inc.actor2 = rec.get("actor2")
    inc.actors_text = " | ".join(str(rec.get(k) or "") for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")).lower()
    inc.fatalities = rec.get("fatalities")
    inc.latitude = rec.get("latitude")
    inc.longitude = rec.get("longitude")


def _row(inc: IncidentRow) -> dict:
    d = dict(inc.payload)
    d["id"] = inc.id
    d["event_id_cnty"] = inc.id
    d["n_sources"] = inc.n_sources
    d["corrected"] = inc.corrected
    d["rejected"] = inc.rejected
    return d


def _corr(c: CorrectionRow) -> dict:
    return {"at": c.at.isoformat(timespec="seconds") + "Z", "author": c.author, "action": c.action, "field": c.field,
            "old": c.old, "new": c.new, "reason": c.reason}
