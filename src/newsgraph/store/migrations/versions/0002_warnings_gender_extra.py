"""documents.warnings, doc_entities.gender, and an ``extra`` JSON column on every per-document table

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# the per-document tables: model fields without a column of their own go to ``extra``
EXTRA_TABLES = ('documents', 'doc_entities', 'mentions', 'timexes', 'quotes', 'doc_events', 'relations')


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('warnings', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('doc_entities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gender', sa.String(length=10), nullable=True))
    for table in EXTRA_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('extra', sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in reversed(EXTRA_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('extra')
    with op.batch_alter_table('doc_entities', schema=None) as batch_op:
        batch_op.drop_column('gender')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('warnings')
