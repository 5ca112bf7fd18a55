"""Synthetic processed documents, for tests and the corpus benchmark.

``DocBuilder`` writes a document's text piece by piece and records, at the exact
offsets, the entities, mentions, events, quotes and time expressions a fully
working pipeline would attach.  ``synthetic_corpus(n)`` uses it to make ``n``
news-like documents: stories (a meeting, a sanctions package, a strike, an aid
deal...) each reported by several documents over a few days, with actors drawn
from generated pools of people (first name x last name x country), states and
their capitals, surname-only second mentions, quotes, a side accusation and
request in every report, plans that later happen, and about 5% near-duplicate
wire copies.  Every value comes from a seeded random generator, so a corpus is the
same on every run.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from newsgraph.model import (
    Document,
    Entity,
    Event,
    EventDate,
    Mention,
    Quote,
    Source,
    Span,
    Timex,
)


class DocBuilder:
    def __init__(self, doc_id: str, published: str | None = None, title: str | None = None,
                 path: str | None = None):
        self.doc = Document(doc_id=doc_id, published=published, title=title, source=Source(path=path))
        self.parts: list[str] = []
        self.length = 0
        self.by_key: dict[str, Entity] = {}
        self.sentence_start = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def sentence_break(self, paragraph: bool = False) -> None:
        self.add("\n\n" if paragraph else " ")
        self.sentence_start = self.length

    def entity(self, key: str, surface: str, name: str | None = None, type: str = "PERSON",
               country: str | None = None, kb_id: str | None = None, sector: str | None = None,
               titles: list[str] | None = None, kind: str = "name") -> str:
        """Write ``surface`` as a mention of the entity ``key`` (created on first use)."""
        start, end = self.add(surface)
        ent = self.by_key.get(key)
        if ent is None:
            ent = Entity(id=f"e{len(self.by_key) + 1}", name=name or surface, type=type, country=country,
                         sector=sector, kb_id=kb_id, titles=list(titles or []), rule="synthetic")
            self.by_key[key] = ent
            self.doc.entities.append(ent)
        for t in titles or []:
            if t not in ent.titles:
                ent.titles.append(t)
        ent.mentions.append(Mention(start, end, surface, kind=kind, rule="synthetic"))
        return ent.id

    def affiliate(self, key: str, org_key: str) -> None:
        org = self.by_key[org_key].id
        if org not in self.by_key[key].affiliations:
            self.by_key[key].affiliations.append(org)

    def timex(self, surface: str, value: str, type: str = "DATE") -> int:
        start, end = self.add(surface)
        self.doc.timexes.append(Timex(start, end, surface, type, value, anchor="DCT", rule="synthetic"))
        return len(self.doc.timexes) - 1

    def event(self, trigger: str, type: str, actors: list[str], recipients: list[str] = (),
              modality: str = "asserted", date: tuple[str, str] | None = None, mode: str | None = None,
              location: str | None = None) -> str:
        start, end = self.add(trigger)
        ev = Event(
            id=f"v{len(self.doc.events) + 1}", type=type, mode=mode,
            actors=[self.by_key[a].id for a in actors], recipients=[self.by_key[r].id for r in recipients],
            date=EventDate(value=date[0], text=date[1]) if date else None,
            location=self.by_key[location].id if location else None, modality=modality,
            trigger=Span(start, end, trigger), rule="synthetic",
        )
        self.doc.events.append(ev)
        return ev.id

    def quote(self, words: str, speaker: str | None, cue: str = "said", speaker_text: str | None = None) -> None:
        self.add("\u201c")
        start, end = self.add(words)
        self.add("\u201d")
        # the speaker key is resolved in build(): the name often follows the quote
        self.doc.quotes.append(Quote(start, end, words, "direct", speaker=speaker,
                                     speaker_text=speaker_text, cue=cue, rule="synthetic"))

    def build(self) -> Document:
        self.doc.text = "".join(self.parts)
        # sentence spans for events: from the last break before the trigger to the next period
        for ev in self.doc.events:
            if ev.trigger:
                found = self.doc.text.rfind(". ", 0, ev.trigger.start)
                begin = found + 2 if found >= 0 else 0
                stop = self.doc.text.find(".", ev.trigger.end)
                stop = len(self.doc.text) if stop < 0 else stop + 1
                ev.sentence = Span(begin, stop, self.doc.text[begin:stop])
        for ent in self.doc.entities:
            ent.mentions.sort(key=lambda m: m.start)
        for q in self.doc.quotes:
            if q.speaker in self.by_key:
                q.speaker = self.by_key[q.speaker].id
        return self.doc


# --- a generated corpus ------------------------------------------------------------

FIRST = ["Anna", "Boris", "Chen", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jae", "Karim", "Lena",
         "Mikhail", "Nadia", "Omar", "Paulo", "Qiu", "Rosa", "Sergei", "Tomas", "Uma", "Viktor", "Wen", "Yusuf",
         "Zofia", "Amir", "Bella", "Carlos", "Dmitri", "Eun", "Fatima", "Gustavo", "Hana", "Ivan", "Jin", "Kofi",
         "Leila", "Marco", "Nikolai", "Olga"]
LAST = ["Petrov", "Kim", "Haddad", "Moreau", "Novak", "Sato", "Okafor", "Silva", "Lindqvist", "Kowalski", "Rahman",
        "Bauer", "Ivanova", "Park", "Mendes", "Costa", "Yilmaz", "Nguyen", "Fischer", "Orlov", "Tanaka", "Duarte",
        "Hussein", "Larsen", "Volkov", "Choi", "Santos", "Weber", "Romero", "Kuznetsov", "Lee", "Abdi", "Greco",
        "Sokolov", "Mbeki", "Ortega", "Jensen", "Farouk", "Hoang", "Rossi"]
STATES = [("Russia", "RUS"), ("North Korea", "PRK"), ("South Korea", "KOR"), ("China", "CHN"), ("Japan", "JPN"),
          ("Ukraine", "UKR"), ("Iran", "IRN"), ("Turkey", "TUR"), ("India", "IND"), ("Brazil", "BRA"),
          ("Germany", "DEU"), ("France", "FRA"), ("Poland", "POL"), ("Egypt", "EGY"), ("Nigeria", "NGA"),
          ("Mexico", "MEX"), ("Indonesia", "IDN"), ("Vietnam", "VNM"), ("Kenya", "KEN"), ("Israel", "ISR"),
          ("Saudi Arabia", "SAU"), ("Pakistan", "PAK"), ("Argentina", "ARG"), ("Canada", "CAN")]
CITIES = {"RUS": "Moscow", "PRK": "Pyongyang", "KOR": "Seoul", "CHN": "Beijing", "JPN": "Tokyo", "UKR": "Kyiv",
          "IRN": "Tehran", "TUR": "Ankara", "IND": "New Delhi", "BRA": "Brasilia", "DEU": "Berlin", "FRA": "Paris",
          "POL": "Warsaw", "EGY": "Cairo", "NGA": "Abuja", "MEX": "Mexico City", "IDN": "Jakarta", "VNM": "Hanoi",
          "KEN": "Nairobi", "ISR": "Jerusalem", "SAU": "Riyadh", "PAK": "Islamabad", "ARG": "Buenos Aires",
          "CAN": "Ottawa"}
ROLES = ["foreign minister", "defense minister", "president", "prime minister", "trade minister", "ambassador"]
STORY_KINDS = [
    ("CONSULT", "visit", "met with", "will meet"),
    ("AGREE", None, "signed an agreement with", "is expected to sign an agreement with"),
    ("SANCTION", None, "imposed sanctions on", "plans to impose sanctions on"),
    ("AID", None, "delivered aid to", "pledged to deliver aid to"),
    ("ACCUSE", None, "accused", "is set to accuse"),
    ("THREATEN", None, "threatened", "may threaten"),
    ("ASSAULT", None, "launched strikes on", "is preparing strikes on"),
    ("COOPERATE", None, "began joint exercises with", "will hold joint exercises with"),
]
FILLER = [
    "Analysts said the move reflected a broader shift in the region.",
    "The talks covered trade, energy and security, according to a statement released afterwards.",
    "Officials did not give further details, and a spokesperson declined to comment.",
    "The announcement came after weeks of speculation in the local press.",
    "Markets reacted calmly, with the currency little changed by the close of trading.",
    "Diplomats in the capital described the atmosphere as businesslike but tense.",
]


def _person(rng: random.Random, i: int) -> dict:
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    state, code = STATES[i % len(STATES)]
    return {"key": f"p{i}", "first": first, "last": last, "name": f"{first} {last}", "state": state,
            "country": code, "role": ROLES[i % len(ROLES)]}


def synthetic_corpus(n: int, seed: int = 7, people: int = 1200, docs_per_story: int = 4,
                     start: dt.date = dt.date(2021, 1, 4)) -> Iterator[Document]:
    """``n`` documents, in stories of about ``docs_per_story`` reports each."""
    rng = random.Random(seed)
    pool = [_person(rng, i) for i in range(people)]
    made = 0
    story = 0
    while made < n:
        story += 1
        kind = STORY_KINDS[rng.randrange(len(STORY_KINDS))]
        a, b = rng.sample(pool, 2)
        if a["country"] == b["country"]:
            continue
        day = start + dt.timedelta(days=rng.randrange(1400))
        planned_first = rng.random() < 0.4
        reports = min(n - made, max(1, int(rng.gauss(docs_per_story, 1.5))))
        previous: Document | None = None
        for r in range(reports):
            published = day + dt.timedelta(days=(r - 1 if planned_first else r) * rng.randint(1, 3))
            doc_id = f"syn{made:06d}"
            if previous is not None and rng.random() < 0.05:
                yield _wire_copy(previous, doc_id)
            else:
                previous = _report(rng, doc_id, published, day, kind, a, b, rng.sample(pool, 3),
                                   planned=planned_first and r == 0, story=story)
                yield previous
            made += 1
            if made >= n:
                break


def _report(rng: random.Random, doc_id: str, published: dt.date, day: dt.date, kind, a: dict, b: dict,
            others: list[dict], planned: bool, story: int) -> Document:
    etype, mode, past, future = kind
    db = DocBuilder(doc_id, published.isoformat(), f"{a['state']} and {b['state']}: story {story}",
                    path=f"synthetic/{doc_id}.txt")
    city_code = a["country"] if rng.random() < 0.5 else b["country"]
    # lead sentence
    db.entity(a["country"], a["state"].upper(), name=a["state"], type="GPE", country=a["country"])
    db.add(" \u2014 ")
    db.add(f"{a['state']}\u2019s {a['role']} ")
    db.entity(a["key"], a["name"], type="PERSON", country=a["country"], titles=[a["role"]], sector="GOV")
    db.add(" ")
    trigger = future if planned else past
    date_value = day.isoformat()
    when_text = day.strftime("%B %-d")
    # "<trigger> <B's role> <B> in <city> on <date>"
    start_event = db.length
    db.add(trigger + " ")
    db.add(f"{b['state']}\u2019s {b['role']} ")
    db.entity(b["key"], b["name"], type="PERSON", country=b["country"], titles=[b["role"]], sector="GOV")
    db.add(" in ")
    db.entity("city", CITIES[city_code], type="GPE", country=city_code)
    db.add(" on ")
    db.timex(when_text, date_value)
    db.add(".")
    ev_trigger = (start_event, start_event + len(trigger))
    db.doc.events.append(Event(
        id="v1", type=etype, mode=mode, actors=[db.by_key[a["key"]].id], recipients=[db.by_key[b["key"]].id],
        date=EventDate(value=date_value, text=when_text, timex=0), location=db.by_key["city"].id,
        modality="planned" if planned else "asserted",
        trigger=Span(ev_trigger[0], ev_trigger[1], trigger), rule="synthetic"))
    db.sentence_break(paragraph=True)
    # a quote by A (surname only), and context sentences
    db.quote(f"We have agreed to keep talking about the issues that matter to {b['state']}", a["key"], cue="said")
    db.add(", ")
    db.entity(a["key"], a["last"], kind="short")
    db.add(" said.")
    db.sentence_break()
    for _ in range(rng.randint(8, 14)):  # news-length body (about 2,000 characters in all)
        db.add(rng.choice(FILLER))
        db.sentence_break()
    # other actors, a second (smaller) event between them
    c, d = others[0], others[1]
    db.sentence_break(paragraph=True)
    db.add("Separately, ")
    db.entity(c["key"], c["name"], type="PERSON", country=c["country"], titles=[c["role"]], sector="GOV")
    db.add(f", {c['state']}\u2019s {c['role']}, ")
    db.event("criticized", "ACCUSE", [c["key"]], [], modality="asserted")
    db.doc.events[-1].recipients = []
    db.add(" the decision, and ")
    db.entity(d["key"], d["name"], type="PERSON", country=d["country"], titles=[d["role"]], sector="GOV")
    db.add(" ")
    db.event("called for", "REQUEST", [d["key"]], [c["key"]], modality="requested")
    db.add(" talks with ")
    db.entity(c["key"], c["last"], kind="short")
    db.add(".")
    db.sentence_break()
    db.quote("This is not the end of the matter", d["key"], cue="told reporters")
    db.add(", ")
    db.entity(d["key"], d["last"], kind="short")
    db.add(" told reporters.")
    db.sentence_break()
    db.add(rng.choice(FILLER))
    return db.build()


def _wire_copy(original: Document, doc_id: str) -> Document:
    """A near-duplicate: same story, one sentence added at the end, offsets unchanged."""
    data = original.to_dict()
    data["doc_id"] = doc_id
    data["source"] = {"path": f"synthetic/{doc_id}.txt", "url": None, "publisher": "wire"}
    data["text"] = original.text + " This story has been updated."
    return Document.from_dict(data)
