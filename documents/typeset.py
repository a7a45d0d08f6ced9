"""Fonts and text fitting shared by every document.

Fonts are registered once, at import:

* ``Helvetica`` (the PDF base font, metric twin of the Arial used on Judicial Council forms) for
  text that Windows-1252 can encode: it needs no embedding, so the usual form stays small;
* bundled **DejaVu Sans** (``fonts/``) for other Latin, Vietnamese and Tagalog text;
* the standard Adobe CID fonts for East Asian scripts: ``MSung-Light`` (Han, Traditional
  Chinese), ``STSong-Light`` (Simplified characters that MSung-Light's CMap lacks, chosen from
  the coverage table in ``fonts/cjk_coverage.json``), ``HYGothic-Medium`` (Hangul) and
  ``HeiseiKakuGo-W5`` (kana). PDF readers supply
  these from their Asian font packs, so names in Chinese or Korean print without tofu.

Each string is NFKC-normalised, then split into runs by script and drawn run by run. Text that
goes into a box either fits on one line, shrinks (down to a floor), or wraps; it never spills
out of its box.
"""

from __future__ import annotations

import base64
import json
import unicodedata
import zlib
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
HAN = "MSung-Light"  # Traditional Chinese (Adobe-CNS1)
HAN_SIMPLIFIED = "STSong-Light"  # Simplified Chinese (Adobe-GB1), for characters CNS1 lacks
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
    for name in (HAN_SIMPLIFIED, HANGUL, KANA):
        if name not in registered:
            pdfmetrics.registerFont(cidfonts.UnicodeCIDFont(name))


_register()


def _coverage() -> tuple[int, bytes, bytes]:
    """Bitmaps of the code points the Traditional and Simplified CMaps map (``fonts/``)."""
    data = json.loads((FONT_DIR / "cjk_coverage.json").read_text(encoding="utf-8"))
    return (
        data["start"],
        zlib.decompress(base64.b64decode(data["UniCNS-UCS2-H"])),
        zlib.decompress(base64.b64decode(data["UniGB-UCS2-H"])),
    )


_COVERAGE_START, _CNS, _GB = _coverage()


def _mapped(bitmap: bytes, ch: str) -> bool:
    i = ord(ch) - _COVERAGE_START
    return 0 <= i < len(bitmap) * 8 and bool(bitmap[i >> 3] & (1 << (i & 7)))


def _han_font(text: str) -> str:
    """MSung-Light when it has every character of ``text``, else STSong-Light if that does."""
    chars = [ch for ch in text if ch != " "]
    if all(_mapped(_CNS, ch) for ch in chars):
        return HAN
    if all(_mapped(_GB, ch) for ch in chars):
        return HAN_SIMPLIFIED
    return ""


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


def latin_for(text: str, bold: bool = False) -> str:
    """The one font for the non-East-Asian characters of ``text``.

    Chosen on the whole text (a line, a paragraph) so that a Vietnamese name is never drawn
    half in one typeface and half in another."""
    if text.isascii():
        return LATIN_BOLD if bold else LATIN
    return _latin_font("".join(ch for ch in text if _script(ch) == "other"), bold)


@lru_cache(maxsize=8192)
def runs(text: str, bold: bool = False, latin: str | None = None) -> tuple[tuple[str, str], ...]:
    """Split normalised text into ``(font, text)`` runs, one font per run."""
    if latin is None:
        latin = latin_for(text, bold)
    if text.isascii():
        return ((latin, text),)
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
    out: list[tuple[str, str]] = []
    for script, piece in pieces:
        if script != "han":
            out.append((_CJK_FONT.get(script, latin), piece))
        elif font := _han_font(piece):
            out.append((font, piece))
        else:  # mixed: each character in the font that has it
            for ch in piece:
                font = HAN_SIMPLIFIED if not _mapped(_CNS, ch) and _mapped(_GB, ch) else HAN
                if out and out[-1][0] == font:
                    out[-1] = (font, out[-1][1] + ch)
                else:
                    out.append((font, ch))
    return tuple(out)


@lru_cache(maxsize=32768)
def _font_width(text: str, font: str) -> float:
    return pdfmetrics.stringWidth(text, font, 1.0)


@lru_cache(maxsize=32768)
def _unit_width(text: str, bold: bool, latin: str | None) -> float:
    """Width of ``text`` at size 1 (widths scale linearly with the size)."""
    return sum(_font_width(t, font) for font, t in runs(text, bold, latin))


def width(text: str, size: float, bold: bool = False, latin: str | None = None) -> float:
    return _unit_width(text, bold, latin) * size


def draw(canvas: Canvas, x: float, y: float, text: str, size: float, bold: bool = False,
         latin: str | None = None) -> float:
    """Draw one line at baseline ``y``; returns the x where it ended."""
    for font, piece in runs(text, bold, latin):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += _font_width(piece, font) * size
    return x


def draw_right(canvas: Canvas, x_right: float, y: float, text: str, size: float, bold: bool = False) -> None:
    draw(canvas, x_right - width(text, size, bold), y, text, size, bold)


def draw_centred(canvas: Canvas, x_mid: float, y: float, text: str, size: float, bold: bool = False) -> None:
    draw(canvas, x_mid - width(text, size, bold) / 2, y, text, size, bold)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """Break opportunities: after spaces, and between Chinese or Japanese characters."""
    tokens: list[str] = []
    current = ""
    for ch in text:
        script = _script(ch) if not ch.isascii() else "other"
        if script in ("han", "kana"):
            if current:
                tokens.append(current)
            tokens.append(ch)
            current = ""
        elif ch == " ":
            current += ch
            tokens.append(current)
            current = ""
        else:
            current += ch  # Korean, like English, breaks at spaces
    if current:
        tokens.append(current)
    return tuple(tokens)


def wrap(text: str, size: float, max_width: float, bold: bool = False, latin: str | None = None) -> list[str]:
    """Lines no wider than ``max_width``; a single over-long word is broken by characters."""
    text = normalise(text)
    if latin is None:
        latin = latin_for(text, bold)
    limit = max_width / size
    lines: list[str] = []
    line = ""
    line_w = 0.0
    for token in _tokens(text):
        stripped = token.rstrip()
        if line_w + _unit_width(stripped, bold, latin) <= limit:
            line += token
            line_w += _unit_width(token, bold, latin)
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = token.lstrip()
        while len(line) > 1 and _unit_width(line.rstrip(), bold, latin) > limit:
            cut = len(line) - 1
            while cut > 1 and _unit_width(line[:cut], bold, latin) > limit:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        line_w = _unit_width(line, bold, latin)
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
    latin = latin_for(text, bold)
    unit = _unit_width(text, bold, latin)
    single = min(size, box.h, box.w / unit if unit else size)
    single = int(single * 2) / 2  # half-point steps
    if single >= size or (single >= min_size and single >= _wrapped_size(text, box, size, bold, latin) - 1):
        y = box.y + (box.h - single) / 2 + single * 0.22 if valign == "middle" else box.y + single * 0.25
        draw(canvas, box.x, y, text, single, bold, latin)
        return single
    current = _wrapped_size(text, box, size, bold, latin)
    lines = wrap(text, current, box.w, bold, latin)
    lead = current * LINE_SPACING
    top = box.y + box.h - current
    max_lines = max(1, int((box.h - current) // lead) + 1)
    for i, line in enumerate(lines[:max_lines]):
        draw(canvas, box.x, top - i * lead, line, current, bold, latin)
    return current


MIN_WRAPPED_SIZE = 3.5


def _wrapped_size(text: str, box: Box, size: float, bold: bool, latin: str) -> float:
    """The largest size (quarter-point steps) at which ``text`` wrapped fits ``box``."""
    current = size
    while current > MIN_WRAPPED_SIZE:
        lines = wrap(text, current, box.w, bold, latin)
        if current + (len(lines) - 1) * current * LINE_SPACING <= box.h:
            return current
        current -= 0.25
    return MIN_WRAPPED_SIZE


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
    text = normalise(text)
    latin = latin_for(text, bold)
    lines = wrap(text, size, max_width, bold, latin)
    for i, line in enumerate(lines):
        draw(canvas, x, y_top - size - i * lead, line, size, bold, latin)
    return y_top - len(lines) * lead


def paragraph_height(text: str, max_width: float, *, size: float = 10.0, bold: bool = False) -> float:
    lines = wrap(text, size, max_width, bold)
    return len(lines) * size * LINE_SPACING
