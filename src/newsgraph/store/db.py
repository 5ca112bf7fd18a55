"""Opening a store database: where it lives, engine settings, schema migrations.

Schema creation and every migration run in ONE transaction that first takes the database's
write lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory lock), so a
process killed while creating a store leaves no half-made schema, and two processes opening a
fresh store at once wait for each other: the second finds the schema made and does nothing.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine

from ..config import Settings

DB_FILENAME = "newsgraph.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x6E657773  # PostgreSQL advisory lock key for schema changes ("news")


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
            return given
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


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer, and a killed writer leaves every committed
    # transaction intact and no partial one.  NORMAL sync is safe against process death.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (no-op when it is already there), atomically and
    under the database's write lock (see the module docstring)."""
    cfg = alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.begin() as conn:
        _lock_for_migration(conn)
        if MigrationContext.configure(conn).get_current_revision() == head:
            return  # another process migrated while we waited for the lock
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _lock_for_migration(conn: Connection) -> None:
    """Take the lock that serialises schema changes, inside the transaction ``conn`` holds."""
    if conn.dialect.name == "sqlite":
        # pysqlite runs DDL outside any transaction unless one is open: open it ourselves, with
        # the write lock, so the whole schema commits (or vanishes) at once.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
