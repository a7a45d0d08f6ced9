"""Flowing text for the papers a person reads: headings, paragraphs, bullets, page breaks.

The papers are written once, as calls on a writer (``title``, ``heading``, ``paragraph``,
``bullets``, ``lines``): :class:`Flow` lays them out on PDF pages, with a bookmark (outline
entry) for each title and heading; ``html.HtmlFlow`` writes the same calls as an HTML page for
screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.pdfgen.canvas import Canvas

from . import typeset as ts
from .layouts import LETTER as L
from .scripts import printable

#: the outline level of a document's own entry (added by the packet); titles and headings nest under it
DOCUMENT_LEVEL = 0


class Flow:
    """Writes down the page from ``L.TOP``; starts a new page (with the footer) when full."""

    def __init__(self, canvas: Canvas, footer: str, *, body_size: float = L.BODY_SIZE,
                 heading_size: float = L.HEADING_SIZE, max_pages: int | None = None,
                 page_label: Callable[[int], str] | None = None, running_head: str = ""):
        self.canvas = canvas
        self.footer_text = footer
        self.body_size = body_size
        self.heading_size = heading_size
        self.page = 1
        self.y = L.TOP
        self.max_pages = max_pages
        self.truncated = False
        self.page_label = page_label or str
        self.running_head = running_head  # printed at the top of every page after the first
        self._titled = False

    def can_draw(self, text: str) -> bool:
        """False for text in a script a PDF cannot shape (the caller shows a placeholder)."""
        return printable(text)

    # page handling
    def _footer(self) -> None:
        ts.fit(self.canvas, self.footer_text, ts.Box(L.LEFT, L.FOOTER_BASELINE - 2, L.WIDTH - 1.3 * 72, 10),
               size=L.FOOTER_SIZE, min_size=5)
        ts.draw_right(self.canvas, L.RIGHT, L.FOOTER_BASELINE, self.page_label(self.page), L.FOOTER_SIZE)

    def _bookmark(self, text: str, level: int) -> None:
        """An outline entry for what starts here (the PDF's bookmarks), under the document's own
        entry; none when the canvas has no document entry (a trial layout)."""
        if not getattr(self.canvas, "_prop64_document", False):
            return
        count = getattr(self.canvas, "_prop64_outline", 0) + 1
        self.canvas._prop64_outline = count
        key = f"h{count}"
        self.canvas.bookmarkPage(key, fit="XYZ", top=self.y + 4)
        self.canvas.addOutlineEntry(ts.normalise(text), key, level=level, closed=True)

    def need(self, height: float) -> bool:
        """Make room for ``height`` points, breaking the page if needed; False when the page
        limit stops it (the caller then skips the content)."""
        if self.y - height >= L.BOTTOM:
            return True
        if self.max_pages is not None and self.page >= self.max_pages:
            self.truncated = True
            return False
        self.new_page()
        return True

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.y = L.TOP
        if self.running_head:
            ts.draw(self.canvas, L.LEFT, self.y - L.SMALL_SIZE, self.running_head, L.SMALL_SIZE)
            ts.draw_right(self.canvas, L.RIGHT, self.y - L.SMALL_SIZE, self.page_label(self.page), L.SMALL_SIZE)
            self.y -= L.SMALL_SIZE * 3

    def finish(self) -> None:
        self._footer()
        self.canvas.showPage()

    # content
    def title(self, text: str, subtitle: str | None = None, *, outline: str | None = None) -> None:
        """``outline``: the bookmark's label, where ``text`` carries a name (bookmarks never do)."""
        h = ts.paragraph_height(text, L.WIDTH, size=L.TITLE_SIZE, bold=True)
        self.need(h)
        self._bookmark(outline or text, DOCUMENT_LEVEL + 1)
        self._titled = True
        self.y = ts.paragraph(self.canvas, text, L.LEFT, self.y, L.WIDTH, size=L.TITLE_SIZE, bold=True)
        if subtitle:
            self.paragraph(subtitle, size=L.SMALL_SIZE)
        self.y -= L.PARAGRAPH_GAP

    def heading(self, text: str) -> None:
        size = self.heading_size
        h = ts.paragraph_height(text, L.WIDTH, size=size, bold=True) + L.HEADING_GAP_BEFORE
        # keep a heading with at least two lines of what follows
        if not self.need(h + 2.6 * self.body_size * ts.LINE_SPACING):
            return
        self.y -= L.HEADING_GAP_BEFORE
        self._bookmark(text, DOCUMENT_LEVEL + (2 if self._titled else 1))
        self.y = ts.paragraph(self.canvas, text, L.LEFT, self.y, L.WIDTH, size=size, bold=True)
        self.y -= 2

    def paragraph(self, text: str, *, size: float | None = None, bold: bool = False, indent: float = 0.0) -> None:
        size = size or self.body_size
        width = L.WIDTH - indent
        text = ts.normalise(text)
        latin = ts.latin_for(text, bold)
        for line in ts.wrap(text, size, width, bold, latin):
            if not self.need(size * ts.LINE_SPACING):
                return
            ts.draw(self.canvas, L.LEFT + indent, self.y - size, line, size, bold, latin)
            self.y -= size * ts.LINE_SPACING
        self.y -= L.PARAGRAPH_GAP

    def bullets(self, items: Sequence[str], *, size: float | None = None, indent: float = 0.0) -> None:
        size = size or self.body_size
        x = L.LEFT + indent + L.BULLET_INDENT
        width = L.RIGHT - x
        for item in items:
            item = ts.normalise(item)
            latin = ts.latin_for(item)
            lines = ts.wrap(item, size, width, latin=latin)
            for i, line in enumerate(lines):
                if not self.need(size * ts.LINE_SPACING):
                    return
                if i == 0:
                    ts.draw(self.canvas, L.LEFT + indent + 2, self.y - size, L.BULLET, size, latin=latin)
                ts.draw(self.canvas, x, self.y - size, line, size, latin=latin)
                self.y -= size * ts.LINE_SPACING
            self.y -= L.PARAGRAPH_GAP / 2
        self.y -= L.PARAGRAPH_GAP / 2

    def lines(self, items: Sequence[str], *, size: float | None = None, bold: bool = False, indent: float = 0.0) -> None:
        """Short lines kept as they are (addresses): wrapped only if too long."""
        size = size or self.body_size
        for item in items:
            for line in ts.wrap(item, size, L.WIDTH - indent, bold):
                if not self.need(size * ts.LINE_SPACING):
                    return
                ts.draw(self.canvas, L.LEFT + indent, self.y - size, line, size, bold)
                self.y -= size * ts.LINE_SPACING
        self.y -= L.PARAGRAPH_GAP

    def rule(self) -> None:
        if self.need(8):
            self.canvas.setLineWidth(0.5)
            self.canvas.line(L.LEFT, self.y - 4, L.RIGHT, self.y - 4)
            self.y -= 8

    def space(self, points: float) -> None:
        self.y -= points
