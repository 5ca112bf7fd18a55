"""A real PostgreSQL server answers through SQLAlchemy and psycopg 3 (the `postgres` extra).

The server is the one named by $NEWSGRAPH_TEST_PG_URL; ``.ci/run`` starts a private one
with ``.ci/postgres.sh`` and exports it. Unset, the test skips (fails under CI=true).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from service_support import service_missing

PG_URL_VARIABLE = "NEWSGRAPH_TEST_PG_URL"


@pytest.fixture()
def pg_engine() -> Iterator[sa.Engine]:
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        service_missing(f"${PG_URL_VARIABLE} is not set (start a server with `source .ci/postgres.sh`)")
    engine = sa.create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_create_insert_and_read_back(pg_engine: sa.Engine) -> None:
    metadata = sa.MetaData()
    table = sa.Table(
        f"smoke_{uuid.uuid4().hex[:12]}",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("seen", sa.Date),
    )
    metadata.create_all(pg_engine)
    try:
        with pg_engine.begin() as connection:
            connection.execute(table.insert(), [{"id": 1, "name": "Choe Son-hui"}, {"id": 2, "name": "Ünal"}])
        with pg_engine.connect() as connection:
            rows = connection.execute(sa.select(table.c.id, table.c.name).order_by(table.c.id)).all()
            server = connection.execute(sa.text("select version()")).scalar_one()
        assert [tuple(row) for row in rows] == [(1, "Choe Son-hui"), (2, "Ünal")]
        assert pg_engine.dialect.driver == "psycopg"
        assert server.startswith("PostgreSQL")
    finally:
        metadata.drop_all(pg_engine)
