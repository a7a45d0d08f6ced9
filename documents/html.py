"""The accessible copy: every paper a person reads, as one HTML page for screen readers.

The same writing functions that lay out the PDFs (``person.write_*``) write here to an
:class:`HtmlFlow`, so the web page says exactly what the papers say: headings are headings,
lists are lists, and every value is escaped. Names in any script are shown as typed (a browser
shapes Arabic, Hebrew, Thai and the rest, which a PDF cannot).

    >>> html = render_html(case, result, applicant, lang="es")   # a fragment for a template
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape as _escape
from typing import Any

import rules

from .applicant import Applicant
from .i18n import translator

_URL = re.compile(r"https?://[^\s<>\"']+?(?=[.,;:)]?(?:\s|$|<))")


def escape(text: str) -> str:
    """HTML-escaped text, its web addresses made links."""
    return _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', _escape(text))


class HtmlFlow:
    """Collects the writer calls as HTML. Page breaks and spacing have no meaning here."""

    def __init__(self, heading_level: int = 2) -> None:
        self.parts: list[str] = []
        self.level = heading_level  # <h2> for a paper's title, <h3> for its headings
        self.truncated = False
        self.titled = False

    def can_draw(self, text: str) -> bool:
        return True

    def need(self, height: float) -> bool:
        return True

    def title(self, text: str, subtitle: str | None = None, *, outline: str | None = None) -> None:
        self.titled = True
        self.parts.append(f"<h{self.level}>{escape(text)}</h{self.level}>")
        if subtitle:
            self.parts.append(f"<p>{escape(subtitle)}</p>")

    def heading(self, text: str) -> None:
        self.parts.append(f"<h{self.level + 1}>{escape(text)}</h{self.level + 1}>")

    def paragraph(self, text: str, *, size: float | None = None, bold: bool = False, indent: float = 0.0) -> None:
        body = f"<strong>{escape(text)}</strong>" if bold else escape(text)
        self.parts.append(f"<p>{body}</p>")

    def bullets(self, items: Sequence[str], *, size: float | None = None, indent: float = 0.0) -> None:
        if items:
            self.parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")

    def lines(self, items: Sequence[str], *, size: float | None = None, bold: bool = False, indent: float = 0.0) -> None:
        if items:
            body = "<br>".join(escape(item) for item in items)
            self.parts.append(f"<p><strong>{body}</strong></p>" if bold else f"<p>{body}</p>")

    def rule(self) -> None:
        self.parts.append("<hr>")

    def space(self, points: float) -> None:
        pass

    def new_page(self) -> None:
        pass

    def finish(self) -> None:
        pass

    def html(self) -> str:
        return "\n".join(self.parts)


def section(paper_id: str, title: str, flow: HtmlFlow, lang: str) -> str:
    """One paper as a labelled region (``lang`` set, so a screen reader uses the right voice),
    headed by its own title or, for a letter, by the paper's name."""
    body = flow.html()
    if not flow.titled:
        body = f"<h{flow.level}>{_escape(title)}</h{flow.level}>\n" + body
    body = body.replace(f"<h{flow.level}>", f'<h{flow.level} id="{paper_id}-title">', 1)
    return (f'<section class="paper" id="{paper_id}" lang="{lang.replace("_", "-")}" '
            f'aria-labelledby="{paper_id}-title">\n{body}\n</section>')


def render_html(
    case: Mapping[str, Any] | rules.Case,
    result: Mapping[str, Any],
    applicant: Applicant | None = None,
    lang: str = "en",
) -> str:
    """The reading copy, the next steps and the DA letter (the English letter and the
    person's copy) as an HTML fragment, one ``<section>`` per paper, in packet order."""
    from .packet import person_papers  # the packet decides which papers a result calls for

    tr = translator(lang)
    out = []
    for paper in person_papers(case, result, applicant, tr):
        flow = HtmlFlow()
        paper.write(flow)
        out.append(section(paper.slug, paper.title, flow, paper.lang))
    return "\n".join(out)
