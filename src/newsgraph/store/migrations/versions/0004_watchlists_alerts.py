"""watchlists, alerts and their deliveries

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'watchlists',
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('entities', sa.JSON(), nullable=False),
        sa.Column('with_entities', sa.JSON(), nullable=False),
        sa.Column('types', sa.JSON(), nullable=False),
        sa.Column('quads', sa.JSON(), nullable=False),
        sa.Column('status_change', sa.Boolean(), nullable=False),
        sa.Column('quotes', sa.Boolean(), nullable=False),
        sa.Column('first_seen', sa.Boolean(), nullable=False),
        sa.Column('delivery', sa.String(length=20), nullable=False),
        sa.Column('target', sa.Text(), nullable=True),
        sa.Column('created_at', sa.String(length=40), nullable=True),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_table(
        'alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=400), nullable=False),
        sa.Column('watchlist', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('subject', sa.String(length=260), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('evidence', sa.JSON(), nullable=False),
        sa.Column('detail', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.String(length=40), nullable=True),
        sa.Column('read', sa.Boolean(), nullable=False),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key'),
    )
    op.create_index('ix_alerts_watchlist', 'alerts', ['watchlist'])
    op.create_index('ix_alerts_subject', 'alerts', ['subject'])
    op.create_index('ix_alerts_created_at', 'alerts', ['created_at'])
    op.create_index('ix_alerts_read', 'alerts', ['read'])
    op.create_table(
        'deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('alert_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('target', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('next_attempt_at', sa.String(length=40), nullable=True),
        sa.Column('delivered_at', sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_deliveries_alert_id', 'deliveries', ['alert_id'])
    op.create_index('ix_deliveries_status', 'deliveries', ['status'])


def downgrade() -> None:
    op.drop_table('deliveries')
    op.drop_table('alerts')
    op.drop_table('watchlists')
