"""The store's side of watchlists and alerts: the tables ``watchlists``, ``alerts`` and
``deliveries`` behind plain values (:class:`newsgraph.model.WatchRule`, :class:`newsgraph.model.Alert`,
delivery dicts).  ``store.alerts`` is an :class:`AlertTables`; :mod:`newsgraph.watch` and
:mod:`newsgraph.alerts` use nothing else of the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from ..model import Alert, WatchRule
from . import mapping
from .schema import AlertRow, DeliveryRow, WatchlistRow

if TYPE_CHECKING:
    from . import Store

_DELIVERY_FIELDS = ("id", "alert_id", "kind", "target", "status", "attempts", "last_error",
                    "next_attempt_at", "delivered_at")


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _alert(row: AlertRow) -> Alert:
    return Alert(**mapping.ALERT.from_row(row))


class AlertTables:
    def __init__(self, store: Store):
        self.store = store

    # -- watchlists --------------------------------------------------------------------

    def save_watchlist(self, rule: WatchRule) -> bool:
        """Store ``rule`` (replacing one of the same name); True when it replaced one."""
        with self.store.session() as s, s.begin():
            old = s.get(WatchlistRow, rule.name)
            if old is not None:
                s.delete(old)
                s.flush()
            s.add(WatchlistRow(**mapping.WATCHLIST.to_row(rule)))
        return old is not None

    def watchlists(self) -> list[WatchRule]:
        with self.store.session() as s:
            return [WatchRule(**mapping.WATCHLIST.from_row(r))
                    for r in s.scalars(select(WatchlistRow).order_by(WatchlistRow.name))]

    def remove_watchlist(self, name: str) -> bool:
        with self.store.session() as s, s.begin():
            return s.execute(delete(WatchlistRow).where(WatchlistRow.name == name)).rowcount > 0  # type: ignore[attr-defined]

    # -- alerts ------------------------------------------------------------------------

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        wanted = list(set(keys))
        found: set[str] = set()
        with self.store.session() as s:
            for i in range(0, len(wanted), 500):
                found |= set(s.scalars(select(AlertRow.key).where(AlertRow.key.in_(wanted[i:i + 500]))))
        return found

    def add(self, alerts: list[Alert], deliveries: dict[str, tuple[str, str]]) -> list[Alert]:
        """Store the alerts whose key is new (each with a pending delivery when its watchlist
        has one: ``deliveries`` maps watchlist name -> (kind, target)); the stored ones, with ids."""
        stored = []
        with self.store.session() as s, s.begin():
            for alert in alerts:
                if s.scalar(select(AlertRow.id).where(AlertRow.key == alert.key)) is not None:
                    continue
                alert.created_at = alert.created_at or now_iso()
                row = AlertRow(**mapping.ALERT.to_row(alert))
                s.add(row)
                s.flush()
                alert.id = row.id
                stored.append(alert)
                if alert.watchlist in deliveries:
                    kind, target = deliveries[alert.watchlist]
                    s.add(DeliveryRow(alert_id=row.id, kind=kind, target=target, status="pending", attempts=0))
        return stored

    def alerts(self, unread: bool = False, since: str | None = None, ids: Iterable[int] | None = None) -> list[Alert]:
        """Stored alerts, oldest first; only unread ones, only those raised at or after ``since``."""
        query = select(AlertRow).order_by(AlertRow.id)
        if unread:
            query = query.where(AlertRow.read.is_(False))
        if since:
            query = query.where(AlertRow.created_at >= since)
        if ids is not None:
            query = query.where(AlertRow.id.in_(list(ids)))
        with self.store.session() as s:
            return [_alert(r) for r in s.scalars(query)]

    def alerted_subjects(self, kind: str) -> set[str]:
        with self.store.session() as s:
            return set(s.scalars(select(AlertRow.subject).where(AlertRow.kind == kind).distinct()))

    def ack(self, ids: Iterable[int]) -> int:
        """Mark alerts read; how many there were."""
        with self.store.session() as s, s.begin():
            return s.execute(update(AlertRow).where(AlertRow.id.in_(list(ids))).values(read=True)).rowcount  # type: ignore[attr-defined]

    # -- deliveries --------------------------------------------------------------------

    def due_deliveries(self, now: str | None = None) -> list[dict[str, Any]]:
        """Pending deliveries whose next attempt is due (all pending ones when ``now`` is None)."""
        query = select(DeliveryRow).where(DeliveryRow.status == "pending").order_by(DeliveryRow.id)
        with self.store.session() as s:
            rows = [{f: getattr(r, f) for f in _DELIVERY_FIELDS} for r in s.scalars(query)]
        return [r for r in rows if now is None or not r["next_attempt_at"] or r["next_attempt_at"] <= now]

    def deliveries(self) -> list[dict[str, Any]]:
        with self.store.session() as s:
            return [{f: getattr(r, f) for f in _DELIVERY_FIELDS}
                    for r in s.scalars(select(DeliveryRow).order_by(DeliveryRow.id))]

    def delivered(self, delivery_id: int) -> None:
        with self.store.session() as s, s.begin():
            s.execute(update(DeliveryRow).where(DeliveryRow.id == delivery_id).values(
                status="delivered", delivered_at=now_iso(), attempts=DeliveryRow.attempts + 1, last_error=None))

    def failed(self, delivery_id: int, error: str, next_attempt_at: str) -> None:
        with self.store.session() as s, s.begin():
            s.execute(update(DeliveryRow).where(DeliveryRow.id == delivery_id).values(
                attempts=DeliveryRow.attempts + 1, last_error=error[:500], next_attempt_at=next_attempt_at))
