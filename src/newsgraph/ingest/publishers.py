"""Publisher names from web domains (``washingtontimes.com`` -> "The Washington Times").

Used as the last resort for plain-text articles (the domain of a contact e-mail address) and for
HTML or JSON records whose metadata gives only a URL.  A small table covers outlets whose names a
rule cannot rebuild; otherwise a domain that ends with a masthead word ("times", "post",
"herald"...) is split before it.  Extend ``KNOWN_DOMAINS`` to add outlets.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

KNOWN_DOMAINS = {
    "nytimes.com": "The New York Times",
    "wsj.com": "The Wall Street Journal",
    "washingtonpost.com": "The Washington Post",
    "washingtontimes.com": "The Washington Times",
    "latimes.com": "Los Angeles Times",
    "usatoday.com": "USA Today",
    "reuters.com": "Reuters",
    "apnews.com": "The Associated Press",
    "ap.org": "The Associated Press",
    "afp.com": "Agence France-Presse",
    "bloomberg.com": "Bloomberg",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "theguardian.com": "The Guardian",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "politico.com": "Politico",
    "thehill.com": "The Hill",
    "npr.org": "NPR",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "aljazeera.com": "Al Jazeera",
    "scmp.com": "South China Morning Post",
    "japantimes.co.jp": "The Japan Times",
    "yna.co.kr": "Yonhap News Agency",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily",
    "nknews.org": "NK News",
    "dailynk.com": "Daily NK",
    "38north.org": "38 North",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "kcna.kp": "KCNA",
    "themoscowtimes.com": "The Moscow Times",
    "kyivindependent.com": "The Kyiv Independent",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "voanews.com": "Voice of America",
}

# Personal mail providers never name a publisher.
MAIL_PROVIDERS = {
    "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.ru",
    "yandex.ru", "naver.com", "qq.com",
}

# Words that end newspaper names; "The" goes before those that take it.
MASTHEAD_WORDS = (
    "times", "post", "journal", "herald", "tribune", "guardian", "telegraph", "gazette",
    "observer", "chronicle", "independent", "express", "mirror", "examiner", "inquirer",
    "register", "monitor", "standard", "courier", "dispatch", "bulletin", "globe", "star",
)


def hostname(url_or_domain: str) -> str:
    text = url_or_domain.strip().lower()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    text = text.split("/")[0].split(":")[0]
    return text[4:] if text.startswith("www.") else text


def publisher_from_domain(url_or_domain: str) -> str | None:
    """The outlet name for a URL, host name or e-mail domain, or None when it cannot be told."""
    host = hostname(url_or_domain)
    if not host or host in MAIL_PROVIDERS:
        return None
    labels = host.split(".")
    for i in range(len(labels) - 1):  # news.bbc.co.uk -> bbc.co.uk
        known = KNOWN_DOMAINS.get(".".join(labels[i:]))
        if known:
            return known
    root = labels[-3] if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else \
        (labels[-2] if len(labels) >= 2 else labels[0])
    root = re.sub(r"^the", "", root)
    for word in MASTHEAD_WORDS:
        prefix = root[: -len(word)]
        if root.endswith(word) and len(prefix) >= 4 and prefix.isalpha():
            return f"The {prefix.title()} {word.title()}"
    return None
