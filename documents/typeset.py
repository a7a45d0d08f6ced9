"""Fonts and text fitting shared by every document.

Fonts are registered once, at import:

* ``Helvetica`` (the PDF base font, metric twin of the Arial used on Judicial Council forms) for
  text that Windows-1252 can encode: it needs no embedding, so the usual form stays small;
* bundled **DejaVu Sans** (``fonts/``) for other Latin, Vietnamese and Tagalog text;
* the standard Adobe CID fonts for East Asian scripts: ``MSung-Light`` (Han, Traditional
  Chinese), ``HYGothic-Medium`` (Hangul) and ``HeiseiKakuGo-W5`` (kana). PDF readers supply
  these from their Asian font packs, so names in Chinese or Korean print without tofu.

Each string is NFKC-normalised, then split into runs by script and drawn run by run. Text that
goes into a box either fits on one line, shrinks (down to a floor), or wraps; it never spills
out of its box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import cidfonts, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
UNICODE = "DejaVuSans"
UNICODE_BOLD = "DejaVuSans-Bold"
HAN = "MSung-Light"
HANGUL = "HYGothic-Medium"
KANA = "HeiseiKakuGo-W5"

LINE_SPACING = 1.2  # baseline-to-baseline distance as a multiple of the font size


class _TraditionalChineseFont(cidfonts.UnicodeCIDFont):
    """MSung-Light with the CNS (Traditional Chinese) UCS-2 CMap.

    ReportLab's table pairs MSung-Light with the GB (Simplified) CMap, which readers reject
    for the Adobe-CNS1 collection; this names the matching CMap.
    """

    def __init__(self) -> None:
        cidfonts.CIDFont.__init__(self, HAN, "UniCNS-UCS2-H")
        self.name = self.fontName = HAN
        self.language = "cht"
        self.vertical = False
        self.isHalfWidth = False
        self.unicodeWidths = cidfonts.widthsByUnichar[HAN]


def _register() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    if UNICODE not in registered:
        pdfmetrics.registerFont(TTFont(UNICODE, str(FONT_DIR / "DejaVuSans.ttf")))
    if UNICODE_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(UNICODE_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    if HAN not in registered:
        pdfmetrics.registerFont(_TraditionalChineseFont())
    for name in (HANGUL, KANA):
        if name not in registered:
            pdfmetrics.registerFont(cidfonts.UnicodeCIDFont(name))


_register()


def normalise(text: object) -> str:
    """NFKC, with control characters and line breaks turned into spaces."""
    value = unicodedata.normalize("NFKC", "" if text is None else str(text))
    if value.isascii() and value.isprintable():
        return value
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value)


def _script(ch: str) -> str:
    """'han' | 'hangul' | 'kana' | 'other' for one character."""
    code = ord(ch)
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "kana"
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2E80 <= code <= 0x2FDF
    ):
        return "han"
    return "other"


_CJK_FONT = {"han": HAN, "hangul": HANGUL, "kana": KANA}


def _latin_font(text: str, bold: bool) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return UNICODE_BOLD if bold else UNICODE
    return LATIN_BOLD if bold else LATIN


@lru_cache(maxsize=4096)
def runs(text: str, bold: bool = False) -> tuple[tuple[str, str], ...]:
    """Split normalised text into ``(font, text)`` runs, one font per run."""
    if text.isascii():
        return ((LATIN_BOLD if bold else LATIN, text),)
    pieces: list[tuple[str, str]] = []
    current = ""
    current_script = None
    for ch in text:
        script = _script(ch)
        if ch == " " and current_script is not None:
            script = current_script  # spaces join the run they sit in
        if script != current_script and current:
            pieces.append((current_script, current))
            current = ""
        current_script = script
        current += ch
    if current:
        pieces.append((current_script, current))
    # Non-East-Asian runs share one font, chosen on all of them together, so a Vietnamese
    # word is never drawn half in one typeface and half in another.
    others = "".join(t for s, t in pieces if s == "other")
    latin = _latin_font(others, bold) if others else LATIN
    return tuple((_CJK_FONT.get(s, latin), t) for s, t in pieces)


def width(text: str, size: float, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(t, font, size) for font, t in runs(text, bold))


def draw(canvas: Canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> float:
    """Draw one line at baseline ``y``; returns the x where it ended."""
    for font, piece in runs(text, bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)
    return x


def draw_right(canvas: Canvas, x_right: float, y: float, text: str, size: float, bold: bool = False) -> None:
    draw(canvas, x_right - width(text, size, bold), y, text, size, bold)


def draw_centred(canvas: Canvas, x_mid: float, y: float, text: str, size: float, bold: bool = False) -> None:
    draw(canvas, x_mid - width(text, size, bold) / 2, y, text, size, bold)


def _tokens(text: str) -> list[str]:
    """Break opportunities: after spaces, and between East Asian characters."""
    tokens: list[str] = []
    current = ""
    for ch in text:
        if _script(ch) in ("han", "kana", "hangul") and ch != " ":
            if _script(ch) == "hangul":
                current += ch  # Korean breaks at spaces, like English
                continue
            if current:
                tokens.append(current)
            tokens.append(ch)
            current = ""
        elif ch == " ":
            current += ch
            tokens.append(current)
            current = ""
        else:
            current += ch
    if current:
        tokens.append(current)
    return tokens


def wrap(text: str, size: float, max_width: float, bold: bool = False) -> list[str]:
    """Lines no wider than ``max_width``; a single over-long word is broken by characters."""
    text = normalise(text)
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if width(candidate.rstrip(), size, bold) <= max_width:
            line = candidate
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = token.lstrip()
        while width(line.rstrip(), size, bold) > max_width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and width(line[:cut], size, bold) > max_width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in points: ``x``, ``y`` (bottom-left), ``w``, ``h``."""

    x: float
    y: float
    w: float
    h: float


def fit(
    canvas: Canvas,
    text: str,
    box: Box,
    *,
    size: float = 9.0,
    min_size: float = 5.0,
    bold: bool = False,
    valign: str = "bottom",
) -> float:
    """Draw ``text`` inside ``box``: one line at ``size`` if it fits, else smaller, else
    wrapped onto more lines at a smaller size. Returns the size used."""
    text = normalise(text).strip()
    if not text:
        return size
    current = size
    while current >= min_size:
        if width(text, current, bold) <= box.w and current <= box.h:
            y = box.y + (box.h - current) / 2 + current * 0.22 if valign == "middle" else box.y + current * 0.25
            draw(canvas, box.x, y, text, current, bold)
            return current
        current -= 0.5
    current = size
    floor = 3.5
    while True:
        lines = wrap(text, current, box.w, bold)
        needed = len(lines) * current * LINE_SPACING
        if needed <= box.h or current <= floor:
            break
        current -= 0.25
    lead = current * LINE_SPACING
    top = box.y + box.h - current
    max_lines = max(1, int(box.h // lead))
    for i, line in enumerate(lines[:max_lines]):
        draw(canvas, box.x, top - i * lead, line, current, bold)
    return current


def paragraph(
    canvas: Canvas,
    text: str,
    x: float,
    y_top: float,
    max_width: float,
    *,
    size: float = 10.0,
    bold: bool = False,
    leading: float | None = None,
) -> float:
    """Draw wrapped text whose first line's top is at ``y_top``; returns the y below it."""
    lead = leading or size * LINE_SPACING
    lines = wrap(text, size, max_width, bold)
    for i, line in enumerate(lines):
        draw(canvas, x, y_top - size - i * lead, line, size, bold)
    return y_top - len(lines) * lead


def paragraph_height(text: str, max_width: float, *, size: float = 10.0, bold: bool = False) -> float:
    lines = wrap(text, size, max_width, bold)
    return len(lines) * size * LINE_SPACING
