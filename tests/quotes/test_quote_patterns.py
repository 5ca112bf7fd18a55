"""Each quote pattern on original sentences (no entity layer needed here)."""

import pytest

from newsgraph.model import Document


@pytest.fixture(scope="module")
def run(settings):
    from newsgraph.pipeline import build_stage

    parse, quotes = build_stage("analysis", settings), build_stage("quotes", settings)

    def _run(text):
        return quotes(parse(Document(doc_id="t", text=text)))  # the quotes stage requires the parse

    return _run


def only(doc, **want):
    hits = [q for q in doc.quotes if all(getattr(q, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [(q.kind, q.speaker_text, q.text) for q in doc.quotes])
    return hits[0]


def test_direct_speaker_after(run):
    doc = run("“We have no plans to close the border,” Mr. Haddad said on Friday.")
    q = only(doc, kind="direct")
    assert q.text == "We have no plans to close the border,"
    assert q.speaker_text == "Mr. Haddad" and q.cue == "said"
    assert doc.text[q.cue_span.start:q.cue_span.end] == "said"


def test_direct_inverted_cue_with_apposition(run):
    doc = run("“The harvest is the worst in a decade,” said Lena Marquardt, an economist at the "
              "Baltic Institute for Trade.")
    q = only(doc, kind="direct")
    assert q.speaker_text == "Lena Marquardt"


def test_direct_speaker_before_with_colon(run):
    doc = run("The mayor told reporters: “Nobody will be evicted this winter.”")
    q = only(doc, kind="direct")
    assert q.speaker_text == "The mayor" and q.cue == "told reporters"


def test_told_outlet_is_part_of_the_cue(run):
    doc = run("“The sanctions are already biting,” Ms. Okafor told CNN.")
    q = only(doc, kind="direct")
    assert q.cue == "told CNN" and q.speaker_text == "Ms. Okafor"


def test_second_fragment_after_cue_belongs_to_same_speaker(run):
    doc = run("“The generals do not care about the rations,” he said of the army's leadership. "
              "The parade itself “is what matters to them.”")
    assert len(doc.quotes) == 2
    first, second = doc.quotes
    assert first.speaker_text == "he" and second.speaker_text == "he"
    assert second.rule == "quotes.direct.continued"


def test_quote_paragraph_without_cue_takes_previous_speaker(run):
    doc = run("“Freight rates have doubled since spring,” said Tomas Rehak, a shipping analyst.\n\n"
              "“Nobody expects them to fall before the new year.”")
    assert [q.speaker_text for q in doc.quotes] == ["Tomas Rehak", "Tomas Rehak"]


def test_quote_before_cue_in_next_sentence_pair(run):
    doc = run("“The vote was rigged from the start.” “We will appeal to the court,” the opposition leader said.")
    assert [q.speaker_text for q in doc.quotes] == ["the opposition leader", "the opposition leader"]


def test_two_fragments_one_cue(run):
    doc = run("“Any shipment of drones would breach the embargo,” and the government “will respond "
              "with new measures,” Mr. Lindqvist said.")
    assert doc.quotes and all(q.speaker_text == "Mr. Lindqvist" for q in doc.quotes)
    covered = "".join(q.text for q in doc.quotes)
    assert "drones" in covered and "new measures" in covered


def test_mixed_quote(run):
    doc = run("Mr. Haddad said he welcomed Cairo's backing for the “humanitarian corridor” in Gaza.")
    q = only(doc, kind="mixed")
    assert q.speaker_text == "Mr. Haddad"
    assert q.text.startswith("he welcomed") and "“humanitarian corridor”" in q.text


def test_mixed_quote_with_that_clause_ending_in_fragment(run):
    doc = run("The state news agency reported that the two presidents would meet “shortly.”")
    q = only(doc, kind="mixed")
    assert q.speaker_text == "The state news agency" and q.cue == "reported"


def test_indirect_quote(run):
    doc = run("Mr. Haddad said Egypt and Jordan would keep their embassies open in Damascus.")
    q = only(doc, kind="indirect")
    assert q.text == "Egypt and Jordan would keep their embassies open in Damascus"
    assert q.speaker_text == "Mr. Haddad"


def test_indirect_with_that_and_time(run):
    doc = run("Turkish officials in Ankara said Tuesday that the convoy had crossed the border.")
    q = only(doc, kind="indirect")
    assert q.speaker_text == "Turkish officials in Ankara" and q.speaker is None
    assert q.text == "that the convoy had crossed the border"


def test_unnamed_sources(run):
    for sentence, who in [
        ("Analysts say Tehran might be looking for a new buyer for its oil.", "Analysts"),
        ("Western diplomats say the talks could collapse within days.", "Western diplomats"),
        ("White House officials said the call lasted an hour.", "White House officials"),
    ]:
        doc = run(sentence)
        q = only(doc, kind="indirect")
        assert q.speaker_text == who and q.speaker is None


def test_sentence_final_cue_makes_indirect_quote_and_attribution(run):
    doc = run("The navy fired warning shots at two fishing boats near the island, the coast guard said.")
    q = only(doc, kind="indirect")
    assert q.speaker_text == "the coast guard"
    assert q.text.startswith("The navy fired warning shots")
    assert any(a.source_text == "the coast guard" and a.start == q.start for a in doc.attributions)


def test_according_to_is_an_attribution_of_the_whole_claim(run):
    doc = run("The minister said he supported the “ceasefire framework” in principle, according to Reuters.")
    q = only(doc, kind="mixed")
    assert q.speaker_text == "The minister"
    assert "according" not in q.text
    acc = [a for a in doc.attributions if a.cue == "according to"]
    assert len(acc) == 1 and acc[0].source_text == "Reuters"
    assert doc.text[acc[0].start:acc[0].end].startswith("The minister said")


def test_according_to_alone_is_an_indirect_quote(run):
    doc = run("Two ships were damaged in the strike, according to the Ukrainian navy.")
    q = only(doc, kind="indirect")
    assert q.speaker_text == "the Ukrainian navy" and q.cue == "according to"


def test_media_as_speaker(run):
    doc = run("The talks “ended without agreement,” Xinhua reported.")
    (q,) = doc.quotes
    assert q.speaker_text == "Xinhua" and q.cue == "reported"


def test_organisation_name_with_of(run):
    doc = run("The Joint Chiefs of Staff said the drills would last three days.")
    q = only(doc, kind="indirect")
    assert q.speaker_text == "The Joint Chiefs of Staff"


def test_scare_quotes_alone_are_not_quotes(run):
    doc = run("The so-called “peace dividend” never arrived in the region.")
    assert doc.quotes == []


def test_cue_inside_a_quotation_is_not_a_cue(run):
    doc = run("“I said we would win, and we did,” the coach said.")
    assert [q.speaker_text for q in doc.quotes] == ["the coach"]


def test_cue_with_colon_closing_the_previous_paragraph(run):
    doc = run("The governor told the crowd:\n\n“We will rebuild every bridge that the flood took from us.”")
    (q,) = doc.quotes
    assert q.speaker_text == "The governor" and q.rule.startswith("quotes.direct.before")


def test_relative_pronoun_speaker_is_the_noun_it_modifies(run):
    doc = run("The station took calls from farmers who said the drought had ruined their wheat.")
    q = only(doc, kind="indirect")
    assert q.speaker_text == "farmers"


def test_odd_inputs_do_not_crash(run):
    for text in ["", "   ", "“", "\"\"\"", "“Unclosed at the very end", "said said said.", "”Backwards“ marks."]:
        doc = run(text)
        assert isinstance(doc.quotes, list)


def test_participle_cue_takes_the_main_subject(run):
    doc = run("The senator defended the bill on Tuesday, saying, “It will lower prices for every family.”")
    (q,) = doc.quotes
    assert q.speaker_text == "The senator" and q.cue == "saying"


def test_cue_leading_into_a_quotation_after_its_own_clause(run):
    doc = run("The roads were empty, he added, “and nobody knew when the buses would come back.”")
    hits = [q for q in doc.quotes if "nobody knew" in q.text]
    assert len(hits) == 1 and hits[0].speaker_text == "he" and hits[0].cue == "added"


def test_things_that_suggest_are_not_speakers(run):
    doc = run("The timing of the visit suggested the two governments had planned it for months.")
    assert doc.quotes == []
    doc = run("Diplomats suggested the two governments had planned it for months.")
    assert [q.speaker_text for q in doc.quotes] == ["Diplomats"]


def test_speaker_after_quote_when_the_parse_joins_the_cue_to_the_quotation(run):
    doc = run("Officers are searching the river.\n“We will find out what happened to her, and we will "
              "not rest until we do,” Halden police Chief Mara Quist said Monday.")
    (q,) = doc.quotes
    assert "Mara Quist" in q.speaker_text and q.cue == "said"


def test_quotation_signed_with_a_dash(run):
    doc = run("Voters shared their views after the debate.\n“The debate changed nothing for me.” ― Lena Ortiz\n"
              "“I still have not decided.” ― Paul Brenner")
    assert [q.speaker_text for q in doc.quotes] == ["Lena Ortiz", "Paul Brenner"]
    assert all(q.rule.startswith("quotes.direct.dash") for q in doc.quotes)


def test_fragment_quoted_in_a_sentence_about_its_speaker(run):
    doc = run("Mr. Harlan dismissed the report as “a work of fiction from start to finish.”")
    (q,) = doc.quotes
    assert q.kind == "mixed" and q.speaker_text == "Mr. Harlan" and q.cue == "dismissed"
    assert q.rule.startswith("quotes.mixed.subject")


def test_quoted_title_is_not_a_fragment(run):
    doc = run("Mr. Harlan watched “The Apprentice” with his staff.")
    assert doc.quotes == []


@pytest.mark.parametrize("sentence,cue", [
    ("“Prices will keep rising,” the economist warned.", "warned"),
    ("“And the rail link is still closed,” the economist added.", "added"),
    ("“The rail link reopened in May,” the economist noted.", "noted"),
    ("“The figures are provisional,” the economist wrote in a blog post.", "wrote"),
    ("“The figures are final,” the economist insisted.", "insisted"),
    ("“We have no record of the shipment,” the ministry stated.", "stated"),
    ("“Two vessels were seized,” Interfax reported.", "reported"),
    ("“Talks will resume next week,” the envoy told reporters.", "told reporters"),
])
def test_cue_verbs(run, sentence, cue):
    (q,) = run(sentence).quotes
    assert q.cue == cue and q.kind == "direct"


def test_quotation_over_two_paragraphs_gets_the_speaker_of_its_cue(run):
    doc = run("“The harbour was full of ships waiting for fuel, and nobody could say when it would come.\n\n"
              "“Then the tankers arrived all at once,” said Nadia Ferreira, a port pilot.")
    (q,) = doc.quotes
    assert q.speaker_text == "Nadia Ferreira"
    assert "waiting for fuel" in q.text and "all at once" in q.text


def test_offsets_slice_to_the_quote_text(run):
    doc = run("“Exports fell again,” the minister said. Mr. Haddad said trade with Jordan would “recover "
              "quickly.” Analysts say the port needs dredging.\n\n“The cranes are old.\n\n“They break "
              "every week,” said Lena Marquardt.")
    assert len(doc.quotes) == 4  # the last quotation runs over two paragraphs
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
        assert q.speaker is not None or q.speaker_text
    for a in doc.attributions:
        assert 0 <= a.start < a.end <= len(doc.text)


def test_quote_paragraph_after_reported_speech_takes_its_speaker(run):
    doc = run("Mr. Varga said the union would meet management in January.\n\n"
              "“We expect a fair offer and we expect it soon.”")
    assert [q.speaker_text for q in doc.quotes] == ["Mr. Varga", "Mr. Varga"]
    assert doc.quotes[1].rule == "quotes.direct.continued"


def test_quote_paragraph_after_unrelated_paragraph_stays_apart(run):
    doc = run("Mr. Varga said the union would meet management in January.\n\n"
              "The plant employs 900 people.\n\n"
              "“We expect a fair offer and we expect it soon.”")
    # the quotation is kept, but not given to Mr. Varga across an unrelated paragraph
    assert [q.speaker_text for q in doc.quotes] == ["Mr. Varga", None]
    assert doc.quotes[1].rule == "quotes.direct.unattributed" and doc.quotes[1].speaker is None


def test_quotation_with_no_speaker_is_kept_unattributed(run):
    doc = run("The banner over the gate read: \n\n“No new mines on our mountain, not now and not ever.”")
    hits = [q for q in doc.quotes if "No new mines" in q.text]
    assert len(hits) == 1
    q = hits[0]
    assert q.kind == "direct" and q.speaker is None and q.speaker_text is None
    assert q.rule == "quotes.direct.unattributed" and q.cue is None
    assert doc.text[q.start:q.end] == q.text
    # an unattributed quotation is no claim on anyone's authority
    assert not any(a.start <= q.start and q.end <= a.end for a in doc.attributions)


def test_short_unattributed_quotation_is_still_a_scare_quote(run):
    doc = run("Residents call the new tower “the needle” and few of them like it.")
    assert doc.quotes == []


def test_fragments_under_one_verb_make_one_quote(run):
    doc = run("Mr. Harlan called the plan “reckless,” “unfunded” and “a gift to the banks.”")
    assert len(doc.quotes) == 1 and doc.quotes[0].speaker_text == "Mr. Harlan"
    assert "reckless" in doc.quotes[0].text and "gift to the banks" in doc.quotes[0].text


@pytest.mark.parametrize("sentence,speaker,content", [
    ("The senator vowed to block the pipeline bill in committee.", "The senator",
     "to block the pipeline bill in committee"),
    ("Ms. Adeyemi urged voters to check their registration before the deadline.", "Ms. Adeyemi",
     "voters to check their registration before the deadline"),
    ("The union warned members to expect a long strike.", "The union", "members to expect a long strike"),
])
def test_promise_or_appeal_with_an_infinitive_is_indirect_speech(run, sentence, speaker, content):
    q = only(run(sentence), kind="indirect")
    assert q.speaker_text == speaker and q.text == content


def test_infinitive_after_a_verb_that_is_not_speech_is_no_quote(run):
    assert run("The senator tried to block the pipeline bill in committee.").quotes == []


def test_sentence_opening_with_an_inverted_cue(run):
    doc = run("Analysts were divided. Said Okonjo: “I do not see the bank cutting rates before spring.”")
    q = only(doc, kind="direct")
    assert q.speaker_text == "Okonjo" and q.cue == "Said"
    assert q.rule.startswith("quotes.direct.inverted_lead")


def test_speech_noun_leading_into_a_quotation(run):
    doc = run("In 2019, Senator Ruiz made the following remark: “Our ports are the lungs of this "
              "economy and we are choking them.”")
    q = only(doc, kind="direct")
    assert q.speaker_text == "Senator Ruiz" and q.cue.endswith("remark")
    assert q.rule.startswith("quotes.direct.noun_cue")
    doc = run("The hall was quiet after the vote, and the chairwoman held up the banner: “We have "
              "done what we were asked to do and nothing more.”")
    assert [q.rule for q in doc.quotes if "nothing more" in q.text] == ["quotes.direct.unattributed"]


def test_infinitive_content_stops_before_the_next_paragraph(run):
    doc = run("The mayor urged residents to stay indoors.\n\n"
              "“The river will crest tonight and nobody should be near it,” she said.")
    assert [(q.kind, q.text[:9]) for q in doc.quotes] == [("indirect", "residents"), ("direct", "The river")]
    assert doc.quotes[0].text == "residents to stay indoors"


def test_a_document_that_reads(run):
    doc = run("“Our children are thriving in these schools and we want them to stay,” the letter reads.")
    q = only(doc, kind="direct")
    assert q.speaker_text == "the letter" and q.cue == "reads"
    assert run("“Closed for repairs until further notice,” the sign reads.").quotes[0].speaker_text is None


def test_speech_noun_examined_by_someone_else_is_not_their_cue(run):
    doc = run("The fact-checking site examined this statement by the governor on June 11: “Our state "
              "has the lowest jobless rate in the region by far.”")
    assert all(q.speaker_text != "The fact-checking site" for q in doc.quotes)


@pytest.mark.parametrize("after,speaker,cue", [
    ("The port's operations director, Rosa Delgado, said that at a briefing on Monday.",
     "The port's operations director, Rosa Delgado", "said"),
    ("The operations director made the remarks at a briefing on Monday.", "The operations director",
     "made the remarks"),
    ("Those were the words of Rosa Delgado, the operations director.", "Rosa Delgado", "words"),
])
def test_speaker_named_in_the_next_sentence(run, after, speaker, cue):
    doc = run("The port closed early. “We could not guarantee the safety of the cranes in this wind.” " + after)
    q = only(doc, kind="direct")
    assert q.speaker_text == speaker and q.cue == cue
    assert q.rule.startswith("quotes.direct.next_sentence")


def test_next_sentence_with_its_own_content_is_not_the_speaker(run):
    doc = run("The port closed early. “We could not guarantee the safety of the cranes in this wind.” "
              "Officials said the terminal would reopen on Wednesday.")
    direct = only(doc, kind="direct")
    assert direct.speaker is None and direct.speaker_text is None


@pytest.mark.parametrize("text,speaker", [
    ("Turnout fell in the county.  “The council is in crisis mode. Full crisis mode,” said Dora Fenwick, "
     "a Tampa-based chair of the Women Voters League.", "Dora Fenwick"),
    ("The bill passed the House.  \"It would be a great law. Not good, great. One of the best bills of the "
     "session,\" Rep. Carla M. Hughes (D-Ohio) said in a statement.", "Rep. Carla M. Hughes"),
])
def test_words_of_the_quotation_parsed_as_a_subject_do_not_hide_the_speaker(run, text, speaker):
    q = only(run(text), kind="direct")
    assert q.speaker_text == speaker and q.cue == "said"


@pytest.mark.parametrize("text,speaker", [
    ("The only test for the grant is a \"credible plan for local hiring,\" as a Labor Department memo put it.",
     "a Labor Department memo"),
    ("As Mara Jensen, a housing economist at the Baird Institute, recently put it, \"Nobody builds starter "
     "homes when land costs this much.\"", "Mara Jensen"),
])
def test_as_someone_put_it(run, text, speaker):
    q = only(run(text), kind="direct")
    assert q.speaker_text == speaker and q.cue == "put"


def test_putting_things_is_not_speech(run):
    assert run("The crew put the new sign above the door on Monday.").quotes == []
