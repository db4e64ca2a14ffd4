"""Contact details typed into lesson text, however they are disguised.

A phone number, web or email address in a lesson would be printed (and made a link) without
ever being checked; only the signposting registry may supply them. People hide them, on
purpose or by pasting: entities (`tel&#58;…`), percent-encoding (`%2B44`), zero-width or
other invisible characters, full-width digits, double spaces, a scheme with no slashes
(`https:site.io`), foreign formats. So the text is searched twice: as written (to point at
the exact column) and normalised (NFKC, invisible characters removed, entities and
percent-escapes decoded, spaces collapsed); and every Markdown link target counts.

Every scan is linear in the text: no pattern here can backtrack across a long run of
characters, so a field of 8,000 characters is checked in well under a millisecond.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import unquote

_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+44\s?|0)(?:\d[\s-]?){6,9}\d(?![\w-])"  # 0800 1111 to 0808 800 5000
    r"|(?<![\w/.-])(?:\+|00)\d{1,3}(?:[\s.()-]{0,2}\d){6,12}(?![\w-])",  # +33 1 23 45 67 89, 001-202-…
)
_SHORT_CODE = re.compile(r"\b(?:call|ring|dial|phone|text)(?:ing)?\s+(?:999|101|111|116\s?123)\b", re.IGNORECASE)
_SCHEME = re.compile(r"\b(?:https?|tel|mailto|sms|callto|ftp|file|javascript|data|whatsapp|skype):[^\s)>\]]*", re.I)
_WWW = re.compile(r"\bwww\.[^\s)>\]]+", re.IGNORECASE)
_DOTTED = re.compile(r"[A-Za-z0-9-]\.[A-Za-z0-9-]")  # two labels of a domain meet at a dot
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")  # maximal runs: each character is read once
_TLDS = frozenset(
    (
        *("uk", "com", "org", "net", "io", "info", "me", "app", "co", "online", "site", "xyz", "ly", "gov"),
        *("edu", "biz", "tv", "us", "eu", "fr", "de", "ie", "au", "ca", "nz", "in", "ai", "gg"),
    )
)
KINDS = {"email": "an email address", "phone": "a phone number", "url": "a web address", "link": "a link"}


def find(text: str) -> list[tuple[int, str, str]]:
    """(offset, kind, what) for every contact detail in `text` as written, each once: a web
    address is not reported again as the domain inside it."""
    found = [(m.start(), "phone", m.group()) for pattern in (_PHONE, _SHORT_CODE) for m in pattern.finditer(text)]
    found += [(m.start(), "url", m.group()) for pattern in (_SCHEME, _WWW) for m in pattern.finditer(text)]
    found += [*_emails(text), *_domains(text)]
    kept: list[tuple[int, str, str]] = []
    for offset, kind, what in sorted(found, key=lambda f: (f[0], -len(f[2]))):
        if kept and offset < kept[-1][0] + len(kept[-1][2]):
            continue  # inside the one before
        kept.append((offset, kind, what))
    return kept


def find_disguised(text: str) -> Iterator[tuple[str, str]]:
    """(kind, what) for contact details visible only once the text is normalised."""
    plain = normalise(text)
    for _, kind, what in find(plain):
        yield kind, what
    for target in link_targets(text):
        yield "link", target


def normalise(text: str) -> str:
    if text.isascii() and "&" not in text and "%" not in text:  # nothing to decode: the common case
        return " ".join(text.split())
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # zero-width, soft hyphen, bidi marks
    text = html.unescape(unquote(html.unescape(text)))
    return " ".join(text.split())


def link_targets(markdown: str) -> list[str]:
    """Every link target in a Markdown field, as a renderer would read it."""
    if "](" not in markdown and "<" not in markdown:
        return []
    tokens = _parser().parse(markdown)
    targets = []
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                targets.append(str(child.attrs.get("href", "")))
    return targets


@lru_cache(maxsize=1)
def _parser():  # noqa: ANN202
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["link", "autolink"])


def _emails(text: str) -> Iterator[tuple[int, str, str]]:
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        end = at + 1
        while end < len(text) and (text[end].isalnum() or text[end] in ".-"):
            end += 1
        domain = text[at + 1 : end].rstrip(".-")
        if start < at and "." in domain and all(domain.split(".")):
            yield start, "email", text[start : at + 1 + len(domain)]
        at = text.find("@", max(end, at + 1))


_UK_SECOND_LEVEL = frozenset({"co", "org", "gov", "ac", "police", "nhs", "ltd", "plc", "net", "sch", "me"})


def _domains(text: str) -> Iterator[tuple[int, str, str]]:
    if not _DOTTED.search(text):  # no "x.y" anywhere: the common case, a sentence's full stops
        return
    for match in _TOKEN.finditer(text):
        token = match.group().rstrip(".-")
        labels = token.split(".")
        if len(labels) < 2 or not all(labels) or labels[-1].lower() not in _TLDS:
            continue
        if labels[-1].lower() == "uk" and labels[-2].lower() in _UK_SECOND_LEVEL and len(labels) < 3:
            continue  # "GOV.UK" named as a website is a name, not an address
        if any(label.isalpha() and len(label) > 1 for label in labels[:-1]):
            yield match.start(), "url", token
