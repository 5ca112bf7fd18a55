"""Every quotation in the two seed articles, with its speaker.

The seeds are read from ../shared/seeds (never copied here); quotes are picked
out by a few words of their text.  Speaker names are checked against the
entity the speaker resolved to when the entity layer found one, and against
the speaker's words in the text always.
"""


import pytest

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path


def _process(pipeline_stages, path):
    from newsgraph.ingest import read_inputs

    (doc,) = list(read_inputs([str(seed_path(path))]))
    return pipeline_stages(doc)


@pytest.fixture(scope="module")
def stages(settings):
    from newsgraph.pipeline import Pipeline

    return Pipeline(settings, stages=("analysis", "entities", "quotes"))


@pytest.fixture(scope="module")
def summit(stages):
    return _process(stages, SEED_SUMMIT_PREVIEW)


@pytest.fixture(scope="module")
def choe(stages):
    return _process(stages, SEED_CHOE_VISIT)


def quote_with(doc, words):
    hits = [q for q in doc.quotes if words in q.text]
    assert len(hits) == 1, (words, [(q.kind, q.speaker_text, q.text[:60]) for q in doc.quotes])
    return hits[0]


ANY = "any entity"
UNNAMED = "no entity"
# (words in the quote, expected kind or None for any, words in speaker_text,
#  words in the resolved entity's name / ANY / UNNAMED / None when the entity layer decides)
SUMMIT = [
    ("will make an official visit", "direct", "Kremlin", ANY),
    ("bilateral ties", "mixed", "Russian leader", "Putin"),
    ("Mr. Putin “soon.”", "mixed", "Korean Central News Agency", "Korean Central News Agency"),
    ("in the coming days", "mixed", "Tass", "Tass"),
    ("watching the meeting closely", "indirect", "Miller", "Miller"),
    ("Any transfer of arms", None, "Miller", "Miller"),
    ("increase tensions with the West", "indirect", "Coons", "Coons"),
    ("desperate for more equipment", None, "Coons", "Coons"),
    ("devil’s deal", "direct", "Coons", "Coons"),
    ("one on one if necessary", "mixed", "Peskov", "Peskov"),
    ("maybe just a bilateral", "direct", "Kiriyanov", "Kiriyanov"),
    ("But if he comes", "direct", "Kiriyanov", "Kiriyanov"),
    ("could send food and fuel", "indirect", "Kiriyanov", "Kiriyanov"),
    ("dangerous step", "direct", "he", "Kiriyanov"),
    ("During the USSR", "direct", "he", "Kiriyanov"),
    ("I wonder if this relationship", "direct", "Richey", "Richey"),
    ("rickety triangle", "direct", "Richey", "Richey"),
    ("of lower rank", "indirect", "Richey", "Richey"),
    ("needs on the Russian side", "direct", "Kimmage", "Kimmage"),
    ("closed-off dictatorship", "direct", "Kimmage", "Kimmage"),
    ("may be the only option", None, "Finer", "Finer"),
    ("interesting to reflect", "direct", "Finer", "Finer"),
    ("train was in motion", "indirect", "South Korean officials", UNNAMED),
    ("short of shells", "indirect", "Western analysts", UNNAMED),
    ("growing desperation", "indirect", "analysts", UNNAMED),
    ("its journalists", "indirect", "Associated Press", "Associated Press"),
    ("aids-for-arms deal", "indirect", "Kremlin", ANY),
    ("weakening position", "indirect", "Mr. Biden’s aides", UNNAMED),
]

CHOE = [
    ("special military operation", "mixed", "Lavrov", "Lavrov"),
    ("productive cooperation", "mixed", "Lavrov", "Lavrov"),
    ("promote the dynamic development", "mixed", "It", "Korean Central News Agency"),
    ("amicable atmosphere", None, "KCNA", "Korean Central News Agency"),
    ("Other issues are transfers", "direct", "Go Myong-hyun", "Go"),
    ("food aid and medical aid", "direct", "he", "Go"),
    ("is the main thing", "direct", "he", "Go"),
    ("new cold war", "direct", "Mr. Go", "Go"),
    ("transactional hookup", "direct", "Mr. Go", "Go"),
    ("logistics aid", "direct", "Kiriyanov", "Kiriyanov"),
    ("additional port", "direct", "Kiriyanov", "Kiriyanov"),
    ("warm-water port", "indirect", "Analysts", UNNAMED),
    ("biggest-ever combined naval exercises", "indirect", "South Korean military", ANY),
    ("American aircraft carrier", "indirect", "Joint Chiefs of Staff", "Joint Chiefs"),
    ("sharpen the allies", "indirect", "AP", "Associated Press"),
    ("spy satellite", "indirect", "South Korean analysts", UNNAMED),
    ("three-day trip", "indirect", "Tass", "Tass"),
    ("senior diplomats", "indirect", "Associated Press", "Associated Press"),
]


def _check(doc, words, kind, speaker_words, surname):
    q = quote_with(doc, words)
    if kind:
        assert q.kind == kind, (words, q.kind)
    assert speaker_words in (q.speaker_text or ""), (words, q.speaker_text)
    entity = doc.entity(q.speaker) if q.speaker else None
    if surname == UNNAMED:
        assert entity is None, (words, entity)
    elif surname == ANY:
        assert entity is not None, words
    elif surname is not None:
        assert entity is not None and surname in entity.name, (words, entity and entity.name)
    return q


@pytest.mark.parametrize("words,kind,speaker_words,surname", SUMMIT, ids=[s[0] for s in SUMMIT])
def test_summit_preview_quotes(summit, words, kind, speaker_words, surname):
    _check(summit, words, kind, speaker_words, surname)


@pytest.mark.parametrize("words,kind,speaker_words,surname", CHOE, ids=[s[0] for s in CHOE])
def test_choe_visit_quotes(choe, words, kind, speaker_words, surname):
    _check(choe, words, kind, speaker_words, surname)


def test_according_to_tass_is_kept_as_attribution(choe):
    acc = [a for a in choe.attributions if a.cue == "according to"]
    assert len(acc) == 1 and acc[0].source_text == "Tass"
    source = choe.entity(acc[0].source) if acc[0].source else None
    assert source is not None and "Tass" in source.name
    lavrov = quote_with(choe, "special military operation")
    assert acc[0].start <= lavrov.start and lavrov.end <= acc[0].end


def test_no_spurious_quotes(summit, choe):
    # every quote found is one of the listed ones
    for doc, table in ((summit, SUMMIT), (choe, CHOE)):
        unexpected = [q.text[:60] for q in doc.quotes if not any(w in q.text for w, *_ in table)]
        assert unexpected == []
