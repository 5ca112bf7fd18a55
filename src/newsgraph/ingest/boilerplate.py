"""Boilerplate paragraphs: page furniture that is not part of the story.

Each rule is a regular expression tried against a whole paragraph (case-insensitive) and a
word limit: a paragraph is boilerplate only when it matches *and* is short, so a real sentence
that happens to share a word ("The ministry declined to comment") is never removed.  Rules are
general patterns of web and wire furniture, not strings of any one site:

=================  ===========================================================================
rule               removes
=================  ===========================================================================
comment_prompt     "Please read our comment policy…", "View comments", "Comments are closed"
click_prompt       any short paragraph that starts "Click…" or "Tap…"
newsletter         newsletter plugs: "newsletter" together with a call to act or "appeared in"
sign_up            "Sign up…", "Subscribe to…", "Get the latest…", "Don't miss…"
follow             "Follow us…", "Follow <name> on Twitter/X/Facebook…"
share              "Share this article", "Share on Facebook", "Tweet", "Email", "Print"
advertisement      "Advertisement", "Story continues below advertisement", "Continue reading"
copyright          "Copyright © 2024 …", "© 2024 …", "… All rights reserved."
reprint            "Reprints", "Click here for reprint permission", "… reprint rights"
contact            "X can be reached at …", "Contact the author at …", "Write to … at …"
related            "Related: …", "Read more: …", "See also: …", "Recommended"
credits            wire sign-offs: "(Reporting by …; Editing by …)", "Additional reporting by …"
=================  ===========================================================================

Extend ``RULES`` with a new :class:`Rule` to remove more kinds of furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SOCIAL = r"(?:twitter|x|facebook|instagram|linkedin|threads|bluesky|telegram|youtube|tiktok|whatsapp|mastodon)"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    max_words: int


def _rule(name: str, pattern: str, max_words: int) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), max_words)


RULES = (
    _rule("comment_prompt",
          r"\bour comment(?:ing)? (?:policy|guidelines)\b|^please\b.{0,80}\bcomment"
          r"|^(?:click|tap|read|view|show|hide|load|see|post|leave|add|join|jump to)\b[^.]{0,40}\bcomments?\b"
          r"|\bcomments? (?:are|have been) (?:closed|disabled|moderated)\b|^be the first to comment"
          r"|^\d*\s*comments?\W*$", 25),
    _rule("click_prompt", r"^(?:click|tap)\b", 30),
    _rule("newsletter",
          r"^(?=.*\bnewsletters?\b)(?=.*(?:\bclick here\b|\bsign up\b|\bsubscribe\b|\binbox\b"
          r"|\bversion of this (?:story|article|report)\b|\bappeared (?:first )?in\b))", 70),
    _rule("sign_up", r"^(?:sign up|subscribe (?:to|now|today|for)|subscribe\W*$|get the latest|get our\b"
          r"|don'?t miss|never miss|register (?:now|for free|to)\b)", 40),
    _rule("follow", rf"^follow us\b|^(?:follow|like)\b.{{0,80}}\b(?:on|at|via) {_SOCIAL}\b", 30),
    _rule("share", r"^(?:share|tweet|e-?mail|print|pin|save|copy link)"
          r"(?: (?:this|the) (?:article|story|page|post|link))?"
          rf"(?: (?:on|via|to|with) (?:{_SOCIAL}|e-?mail|a friend))?\W*$|^share (?:this|on|via)\b", 12),
    _rule("advertisement", r"^(?:advertisement|advertising|sponsored(?: content)?|ad\b"
          r"|story continues (?:below|after)(?: the)? (?:advertisement|ad)|continue reading(?: below| the main story)?"
          r"|scroll (?:down )?to continue(?: with content)?)\W*$", 8),
    _rule("copyright", r"^(?:copyright\b\s*(?:©|\(c\))?\s*\d{4}|©|\(c\)\s*\d{4})|\ball rights reserved\b", 40),
    _rule("reprint", r"^reprints?\W*$|\breprint (?:permission|rights|requests?|information)\b", 30),
    _rule("contact", r"\b(?:can|may) be (?:reached|contacted|emailed|e-mailed)\b"
          r"|^(?:contact|reach|e-?mail|write to) (?:the )?(?:author|reporter|writer|editor|us)\b"
          r"|^write to [^.]{1,60}\bat\b", 40),
    _rule("related", r"^(?:related|read more|read also|also read|see also|more from|more on this|recommended"
          r"|most read|trending|you may also like|further reading)(?: (?:stories|articles|coverage|content|links))?"
          r"\s*(?:[:|»>-]|$)", 30),
    _rule("credits", r"^\(?(?:additional )?(?:reporting|writing|editing) by\b", 60),
)


def boilerplate_rule(paragraph: str) -> str | None:
    """The name of the first rule that marks ``paragraph`` as boilerplate, or None."""
    text = paragraph.strip().lstrip("•·*–—- ").strip()
    if not text:
        return None
    words = len(text.split())
    for rule in RULES:
        if words <= rule.max_words and rule.pattern.search(text):
            return rule.name
    return None
