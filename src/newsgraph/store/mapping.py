"""The one mapping between the document model and the store's rows.

Each :class:`RowMapping` pairs a model dataclass with its table and says only what differs from
"a model field is stored in the column of the same name": a renamed field (``Entity.id`` is the
row's ``local_id``), a nested dataclass spread over several columns (``Document.source``), fields
kept in a table of their own (``Document.entities``, ``Entity.mentions``) and fields never stored
(``Document.analysis``).  A model field with no column of its own is kept in the row's ``extra``
JSON column, so a new model field round-trips through the store with no edit here; give it a
column (schema plus an Alembic revision) when queries need it.

:meth:`RowMapping.to_row` and :meth:`RowMapping.from_row` are the only code that turns a model
object into row values and back; :class:`newsgraph.store.Store` uses them for every table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Alert, Document, Entity, Event, Mention, Quote, Relation, Timex, WatchRule
from .schema import (
    AlertRow,
    DocumentRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
    RelationRow,
    TimexRow,
    WatchlistRow,
)

EXTRA = "extra"  # the JSON column holding model fields without a column of their own


def _stored_value(value: Any) -> Any:
    """A model value as a column holds it: dataclasses become JSON objects, lists are copied."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [_stored_value(v) for v in value]
    return value


def _is_list_field(f: dataclasses.Field) -> bool:
    return f.default_factory is list


@dataclass(frozen=True)
class RowMapping:
    model: type
    row: type
    renamed: Mapping[str, str] = field(default_factory=dict)  # model field -> column
    spread: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # field -> {its field: column}
    own_tables: tuple[str, ...] = ()  # fields stored as rows of another table
    not_stored: tuple[str, ...] = ()

    @property
    def columns(self) -> set[str]:
        return set(self.row.__table__.columns.keys())  # type: ignore[attr-defined]

    def _stored_fields(self) -> list[dataclasses.Field]:
        skip = set(self.own_tables) | set(self.not_stored) | set(self.spread)
        return [f for f in dataclasses.fields(self.model) if f.name not in skip]

    def extra_fields(self) -> list[str]:
        """Model fields without a column of their own (kept in ``extra``)."""
        return [f.name for f in self._stored_fields() if self.renamed.get(f.name, f.name) not in self.columns]

    def to_row(self, obj: Any, **row_only: Any) -> dict[str, Any]:
        """Column values for ``obj``; ``row_only`` adds columns the model does not hold (``doc_id``...)."""
        values: dict[str, Any] = dict(row_only)
        extra: dict[str, Any] = {}
        columns = self.columns
        for f in self._stored_fields():
            column = self.renamed.get(f.name, f.name)
            value = _stored_value(getattr(obj, f.name))
            if column in columns:
                values[column] = value
            else:
                extra[f.name] = value
        for name, columns_of in self.spread.items():
            part = getattr(obj, name)
            for sub, column in columns_of.items():
                values[column] = getattr(part, sub)
        if EXTRA in columns:
            values[EXTRA] = extra or None
        return values

    def from_row(self, row: Any) -> dict[str, Any]:
        """The model's dict form (as ``from_dict`` reads it) of one stored row; tables of their
        own (``own_tables``) are left for the caller to add."""
        data: dict[str, Any] = {}
        columns = self.columns
        for f in self._stored_fields():
            column = self.renamed.get(f.name, f.name)
            if column not in columns:
                continue
            value = getattr(row, column)
            data[f.name] = [] if value is None and _is_list_field(f) else value
        for name, columns_of in self.spread.items():
            data[name] = {sub: getattr(row, column) for sub, column in columns_of.items()}
        if EXTRA in columns:
            data.update(getattr(row, EXTRA) or {})
        return data


DOCUMENT = RowMapping(
    Document, DocumentRow,
    spread={"source": {"path": "source_path", "url": "url", "publisher": "publisher"}},
    own_tables=("entities", "timexes", "quotes", "events", "relations"),
    not_stored=("analysis",),
)
ENTITY = RowMapping(Entity, EntityRow, renamed={"id": "local_id"}, own_tables=("mentions",))
MENTION = RowMapping(Mention, MentionRow)
TIMEX = RowMapping(Timex, TimexRow)
QUOTE = RowMapping(Quote, QuoteRow)
EVENT = RowMapping(Event, EventRow, renamed={"id": "local_id"})
RELATION = RowMapping(Relation, RelationRow)

WATCHLIST = RowMapping(WatchRule, WatchlistRow)
ALERT = RowMapping(Alert, AlertRow)

MAPPINGS: tuple[RowMapping, ...] = (DOCUMENT, ENTITY, MENTION, TIMEX, QUOTE, EVENT, RELATION, WATCHLIST, ALERT)
