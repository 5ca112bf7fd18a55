"""Opening a store database: where it lives, engine settings, schema migrations.

Schema creation and every migration run in ONE transaction that first takes the database's
write lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory lock), so a
process killed while creating a store leaves no half-made schema, and two processes opening a
fresh store at once wait for each other: the second finds the schema made and does nothing.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from ..config import ConfigurationError, Settings

DB_FILENAME = "newsgraph.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
POSTGRES_SCHEMES = ("postgresql", "postgres")

log = logging.getLogger("newsgraph.store")

# SQLite: how long a writer first tries for the write lock before saying it waits, and how
# long it then waits for another writer (an ingest's resolution pass can hold it for minutes).
WRITE_LOCK_TRY_MS = 200
WRITE_LOCK_WAIT_MS = 15 * 60 * 1000
READ_BUSY_MS = 30000
# PostgreSQL advisory lock keys: saves hold RESOLUTION_LOCK shared, a resolution pass exclusive;
# DOCUMENT_LOCK_CLASS with a hash of a doc id or content hash serialises saves of one article.
RESOLUTION_LOCK = 0x6E67_7265
DOCUMENT_LOCK_CLASS = 0x6E67
MIGRATION_LOCK = 0x6E67_6D69


class StoreError(Exception):
    """A store that cannot be opened or used; the message is one line for the user."""


def database_url(db: str | Path | None = None, settings: Settings | None = None,
                 create: bool = True) -> str:
    """``db`` may be a SQLAlchemy URL, a file path, or None for ``<data_dir>/newsgraph.sqlite``.
    With ``create=False`` a SQLite file that does not exist is a :class:`StoreError`."""
    if db is None:
        data_dir = Path((settings or Settings()).data_dir)
        path = data_dir / DB_FILENAME
    else:
        given = str(db)
        if "://" in given:
            return normalise_url(given)
        path = Path(given).expanduser()
    if not create and not path.is_file():
        what = "not a file" if path.exists() else "no such store"
        raise StoreError(f"{path}: {what} (create one with: newsgraph ingest FILES --db {path})")
    if path.exists() and not path.is_file():
        raise StoreError(f"{path}: not a store file ({'a folder' if path.is_dir() else 'not a regular file'})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create its folder ({exc.strerror or exc})") from None
    return f"sqlite:///{path.resolve()}"


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` get the psycopg 3 driver (the ``postgres`` extra);
    other URLs are used as given."""
    parsed = make_url(url)
    if parsed.drivername in POSTGRES_SCHEMES:
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is off: SQLAlchemy's "begin" event below emits
    # BEGIN, so a reading session sees one snapshot and a writer takes the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer, and a killed writer leaves every committed
    # transaction intact and no partial one.  NORMAL sync is safe against process death.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={READ_BUSY_MS}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN for readers; BEGIN IMMEDIATE (the write lock, waited for) for sessions made by
    :func:`writer_engine`, so two writers queue instead of failing half-way."""
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    if not conn.get_execution_options().get("newsgraph_writer"):
        raw.execute("BEGIN")
        return
    raw.execute(f"PRAGMA busy_timeout={WRITE_LOCK_TRY_MS}")
    try:
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            log.warning("newsgraph: waiting for another writer to finish with this store ...")
            raw.execute(f"PRAGMA busy_timeout={WRITE_LOCK_WAIT_MS}")
            raw.execute("BEGIN IMMEDIATE")
    finally:
        raw.execute(f"PRAGMA busy_timeout={READ_BUSY_MS}")


SQLITE_CACHED_STATEMENTS = 32  # prepared statements kept per connection (the driver keeps 128: the lookups'
# IN lists of every length make many distinct statements, so over 20,000 articles a long ingest held 5 MiB
# more of them; 32 and 128 save and resolve at the same speed)


def make_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() == "postgresql":
        _require_psycopg(url)
        engine = create_engine(url, future=True, pool_pre_ping=True)
    else:
        engine = create_engine(url, future=True, connect_args={"cached_statements": SQLITE_CACHED_STATEMENTS})
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _require_psycopg(url: str) -> None:
    if make_url(url).get_driver_name() == "psycopg":
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise ConfigurationError("a PostgreSQL store needs psycopg 3: pip install 'newsgraph[postgres]'") from exc


def writer_engine(engine: Engine) -> Engine:
    """The engine for writing transactions: on SQLite they begin IMMEDIATE (see _sqlite_begin)."""
    return engine.execution_options(newsgraph_writer=True)


def reader_engine(engine: Engine) -> Engine:
    """The engine for reading sessions: on PostgreSQL one snapshot per session (REPEATABLE READ),
    as SQLite's deferred transaction gives, so a reader never sees half a document."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ")
    return engine


@contextmanager
def write_locks(conn: Connection, resolution: bool = False, keys: tuple[str, ...] = ()) -> Iterator[None]:
    """PostgreSQL advisory locks for one writing transaction (released when it ends): a
    resolution pass excludes saves, saves run side by side but one article at a time.  SQLite's
    BEGIN IMMEDIATE already serialises writers, so there it takes nothing."""
    if conn.dialect.name == "postgresql":
        if resolution:
            got = conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": RESOLUTION_LOCK}).scalar()
            if not got:
                log.warning("newsgraph: waiting for other writers before resolving ...")
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": RESOLUTION_LOCK})
        else:
            conn.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": RESOLUTION_LOCK})
            for key in sorted(set(keys)):
                conn.execute(text("SELECT pg_advisory_xact_lock(:c, hashtext(:k))"),
                             {"c": DOCUMENT_LOCK_CLASS, "k": key})
    yield


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (no-op when it is already there), atomically and
    under the database's write lock (see the module docstring)."""
    cfg = alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:  # the usual case, read only: no writer's lock waited for
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with writer_engine(engine).begin() as conn:
        if conn.dialect.name == "postgresql":  # two processes opening a new database: one migrates
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return  # another process migrated while we waited for the lock
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
