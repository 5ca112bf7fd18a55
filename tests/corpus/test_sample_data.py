"""Checks on the project's own data: the sample corpus and the benchmark dev sets.

The files are written by hand; these tests keep them well-formed (each input form parses and
carries title, author and date), within the agreed sizes, within the contract's vocabularies,
and honest about quotations: no quotation in the corpus may be attributed to a real official.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "src" / "newsgraph" / "sample_corpus"
DEVSETS = ROOT / "benchmarks" / "devsets"

# Real public figures who appear in the corpus or the genre. Quotations must never be attributed
# to them (the corpus reports their actions and statements only in indirect form).
REAL_OFFICIALS = [
    "Vladimir Putin", "Kim Jong-un", "Sergei Shoigu", "Sergey Lavrov", "Dmitry Peskov",
    "Choe Son-hui", "Kang Sun-nam", "Li Hongzhong", "Alexander Kozlov", "Denis Manturov",
    "John Kirby", "Matthew Miller", "Vasily Nebenzia", "Mark Rutte", "Lloyd Austin",
    "Kim Jong-gyu", "Kim Yo-jong", "Joe Biden", "Antony Blinken", "Linda Thomas-Greenfield",
    "Yoon Suk-yeol", "Shin Won-sik", "Volodymyr Zelensky", "Xi Jinping", "Fumio Kishida",
    "Sabrina Singh", "Jake Sullivan",
]
# The invented analysts who are the only people quoted directly in the corpus.
FICTIONAL_SPEAKERS = [
    "Hana Lindqvist", "Yoon Ji-hwan", "Irina Solberg", "Daniel Whitcombe", "Park Seo-yeon",
    "Aiko Brandvold", "Ravi Castellane", "Tomas Reinholt", "Felix Aranda-Moss", "Choi Min-gyu",
]
FIRST_SURNAME = {"Yoon", "Park", "Choi", "Kim", "Choe", "Kang", "Li", "Xi"}

DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:, [A-Z][A-Za-z .'-]+)? — \S")


# --- reading the three corpus forms -------------------------------------------

class _PageReader(HTMLParser):
    """Collects metadata and article paragraphs; records unbalanced tags."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[str] = []
        self.headings: list[str] = []
        self._capture: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content", "")
        if tag in self.VOID:
            return
        self.stack.append(tag)
        in_article = "article" in self.stack
        body_paragraph = tag == "p" and "class" not in attrs  # bylines carry a class
        if tag == "title" or (in_article and (tag in ("h1", "h2") or body_paragraph)):
            self._capture, self._buf = tag, []

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()
        if tag == self._capture:
            text = " ".join("".join(self._buf).split())
            if tag == "title":
                self.title = text
            elif tag == "h1":
                self.h1 = text
            elif tag == "h2":
                self.headings.append(text)
            else:
                self.paragraphs.append(text)
            self._capture = None

    def handle_data(self, data):
        if self._capture:
            self._buf.append(data)


def _articles() -> list[dict]:
    """Every corpus article as {name, form, title, author, published, publisher, paragraphs}."""
    out = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix == ".txt":
            lines = path.read_text(encoding="utf-8").split("\n")
            published = dt.datetime.strptime(lines[2].removeprefix("Published "), "%B %d, %Y").date()
            body = [p.strip() for p in "\n".join(lines[3:]).split("\n\n") if p.strip()]
            out.append(dict(name=path.name, form="txt", title=lines[0],
                            author=lines[1].removeprefix("By "), byline=lines[1],
                            published=published, publisher=None, paragraphs=body))
        elif path.suffix == ".html":
            page = _PageReader()
            page.feed(path.read_text(encoding="utf-8"))
            page.close()
            out.append(dict(name=path.name, form="html", title=page.h1, page=page,
                            author=page.meta.get("author"), byline="By " + page.meta.get("author", ""),
                            published=dt.datetime.fromisoformat(
                                page.meta["article:published_time"]).date(),
                            publisher=page.meta.get("og:site_name"), paragraphs=page.paragraphs))
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                rec = json.loads(line)
                out.append(dict(name=f"{path.name}:{n}", form="jsonl", record=rec,
                                title=rec["title"], author=rec["author"], byline="By " + rec["author"],
                                published=dt.date.fromisoformat(rec["published"]),
                                publisher=rec["publisher"],
                                paragraphs=[p.strip() for p in rec["text"].split("\n\n") if p.strip()]))
    return out


ARTICLES = _articles()


def _names(article: dict) -> str:
    return article["name"]


# --- corpus -------------------------------------------------------------------

def test_corpus_has_ten_articles_in_three_forms():
    forms = [a["form"] for a in ARTICLES]
    assert len(ARTICLES) == 10
    assert forms.count("txt") == 4 and forms.count("html") == 3 and forms.count("jsonl") == 3
    assert (CORPUS / "README.md").exists()


@pytest.mark.parametrize("article", ARTICLES, ids=_names)
def test_article_has_metadata_and_dateline(article):
    assert article["title"] and len(article["title"].split()) >= 5
    assert re.fullmatch(r"By [A-Z][a-z]+(?:[ -][A-Z][a-z]+)+", article["byline"])
    assert dt.date(2023, 1, 1) <= article["published"] <= dt.date(2024, 12, 31)
    assert DATELINE.match(article["paragraphs"][0]), article["paragraphs"][0][:60]
    if article["form"] != "txt":
        assert article["publisher"] == "The Northeast Asia Wire"


@pytest.mark.parametrize("article", ARTICLES, ids=_names)
def test_article_length_is_150_to_400_words(article):
    words = sum(len(p.split()) for p in article["paragraphs"])
    assert 150 <= words <= 400, words


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["form"] == "html"], ids=_names)
def test_html_page_is_balanced_and_has_boilerplate_outside_article(article):
    page = article["page"]
    assert page.errors == [] and page.stack == []
    assert page.title.startswith(article["title"])
    assert "og:title" in page.meta


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["form"] == "jsonl"], ids=_names)
def test_jsonl_record_has_all_fields(article):
    rec = article["record"]
    assert set(rec) == {"id", "title", "author", "published", "url", "publisher", "text"}
    assert rec["url"].startswith("https://northeastasiawire.example/")


@pytest.mark.parametrize("article", ARTICLES, ids=_names)
def test_explicit_dates_do_not_postdate_publication(article):
    """'Month D, YYYY' and 'Month YYYY' dates in the body lie before the publication date."""
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    text = "\n".join(article["paragraphs"])
    for m in re.finditer(rf"\b({months})(?: (\d{{1,2}}),)? (\d{{4}})\b", text):
        month = dt.datetime.strptime(m.group(1), "%B").month
        day = int(m.group(2) or 1)
        assert dt.date(int(m.group(3)), month, day) <= article["published"], m.group(0)


def _speaker_after_quote(paragraph: str) -> list[str]:
    """Names in the '"...," said X' and '"...," X said' attribution patterns."""
    name = r"((?:Mr\.|Ms\.|Dr\.)?\s*[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*)"
    found = re.findall(rf"[,.?!]\"\s*(?:said|told)\s+{name}", paragraph)
    found += re.findall(rf"[,.?!]\"\s*{name}\s+(?:said|told|added)", paragraph)
    return [f.strip() for f in found]


def _surname(full: str) -> str:
    parts = full.split()
    return parts[0] if parts[0] in FIRST_SURNAME else parts[-1]


@pytest.mark.parametrize("article", ARTICLES, ids=_names)
def test_every_quotation_is_attributed_to_a_fictional_analyst(article):
    fictional_refs = set(FICTIONAL_SPEAKERS)
    fictional_refs |= {f"{t} {_surname(n)}" for n in FICTIONAL_SPEAKERS for t in ("Mr.", "Ms.")}
    real_refs = set(REAL_OFFICIALS) | {f"{t} {_surname(n)}" for n in REAL_OFFICIALS for t in ("Mr.", "Ms.")}
    previous = ""
    for paragraph in article["paragraphs"]:
        if '"' in paragraph:
            for speaker in _speaker_after_quote(paragraph):
                if speaker in ("he", "she"):
                    continue
                assert speaker not in real_refs, (speaker, paragraph)
                assert speaker in fictional_refs, (speaker, paragraph)
            here = any(ref in paragraph for ref in fictional_refs)
            pronoun = re.search(r"\b(he|she) said\b|\bsaid (he|she)\b|, (he|she) said", paragraph)
            before = any(ref in previous for ref in fictional_refs)
            assert here or (pronoun and before), paragraph
            # A real official named in a quoted paragraph must not be the one speaking.
            for real in real_refs:
                assert not re.search(rf"{re.escape(real)},? (?:said|told|added)", paragraph), paragraph
        previous = paragraph


def test_real_officials_appear_in_corpus():
    """The sanity check above is only meaningful if real officials are actually in the text."""
    text = "\n".join("\n".join(a["paragraphs"]) for a in ARTICLES)
    present = [n for n in REAL_OFFICIALS if n in text]
    assert len(present) >= 10, present


# --- shared helpers for the dev sets ---------------------------------------------

def _jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{n} is blank"
        rows.append(json.loads(line))
    return rows


def _check_ids(rows: list[dict], prefix: str) -> None:
    assert [r["id"] for r in rows] == [f"{prefix}-{i:03d}" for i in range(1, len(rows) + 1)]
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts), "duplicate sentences"


# --- titles and affiliations dev set ------------------------------------------------

TA_ROWS = _jsonl(DEVSETS / "titles_affiliations.jsonl")
PERSON_FIELDS = {"name", "titles", "affiliations", "country", "former", "former_titles",
                 "former_affiliations"}


def test_titles_set_size_and_ids():
    assert len(TA_ROWS) >= 70
    _check_ids(TA_ROWS, "ta")


@pytest.mark.parametrize("row", TA_ROWS, ids=lambda r: r["id"])
def test_titles_row_is_well_formed(row):
    assert set(row) <= {"id", "text", "people", "notes"}
    for person in row["people"]:
        assert set(person) == PERSON_FIELDS
        assert person["name"] in row["text"]
        assert not re.match(r"(Mr|Ms|Mrs|Dr|Sen|Rep|Gen|Col|Adm|Amb)\.", person["name"])
        for title in person["titles"] + person["former_titles"]:
            assert title == title.lower() and title.strip() == title and title
        for org in person["affiliations"] + person["former_affiliations"]:
            assert org and org[0].isupper()
            assert org.lower() not in person["titles"]
        assert person["country"] is None or re.fullmatch(r"[A-Z]{3}", person["country"])
        assert person["former"] == bool(person["former_titles"] or person["former_affiliations"])


def test_titles_set_covers_the_patterns():
    people = [p for r in TA_ROWS for p in r["people"]]

    def pre_modified(row, person):
        return any(re.search(rf"{re.escape(t)}\.? {re.escape(person['name'])}", row["text"], re.I)
                   for t in person["titles"])

    def appositive(row, person):
        return re.search(rf"{re.escape(person['name'])}, (an? |the |\w+ of |who )", row["text"])

    counts = {
        "pre-modifier": sum(bool(pre_modified(r, p)) for r in TA_ROWS for p in r["people"]),
        "appositive": sum(bool(appositive(r, p)) for r in TA_ROWS for p in r["people"]),
        "possessive": sum(bool(re.search(rf"'s [^,\"]{{3,60}}, (?:[A-Z][a-z]+\. )?{re.escape(p['name'])}",
                                         r["text"])) for r in TA_ROWS for p in r["people"]),
        "x of y": sum(bool(re.search(r"[a-z] of the [A-Z]", r["text"])) for r in TA_ROWS),
        "former": sum(p["former"] for p in people),
        "multi-person": sum(len(r["people"]) >= 2 for r in TA_ROWS),
        "no person": sum(not r["people"] for r in TA_ROWS),
    }
    minimum = {"pre-modifier": 20, "appositive": 20, "possessive": 4, "x of y": 4, "former": 8,
               "multi-person": 8, "no person": 3}
    assert all(counts[k] >= v for k, v in minimum.items()), counts


# --- originality ---------------------------------------------------------------------

from conftest import SEEDS  # noqa: E402  (../shared/seeds, or $NEWSGRAPH_SEEDS)


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def _shared_ngrams(text: str, seed_grams: set, n: int = 8) -> list[str]:
    tokens = _tokens(text)
    return [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)
            if tuple(tokens[i:i + n]) in seed_grams]


def test_no_seed_text_is_copied():
    if not SEEDS.exists():
        pytest.skip("seed articles are absent")
    grams = set()
    for seed in SEEDS.glob("*.txt"):
        tokens = _tokens(seed.read_text(encoding="utf-8"))
        grams |= {tuple(tokens[i:i + 8]) for i in range(len(tokens) - 7)}
    texts = ["\n".join(a["paragraphs"]) for a in ARTICLES]
    texts += [r["text"] for path in DEVSETS.glob("*.jsonl") for r in _jsonl(path)]
    copied = [g for t in texts for g in _shared_ngrams(t, grams)]
    assert copied == []


# --- events dev set -------------------------------------------------------------------

from newsgraph.model import MODALITIES, PLOVER_TYPES  # noqa: E402

EV_ROWS = _jsonl(DEVSETS / "events.jsonl")
EVENT_FIELDS = {"type", "mode", "trigger", "actors", "recipients", "modality", "date", "source"}
PLOVER_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
EVENT_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-W\d{2}")


def test_events_set_size_and_ids():
    assert len(EV_ROWS) >= 90
    _check_ids(EV_ROWS, "ev")


@pytest.mark.parametrize("row", EV_ROWS, ids=lambda r: r["id"])
def test_events_row_is_well_formed(row):
    assert set(row) <= {"id", "published", "text", "events", "notes"}
    published = dt.date.fromisoformat(row["published"])
    for event in row["events"]:
        assert set(event) == EVENT_FIELDS
        assert event["type"] in PLOVER_TYPES
        assert event["mode"] is None or event["mode"] in PLOVER_MODES.get(event["type"], set())
        assert event["modality"] in MODALITIES
        assert event["trigger"] and event["trigger"] in row["text"]
        assert event["actors"] or event["recipients"]
        assert all(isinstance(a, str) and a for a in event["actors"] + event["recipients"])
        if event["date"] is not None:
            assert EVENT_DATE.fullmatch(event["date"]), event["date"]
            if len(event["date"]) == 10 and event["modality"] == "asserted":
                assert dt.date.fromisoformat(event["date"]) <= published
            if len(event["date"]) == 10 and event["modality"] == "planned":
                assert dt.date.fromisoformat(event["date"]) >= published
        assert event["source"] is None or (isinstance(event["source"], str) and event["source"])


def test_weekday_dates_match_the_text():
    """An event dated by 'on <Weekday>' falls on that weekday."""
    checked = 0
    for row in EV_ROWS:
        for event in row["events"]:
            day = re.search(r"\b(?:on |late |early )(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
                            row["text"])
            if day and event["date"] and len(event["date"]) == 10:
                assert dt.date.fromisoformat(event["date"]).strftime("%A") == day.group(1), row["id"]
                checked += 1
    assert checked >= 25


def test_events_set_covers_every_type_and_modality():
    events = [e for r in EV_ROWS for e in r["events"]]
    types = {t: sum(e["type"] == t for e in events) for t in PLOVER_TYPES}
    modalities = {m: sum(e["modality"] == m for e in events) for m in MODALITIES}
    assert min(types.values()) >= 4, types
    assert min(modalities.values()) >= 5, modalities
    assert sum(not r["events"] for r in EV_ROWS) >= 8  # no-event sentences, quotes among them
    assert sum(e["source"] is not None for e in events) >= 20  # attributed events
    quoted_only = [r for r in EV_ROWS if r["text"].lstrip().startswith('"') and not r["events"]]
    assert len(quoted_only) >= 3
    # "accused X of supplying": an asserted ACCUSE and an alleged transfer in the same sentence
    accuse_rows = [r for r in EV_ROWS if re.search(r"accused \S+(?: \S+)? of supplying", r["text"])]
    assert accuse_rows
    for row in accuse_rows:
        kinds = {(e["type"], e["modality"]) for e in row["events"]}
        assert ("ACCUSE", "asserted") in kinds and ("AID", "alleged") in kinds
    # an alleged or denied event always says on whose word it rests (accuser or denier)
    assert all(e["source"] for e in events if e["modality"] in ("alleged", "denied"))
    # a reciprocal meeting lists all parties as actors and no recipient
    assert any(e["type"] == "CONSULT" and len(e["actors"]) >= 2 and not e["recipients"] for e in events)
