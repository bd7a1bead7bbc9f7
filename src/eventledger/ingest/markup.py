"""Small HTML helpers shared by the HTML and feed readers."""

from __future__ import annotations

import re
from datetime import date

from eventledger.errors import InputError

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
           "section", "article", "header", "footer", "pre"}
_DROP = {"script", "style", "noscript", "template"}
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    import lxml.html
    from lxml.etree import LxmlError

    if not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (LxmlError, ValueError):
        return ""
    for el in list(root.iter()):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP:
            el.drop_tree()
        elif tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def check_markup(data: bytes, source: str) -> None:
    """Refuse empty and binary files (markup never holds NUL bytes) before a parser sees them."""
    if not data.strip():
        raise InputError("empty file", source=source)
    if b"\x00" in data[:65536]:
        raise InputError("binary data (NUL bytes), not a text article", source=source)


def iso_date(value: object) -> date | None:
    """``YYYY-MM-DD…`` from page metadata, or ``None`` when absent or not a date."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
