"""The actor knowledge base: states, places, organisations and people.

Shipped as data written for the project (``entities/data/``):

* ``countries.tsv`` — every UN member state and the usual non-members: ISO alpha-3 code,
  names, demonyms, capital, and the seats that stand for the government (the Kremlin,
  the Blue House, Downing Street ...);
* ``places.tsv`` — cities, regions, seas and sites with their country;
* ``orgs.jsonl`` and ``people.jsonl`` — intergovernmental bodies, news agencies, government
  bodies, parties, and heads of state/government and ministers, one JSON object per line.

Users add their own entries in the JSONL format (see README, "Entities"): files named in
``Settings.kb_files`` and every ``$NEWSGRAPH_HOME/kb/*.jsonl``.  A user entry with the same
name as a shipped one replaces it.

Lookups are tolerant of case, accents, punctuation and hyphens: ``lookup("u.s.")``,
``lookup("Kim Jong Un")`` and ``lookup("the Kremlin")`` all work.

Module-level helpers use the shipped knowledge base only::

    from newsgraph.entities import kb
    kb.lookup("KCNA").name            # 'Korean Central News Agency'
    kb.country_of_place("Vladivostok")  # 'RUS'
    kb.country_of_demonym("North Korean")  # 'PRK'
    kb.government_of("the Kremlin").name  # 'Russia'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Settings

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class KBEntry:
    """One actor or place known in advance."""

    name: str
    type: str  # PERSON, ORG, GPE, LOC, FAC, EVENT, ...
    kind: str  # state | place | org | person
    country: str | None = None  # ISO alpha-3
    sector: str | None = None
    kb_id: str | None = None  # Wikidata QID
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # states: adjective first ("North Korean")
    capitals: tuple[str, ...] = ()  # states
    seats: tuple[str, ...] = ()  # names that stand for the government ("Kremlin")
    titles: tuple[str, ...] = ()  # people: usual titles, used to read "the Russian president"
    surname: str | None = None  # people
    generic: bool = False  # a kind of body every state has ("Foreign Ministry"); country from context
    default_country: str | None = None  # generic bodies: country when none is given
    case_sensitive: bool = False  # match only with the exact letter case ("AP", "WHO")
    lowercase: bool = False  # a common noun ("military"): only read after a state modifier
    party: bool = False  # a political party
    gender: str | None = None  # people: "m" or "f", to tell "Mr. Kim" from "Ms. Kim"


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Key used for tolerant lookup: no accents, case, periods, apostrophes or leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"['’]s$", "", text.strip())
    text = re.sub(r"[-‐–—_/]", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(";") if p.strip())


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "ss", "sh", "ch", "i")) and not demonym.endswith(
            ("ni", "li", "di", "ti", "ri", "qi", "ki")):
        return None  # "the Chinese", "the Swiss", "the French"
    if demonym.endswith("s"):
        return None
    return demonym + "s"


class KnowledgeBase:
    """In-memory index of :class:`KBEntry` by tolerant name, demonym, seat and place."""

    def __init__(self, entries: Iterable[KBEntry] = ()):
        self.entries: list[KBEntry] = []
        self._by_name: dict[str, list[KBEntry]] = {}
        self._by_demonym: dict[str, KBEntry] = {}
        self._by_seat: dict[str, KBEntry] = {}
        self._by_capital: dict[str, KBEntry] = {}
        self._states: dict[str, KBEntry] = {}
        self._surnames: dict[str, list[KBEntry]] | None = None
        self._surnames_size = -1
        self._family_names: dict[str, list[KBEntry]] | None = None
        self._family_names_size = -1
        for entry in entries:
            self.add(entry)

    # -- building --------------------------------------------------------------
    def add(self, entry: KBEntry) -> None:
        """Add ``entry``; an entry whose name is already known replaces the older one."""
        key = normalize(entry.name)
        old = [e for e in self._by_name.get(key, []) if normalize(e.name) == key and e.kind == entry.kind]
        for e in old:
            self._remove(e)
        self.entries.append(entry)
        for name in (entry.name, *entry.aliases):
            bucket = self._by_name.setdefault(normalize(name), [])
            bucket.insert(0, entry) if name == entry.name else bucket.append(entry)
        if entry.kind == "state":
            if entry.country:
                self._states[entry.country] = entry
            for dem in entry.demonyms:
                self._by_demonym.setdefault(normalize(dem), entry)
                plural = _plural(dem)
                if plural:
                    self._by_demonym.setdefault(normalize(plural), entry)
            for cap in entry.capitals:
                self._by_capital.setdefault(normalize(cap), entry)
        for seat in entry.seats:
            self._by_seat[normalize(seat)] = entry

    def _remove(self, entry: KBEntry) -> None:
        self.entries = [e for e in self.entries if e is not entry]
        for bucket in self._by_name.values():
            while entry in bucket:
                bucket.remove(entry)

    # -- lookups -----------------------------------------------------------------
    def lookup(self, name: str, kinds: Iterable[str] | None = None) -> KBEntry | None:
        """The entry named (or aliased) ``name``, case and punctuation tolerant; states first."""
        found = self.lookup_all(name, kinds)
        return found[0] if found else None

    def lookup_all(self, name: str, kinds: Iterable[str] | None = None) -> list[KBEntry]:
        bucket = self._by_name.get(normalize(name), [])
        if kinds is not None:
            wanted = set(kinds)
            bucket = [e for e in bucket if e.kind in wanted]
        order = {"state": 0, "org": 1, "person": 2, "place": 3}
        return sorted(bucket, key=lambda e: order.get(e.kind, 9))

    def state(self, code: str) -> KBEntry | None:
        """The state with ISO alpha-3 ``code``."""
        return self._states.get((code or "").upper())

    def state_of_demonym(self, word: str) -> KBEntry | None:
        """``"North Korean"``, ``"Russians"`` -> the state entry."""
        return self._by_demonym.get(normalize(word))

    def government_of(self, name: str) -> KBEntry | None:
        """The state (or body) a capital or seat of government stands for: 'the Kremlin' -> Russia."""
        key = normalize(name)
        return self._by_seat.get(key) or self._by_capital.get(key)

    def capital_state(self, name: str) -> KBEntry | None:
        """The state whose capital is ``name``."""
        return self._by_capital.get(normalize(name))

    def is_seat(self, name: str) -> bool:
        """True for government seats that are not cities ('the Kremlin', 'Downing Street')."""
        return normalize(name) in self._by_seat

    def country_of_place(self, name: str) -> str | None:
        """ISO alpha-3 code of the state a place (state, capital, city, region) lies in."""
        key = normalize(name)
        for entry in self._by_name.get(key, []):
            if entry.kind in ("state", "place") and entry.country:
                return entry.country
        cap = self._by_capital.get(key)
        if cap:
            return cap.country
        seat = self._by_seat.get(key)
        if seat and seat.kind == "state":
            return seat.country
        return None

    def canonical_place(self, name: str) -> str | None:
        """Canonical spelling of a place name ('SEOUL' -> 'Seoul'), or None when unknown."""
        key = normalize(name)
        for entry in self._by_name.get(key, []):
            if entry.kind in ("state", "place"):
                return entry.name
        cap = self._by_capital.get(key)
        if cap:
            for c in cap.capitals:
                if normalize(c) == key:
                    return cap.capitals[0] if normalize(cap.capitals[0]) == key else c
        return None

    def surname_index(self) -> dict[str, list[KBEntry]]:
        """Single-word aliases of people ("Putin") -> the people who have them."""
        if self._surnames is not None and self._surnames_size == len(self.entries):
            return self._surnames
        out: dict[str, list[KBEntry]] = {}
        for e in self.entries:
            if e.kind == "person":
                for alias in e.aliases:
                    if " " not in alias.strip():
                        out.setdefault(normalize(alias), []).append(e)
        self._surnames, self._surnames_size = out, len(self.entries)
        return out

    def family_name_index(self) -> dict[str, list[KBEntry]]:
        """The last word of every person's name ("Bush") -> the people whose name ends with it;
        too ambiguous to link a person, enough to tell a country all of them share."""
        if self._family_names is not None and self._family_names_size == len(self.entries):
            return self._family_names
        out: dict[str, list[KBEntry]] = {}
        for e in self.entries:
            words = e.name.split()
            if e.kind == "person" and len(words) >= 2:
                last = words[-1]
                for name in {last, re.sub(r"^(?:al|el|as|ad|ash|an)-", "", last, flags=re.I)}:
                    out.setdefault(normalize(name), []).append(e)  # "al-Assad": also "Assad"
        self._family_names, self._family_names_size = out, len(self.entries)
        return out

    def patterns(self) -> Iterable[tuple[str, str, KBEntry]]:
        """Every surface form to look for in text: (text, role, entry).

        role is ``name`` (canonical or alias), ``demonym``, ``capital`` or ``seat``.
        """
        for e in self.entries:
            for name in (e.name, *e.aliases):
                yield name, "name", e
            for dem in e.demonyms:
                yield dem, "demonym", e
                plural = _plural(dem)
                if plural:
                    yield plural, "demonym", e
            for cap in e.capitals:
                yield cap, "capital", e
            for seat in e.seats:
                yield seat, "seat", e


# --- reading the data files -----------------------------------------------------

def _read_countries(path: Path) -> list[KBEntry]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""] * 7
        code, name, aliases, demonyms, capitals, seats, qid = (c.strip() for c in cells[:7])
        out.append(KBEntry(
            name=name, type="GPE", kind="state", country=code, sector="GOV", kb_id=qid or None,
            aliases=_split(aliases), demonyms=_split(demonyms), capitals=_split(capitals),
            seats=_split(seats),
        ))
    return out


def _read_places(path: Path) -> list[KBEntry]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""] * 5
        name, aliases, country, typ, qid = (c.strip() for c in cells[:5])
        out.append(KBEntry(name=name, type=typ or "GPE", kind="place", country=country or None,
                           kb_id=qid or None, aliases=_split(aliases)))
    return out


_JSON_FIELDS = {f for f in KBEntry.__dataclass_fields__}  # noqa: SLF001


def entry_from_json(data: dict, origin: str = "") -> KBEntry:
    """Build an entry from one JSONL object (the documented user format)."""
    if not isinstance(data, dict) or not data.get("name"):
        raise ValueError(f"{origin}: each line must be a JSON object with a 'name'")
    typ = data.get("type", "ORG")
    kind = data.get("kind") or {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place"}.get(typ, "org")
    if kind == "state":
        typ = "GPE"
    values = {k: v for k, v in data.items() if k in _JSON_FIELDS}
    for key in ("aliases", "demonyms", "capitals", "seats", "titles"):
        if key in values:
            values[key] = tuple(values[key] or ())
    if "capital" in data and "capitals" not in values:
        values["capitals"] = (data["capital"],) if data["capital"] else ()
    values.update(type=typ, kind=kind)
    return KBEntry(**values)


def read_jsonl(path: Path) -> list[KBEntry]:
    out = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read knowledge-base file: {exc}") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            out.append(entry_from_json(json.loads(line), f"{path}:{number}"))
        except (json.JSONDecodeError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: bad knowledge-base entry: {exc}") from None
    return out


def user_files(data_dir: Path | None, extra: Iterable[Path] = ()) -> list[Path]:
    files = [Path(p) for p in extra]
    if data_dir is not None:
        kb_dir = Path(data_dir) / "kb"
        if kb_dir.is_dir():
            files += sorted(kb_dir.glob("*.jsonl"))
    return files


def builtin_entries() -> list[KBEntry]:
    return (
        _read_countries(DATA_DIR / "countries.tsv")
        + _read_places(DATA_DIR / "places.tsv")
        + read_jsonl(DATA_DIR / "orgs.jsonl")
        + read_jsonl(DATA_DIR / "people.jsonl")
    )


@lru_cache(maxsize=8)
def load_kb(extra_files: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus ``extra_files`` (JSONL), cached per file list."""
    kb = KnowledgeBase(builtin_entries())
    for path in extra_files:
        for entry in read_jsonl(path):
            kb.add(entry)
    return kb


def default_kb() -> KnowledgeBase:
    """The shipped knowledge base only; a pipeline's stages use :func:`kb_from_settings` instead."""
    return load_kb(())


def kb_from_settings(settings: Settings) -> KnowledgeBase:
    """The knowledge base a pipeline runs with: the shipped one plus ``settings.kb_files`` and
    every ``<settings.data_dir>/kb/*.jsonl`` (cached per file list)."""
    return load_kb(tuple(user_files(settings.data_dir, settings.kb_files)))


# --- module-level conveniences (shipped knowledge base) ---------------------------

def lookup(name: str) -> KBEntry | None:
    return default_kb().lookup(name)


def country_of_place(name: str) -> str | None:
    return default_kb().country_of_place(name)


def country_of_demonym(word: str) -> str | None:
    entry = default_kb().state_of_demonym(word)
    return entry.country if entry else None


def government_of(name: str) -> KBEntry | None:
    return default_kb().government_of(name)


def state(code: str) -> KBEntry | None:
    return default_kb().state(code)


__all__ = [
    "KBEntry", "KnowledgeBase", "normalize", "load_kb", "default_kb", "kb_from_settings", "read_jsonl", "user_files",
    "entry_from_json", "lookup", "country_of_place", "country_of_demonym", "government_of", "state",
]
