"""initial schema: articles, incidents, source events, corrections

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("external_id", sa.String(255)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(255)),
        sa.Column("published", sa.Date),
        sa.Column("lang", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("errors", sa.JSON),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"], unique=True)
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("event_date", sa.Date),
        sa.Column("country", sa.String(100)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("event_type", sa.String(100)),
        sa.Column("sub_event_type", sa.String(100)),
        sa.Column("actor1", sa.String(300)),
        sa.Column("actor2", sa.String(300)),
        sa.Column("actors_text", sa.Text),
        sa.Column("fatalities", sa.Integer),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("rejected", sa.Boolean, nullable=False),
        sa.Column("corrected", sa.Boolean, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    for col in ("event_date", "country", "event_type", "fatalities", "rejected"):
        op.create_index(f"ix_incidents_{col}", "incidents", [col])
    op.create_index("ix_incidents_country_date", "incidents", ["country", "event_date"])
    op.create_table(
        "source_events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("incident_id", sa.String(32), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("country", sa.String(100)),
        sa.Column("sub_event_type", sa.String(100)),
        sa.Column("merge_reason", sa.Text),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_source_events_article_id", "source_events", ["article_id"])
    op.create_index("ix_source_events_incident_id", "source_events", ["incident_id"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("field", sa.String(100)),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_corrections_incident_id", "corrections", ["incident_id"])


def downgrade() -> None:
    op.drop_table("corrections")
    op.drop_table("source_events")
    op.drop_table("incidents")
    op.drop_table("articles")
