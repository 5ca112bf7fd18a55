"""The lexicon files load, use only PLOVER vocabularies, and reject bad rows."""

from __future__ import annotations

import pytest

from newsgraph.events.lexicon import PLOVER_MODES, load_lexicon, parse_lexicon
from newsgraph.model import PLOVER_TYPES


def test_lexicon_covers_every_plover_type_with_valid_modes():
    lex = load_lexicon()
    entries = [e for table in (lex.verbs, lex.nouns) for es in table.values() for e in es]
    assert {e.type for e in entries} == set(PLOVER_TYPES)
    for e in entries:
        assert e.mode is None or e.mode in PLOVER_MODES[e.type], e
        assert e.note is not None


def test_bad_rows_are_refused(tmp_path):
    header = "trigger\tpos\tobject\ttype\tmode\troles\tcontexts\tnote\n"
    bad_type = tmp_path / "a.tsv"
    bad_type.write_text(header + "meet\tV\t-\tMEET\t-\tdefault\t-\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a.tsv:2"):
        parse_lexicon(bad_type)
    bad_mode = tmp_path / "b.tsv"
    bad_mode.write_text(header + "meet\tV\t-\tCONSULT\tdinner\tdefault\t-\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a PLOVER mode"):
        parse_lexicon(bad_mode)
