"""review_corrections: analysts' corrections (newsgraph.review)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'review_corrections',
        sa.Column('id', sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('targets', sa.JSON(), nullable=False),
        sa.Column('anchors', sa.JSON(), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('author', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('created_at', sa.String(length=40), nullable=False),
        sa.Column('withdrawn_at', sa.String(length=40), nullable=True),
        sa.Column('withdrawn_by', sa.Text(), nullable=True),
    )
    op.create_index('ix_review_corrections_kind', 'review_corrections', ['kind'])


def downgrade() -> None:
    op.drop_index('ix_review_corrections_kind', table_name='review_corrections')
    op.drop_table('review_corrections')
