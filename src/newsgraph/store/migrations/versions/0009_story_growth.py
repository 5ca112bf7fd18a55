"""index on documents.duplicate_of (incremental story resolution looks up the near-copies of a
document without scanning the table), and a mark that the stored blocking keys predate the
event keys of each member's own interval, so the next resolution is a full pass

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM resolution_keys LIMIT 1")).first() is not None:
        bind.execute(sa.text("INSERT INTO resolution_dirty (kind, ref) VALUES ('full', 'blocking keys of 0009')"))


def downgrade() -> None:
    op.drop_index("ix_documents_duplicate_of", table_name="documents")
