"""Alembic environment for the newsgraph store.

The store applies migrations itself when it opens a database
(:func:`newsgraph.store.db.upgrade`), passing its open connection in
``config.attributes["connection"]``; a URL in ``sqlalchemy.url`` works too
(for running ``alembic`` by hand).
"""

from alembic import context
from sqlalchemy import Connection, create_engine

from newsgraph.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        run_with(conn)
