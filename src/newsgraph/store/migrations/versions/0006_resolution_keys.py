"""resolution_keys (blocking keys), canonical_entities.tally and resolution_dirty (canonical
records that lost members), for incremental resolution

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-10
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('resolution_keys',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('kind', sa.String(length=10), nullable=False),
                    sa.Column('key', sa.Text(), nullable=False),
                    sa.Column('ref', sa.String(length=200), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_resolution_keys_kind_key', 'resolution_keys', ['kind', 'key'], unique=False)
    op.create_index('ix_resolution_keys_ref', 'resolution_keys', ['ref'], unique=False)
    op.create_table('resolution_dirty',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('kind', sa.String(length=10), nullable=False),
                    sa.Column('ref', sa.String(length=200), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_doc_entities_canonical_doc', 'doc_entities', ['canonical_id', 'doc_id'], unique=False)
    with op.batch_alter_table('canonical_entities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tally', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('canonical_entities', schema=None) as batch_op:
        batch_op.drop_column('tally')
    op.drop_index('ix_doc_entities_canonical_doc', table_name='doc_entities')
    op.drop_table('resolution_dirty')
    op.drop_index('ix_resolution_keys_ref', table_name='resolution_keys')
    op.drop_index('ix_resolution_keys_kind_key', table_name='resolution_keys')
    op.drop_table('resolution_keys')
