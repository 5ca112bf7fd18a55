"""rule columns as Text: an event's rule names every finder and model step that fired, which
outgrew 80 characters (PostgreSQL enforces VARCHAR lengths; SQLite never did)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ("doc_entities", "mentions", "timexes", "quotes", "relations", "doc_events")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite stores any length in a VARCHAR column: nothing to change
    for table in TABLES:
        op.alter_column(table, "rule", type_=sa.Text(), existing_type=sa.String(length=80))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.alter_column(table, "rule", type_=sa.String(length=80), existing_type=sa.Text())
