"""Store back ends for the tests: a SQLite file, or a fresh PostgreSQL database per test.

``BACKENDS`` parametrizes the store fixtures (tests/store/conftest.py).  PostgreSQL runs on
the server named by $NEWSGRAPH_TEST_PG_URL (``.ci/run`` starts one with ``.ci/postgres.sh``);
unset, PostgreSQL cases skip with that reason (and fail under CI=true).
Import with ``from db_support import ...``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from service_support import service_missing

PG_URL_VARIABLE = "NEWSGRAPH_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def pg_server_url() -> str:
    """The test server's URL, or skip (fail under CI) when none is configured."""
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        service_missing(f"${PG_URL_VARIABLE} is not set: no PostgreSQL server for the PostgreSQL store tests "
                        "(start one with `source .ci/postgres.sh`)")
    return url


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, empty database on the test server (dropped afterwards); yields its URL."""
    server = sa.engine.make_url(pg_server_url())
    name = f"ng_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@contextmanager
def database_factory(backend: str, folder: Path) -> Iterator[Callable[[str], str]]:
    """``new(name)`` gives the URL (or SQLite path) of a new empty store database on ``backend``."""
    with _Databases(backend, folder) as new:
        yield new


class _Databases:
    def __init__(self, backend: str, folder: Path):
        self.backend, self.folder = backend, folder
        self.opened: list = []

    def __enter__(self) -> Callable[[str], str]:
        if self.backend == "postgresql":
            pg_server_url()
        return self.new

    def new(self, name: str = "corpus") -> str:
        if self.backend == "sqlite":
            return str(self.folder / f"{name}.sqlite")
        context = fresh_pg_database()
        self.opened.append(context)
        return context.__enter__()

    def __exit__(self, *exc_info: object) -> None:
        for context in reversed(self.opened):
            context.__exit__(None, None, None)


@contextmanager
def copied_store_database(url: str, folder: Path) -> Iterator[str]:
    """A copy of the store database at ``url`` (on PostgreSQL its other sessions are ended):
    a SQLite backup into ``folder``, or a PostgreSQL database made from it as a template."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        copy_path = folder / "copy.sqlite"
        with sqlite3.connect(str(parsed.database)) as src, sqlite3.connect(copy_path) as dst:
            src.backup(dst)  # the WAL's committed pages included
        yield str(copy_path)
        return
    name = f"ng_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:  # a template must have no sessions: end the idle pooled ones
            conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = :d AND pid <> pg_backend_pid()"), {"d": parsed.database})
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"')
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
