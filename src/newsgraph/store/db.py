"""Opening a store database: where it lives, engine settings, schema migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from ..config import Settings

DB_FILENAME = "newsgraph.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(db: str | Path | None = None, settings: Settings | None = None) -> str:
    """``db`` may be a SQLAlchemy URL, a file path, or None for ``<data_dir>/newsgraph.sqlite``."""
    if db is None:
        data_dir = Path((settings or Settings()).data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{data_dir / DB_FILENAME}"
    text = str(db)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
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
    """Bring the schema to the newest revision (no-op when it is already there)."""
    cfg = alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.begin() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
