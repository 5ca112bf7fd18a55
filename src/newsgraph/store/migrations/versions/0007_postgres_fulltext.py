"""PostgreSQL full-text search: a generated ``tsvector`` column with a GIN index on documents
and quotes (SQLite has its FTS5 tables since 0001; there this revision does nothing)

The 'simple' configuration lower-cases words without stemming, as FTS5's default tokenizer
does.  Only the first 300,000 characters of a text are indexed: a ``tsvector`` holds at most
1 MB, and a longer article must still be storable.

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-10
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

INDEXED_CHARACTERS = 300_000
VECTORS = {
    'documents': "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || "
                 f"to_tsvector('simple', left(text, {INDEXED_CHARACTERS}))",
    'quotes': "to_tsvector('simple', coalesce(speaker_text, '') || ' ' || "
              f"left(text, {INDEXED_CHARACTERS}))",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table, expression in VECTORS.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                   f"GENERATED ALWAYS AS ({expression}) STORED")
        op.execute(f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in VECTORS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_vector")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
