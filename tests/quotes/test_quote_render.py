from rich.console import Console

from newsgraph.model import Document, Entity, Mention, Quote
from newsgraph.render import render_quotes


def test_text_view_lists_quotes_by_speaker_and_keeps_brackets():
    text = "“[Mr. Kim] will visit soon,” the Kremlin said."
    doc = Document("t", text=text)
    doc.entities.append(Entity("e1", "Government of Russia", "ORG",
                               mentions=[Mention(text.index("Kremlin"), text.index("Kremlin") + 7, "Kremlin")]))
    doc.quotes.append(Quote(1, 27, text[1:27], "direct", "e1", "the Kremlin", "said"))
    doc.quotes.append(Quote(1, 27, text[1:27], "direct", None, "officials", "said"))
    console = Console(record=True, width=200)
    render_quotes(doc, console)
    out = console.export_text()
    assert "Government of Russia (e1)" in out and "officials (unresolved)" in out
    assert "[Mr. Kim] will visit soon" in out
