"""The trigger lexicon (``data/lexicon.tsv``) and context keywords (``data/contexts.tsv``).

Both are plain tab-separated files with their columns documented in their header comments, so an
analyst can add a trigger without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import PLOVER_TYPES

DATA = Path(__file__).resolve().parent / "data"
ROLES = ("default", "reciprocal", "host")

# PLOVER modes per type (manual tables 3.1-3.11); types not listed have no modes.
_REQUEST_MODES = ("assist", "change", "yield", "meet")
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": _REQUEST_MODES,
    "REJECT": _REQUEST_MODES,
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}
# PLOVER general contexts (manual table 2.1)
PLOVER_CONTEXTS = (
    "military", "intelligence", "executive", "legislative", "election", "political institutions",
    "pro democracy", "pro autocracy", "economic", "legal", "reparations", "human rights",
    "rights freedoms", "repression", "human security", "gender", "lgbt", "religion ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal drugs", "trafficking",
)


@dataclass(frozen=True)
class Entry:
    trigger: str
    pos: str  # V | N | L
    objects: frozenset[str]  # empty = no condition
    type: str
    mode: str | None
    roles: str
    contexts: tuple[str, ...]
    note: str = ""


def _rows(path: Path):
    header = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))


def _dash(value: str) -> str:
    value = value.strip()
    return "" if value == "-" else value


@dataclass
class Lexicon:
    verbs: dict[str, list[Entry]]
    nouns: dict[str, list[Entry]]  # N and L entries
    contexts: dict[str, str]

    def lookup(self, table: dict[str, list[Entry]], key: str, object_lemmas: set[str]) -> Entry | None:
        """The first entry for ``key`` whose object condition holds (conditioned entries first)."""
        entries = table.get(key)
        if not entries:
            return None
        for entry in entries:
            if entry.objects and entry.objects & object_lemmas:
                return entry
        for entry in entries:
            if not entry.objects:
                return entry
        return None


def parse_lexicon(path: Path) -> dict[str, list[Entry]]:
    table: dict[str, list[Entry]] = {}
    for number, row in _rows(path):
        kind = _dash(row.get("pos", ""))
        etype = _dash(row.get("type", ""))
        roles = _dash(row.get("roles", "")) or "default"
        if kind not in ("V", "N", "L") or etype not in PLOVER_TYPES or roles not in ROLES:
            raise ValueError(f"{path.name}:{number}: bad lexicon row {row!r}")
        entry = Entry(
            trigger=row["trigger"].strip().lower(),
            pos=kind,
            objects=frozenset(o for o in _dash(row.get("object", "")).split("|") if o),
            type=etype,
            mode=_dash(row.get("mode", "")) or None,
            roles=roles,
            contexts=tuple(c.strip() for c in _dash(row.get("contexts", "")).split(",") if c.strip()),
            note=_dash(row.get("note", "")),
        )
        if entry.mode is not None and entry.mode not in PLOVER_MODES.get(etype, ()):
            raise ValueError(f"{path.name}:{number}: mode {entry.mode!r} is not a PLOVER mode of {etype}")
        unknown = [c for c in entry.contexts if c not in PLOVER_CONTEXTS]
        if unknown:
            raise ValueError(f"{path.name}:{number}: unknown context(s) {unknown}")
        table.setdefault(f"{kind}:{entry.trigger}", []).append(entry)
    return table


@lru_cache(maxsize=2)
def load_lexicon(directory: str = str(DATA)) -> Lexicon:
    table = parse_lexicon(Path(directory) / "lexicon.tsv")
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for key, entries in table.items():
        kind, trigger = key.split(":", 1)
        (verbs if kind == "V" else nouns).setdefault(trigger, []).extend(entries)
    contexts = {row["keyword"].strip().lower(): row["context"].strip()
                for _, row in _rows(Path(directory) / "contexts.tsv")}
    bad = sorted({c for c in contexts.values() if c not in PLOVER_CONTEXTS})
    if bad:
        raise ValueError(f"contexts.tsv: unknown context(s) {bad}")
    return Lexicon(verbs=verbs, nouns=nouns, contexts=contexts)
