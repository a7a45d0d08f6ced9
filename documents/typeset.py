"""Fonts and text fitting shared by every document.

Every font is a TrueType font embedded (subset) in the PDF, so a page prints the same on a
phone, a library computer or a print shop with no fonts of its own:

* **Liberation Sans** (bundled in ``fonts/``), metric-compatible with the Arial/Helvetica of the
  Judicial Council forms, for Latin (Vietnamese and Tagalog included), Greek and Cyrillic;
* **DejaVu Sans** (bundled) for the few other alphabets and symbols Liberation lacks;
* **WenQuanYi Micro Hei** (Debian package ``fonts-wqy-microhei``, installed by ``make venv``)
  for Chinese (Traditional and Simplified), Korean and Japanese. It is loaded the first time
  such text is drawn; ``PROP64_CJK_FONT`` names another TrueType file or collection.

Scripts that need shaping the PDF writer cannot do (Arabic, Hebrew, the Indic scripts, Thai,
Khmer and their neighbours, :data:`UNSHAPEABLE`) are never drawn: the callers show a placeholder
instead, so nothing prints reversed or as boxes. A character no font has is drawn as "?".

Each string is NFC-normalised (never NFKC, which would turn Chinese full-width punctuation into
ASCII), then split into runs by font and drawn run by run. Text that goes into a box either fits
on one line, shrinks (down to a floor), or wraps; it never spills out of its box.
"""

from __future__ import annotations

import os
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"

LATIN = "LiberationSans"
LATIN_BOLD = "LiberationSans-Bold"
UNICODE = "DejaVuSans"
UNICODE_BOLD = "DejaVuSans-Bold"
CJK = "WenQuanYiMicroHei"

#: Where the CJK font is looked for, in order (the Debian package's path last).
CJK_FONT_ENV = "PROP64_CJK_FONT"
CJK_FONT_PATHS = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),)
CJK_FONT_PACKAGE = "fonts-wqy-microhei"

LINE_SPACING = 1.2  # baseline-to-baseline distance as a multiple of the font size

_BUNDLED = {
    LATIN: "LiberationSans-Regular.ttf",
    LATIN_BOLD: "LiberationSans-Bold.ttf",
    UNICODE: "DejaVuSans.ttf",
    UNICODE_BOLD: "DejaVuSans-Bold.ttf",
}


#: Code point ranges of scripts the PDF writer cannot shape: right-to-left (Hebrew, Arabic,
#: Syriac, Thaana, N'Ko, Samaritan, Mandaic), the Indic scripts, Sinhala, Thai, Lao, Tibetan,
#: Myanmar, Khmer, Mongolian, and the like.
UNSHAPEABLE = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, N'Ko, Samaritan, Mandaic
    (0x0900, 0x0DFF),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
    # Malayalam, Sinhala
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0x1900, 0x1AAF),  # Limbu, Tai Le, New Tai Lue, Khmer Symbols, Buginese, Tai Tham
    (0x1B00, 0x1C4F),  # Balinese, Sundanese, Batak, Lepcha
    (0xA800, 0xA8FF),  # Syloti Nagri, Phags-pa, Saurashtra, Devanagari Extended
    (0xA980, 0xAA7F),  # Javanese, Myanmar Extended-B, Cham, Myanmar Extended-A
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),  # Arabic presentation forms-B
    (0x10800, 0x10FFF),  # historic right-to-left scripts
    (0x11000, 0x11FFF),  # Brahmi and other historic Indic scripts
    (0x1E900, 0x1E95F),  # Adlam
)


def unshapeable(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in UNSHAPEABLE)


class FontMissing(RuntimeError):
    """The CJK font is not installed; the message says how to install it."""


class _Precompressed:
    """A FlateDecode filter for a stream whose content is already compressed."""

    pdfname = "FlateDecode"

    @staticmethod
    def encode(data: bytes) -> bytes:
        return data


def _embedding_cached(font: TTFont) -> TTFont:
    """``font`` with each subset's font program built and compressed once per process.

    Every PDF embeds the subsets it uses. Papers made one after another use the same few
    subsets, so the program (the costly part of embedding) is kept, by the characters it
    holds; the PDF bytes are the same as without the cache."""
    face = font.face
    make = face.makeSubset
    plain = face.addSubsetObjects

    @lru_cache(maxsize=512)
    def program(subset: tuple[int, ...]) -> tuple[bytes, int]:
        raw = make(list(subset))
        return zlib.compress(raw), len(raw)

    def add_subset_objects(doc, fontname, subset):  # TTFontFace.addSubsetObjects, cached
        if not doc.compression:
            return plain(doc, fontname, subset)
        data, length = program(tuple(subset))
        stream = pdfdoc.PDFStream()
        stream.content = data
        stream.dictionary["Length1"] = length
        stream.filters = [_Precompressed]
        program_ref = doc.Reference(stream, f"fontFile:{face.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~ttfonts.FF_NONSYMBOLIC) | ttfonts.FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": program_ref,
            "MissingWidth": face.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)

    face.addSubsetObjects = add_subset_objects
    return font


def _register_bundled() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _BUNDLED.items():
        if name not in registered:
            pdfmetrics.registerFont(_embedding_cached(TTFont(name, str(FONT_DIR / filename))))


_register_bundled()
# A canvas declares its initial font on every page: make it ours, not the unembedded Helvetica.
rl_config.canvas_basefontname = LATIN
# Compressed streams stay binary: ASCII85 would cost time and a quarter more bytes for nothing.
rl_config.useA85 = 0


def cjk_font_path() -> Path | None:
    """The CJK TrueType file that will be used, or None when none is installed."""
    override = os.environ.get(CJK_FONT_ENV)
    candidates = (Path(override),) if override else CJK_FONT_PATHS
    return next((path for path in candidates if path.is_file()), None)


@cache
def _cjk_registered() -> str:
    if CJK in pdfmetrics.getRegisteredFontNames():
        return CJK
    path = cjk_font_path()
    if path is None:
        raise FontMissing(
            f"The font for Chinese, Korean and Japanese text is not installed. Install the Debian "
            f"package {CJK_FONT_PACKAGE} (make venv does), or set {CJK_FONT_ENV} to a TrueType font."
        )
    pdfmetrics.registerFont(_embedding_cached(TTFont(CJK, str(path), subfontIndex=0)))
    return CJK


@cache
def _cmap(font: str) -> frozenset[int]:
    """The code points ``font`` has a glyph for."""
    if font == CJK:
        _cjk_registered()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def has_glyph(font: str, ch: str) -> bool:
    return ord(ch) in _cmap(font)


def normalise(text: object) -> str:
    """NFC, with control characters and line breaks turned into spaces and invisible format
    characters (bidi marks, zero-width joiners) dropped."""
    value = "" if text is None else str(text)
    if value.isascii() and value.isprintable():
        return value
    return _normalised(value)


@lru_cache(maxsize=8192)
def _normalised(value: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", value):
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif category != "Cf":
            out.append(ch)
    return "".join(out)


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


def _bold(font: str) -> str:
    return {LATIN: LATIN_BOLD, UNICODE: UNICODE_BOLD}.get(font, font)


def _regular(font: str) -> str:
    return {LATIN_BOLD: LATIN, UNICODE_BOLD: UNICODE}.get(font, font)


@lru_cache(maxsize=8192)
def latin_for(text: str, bold: bool = False) -> str:
    """The one font for the non-East-Asian characters of ``text``.

    Chosen on the whole text (a line, a paragraph) so that a name is never drawn half in one
    typeface and half in another: Liberation Sans when it has every such character, else
    DejaVu Sans when that does."""
    if text.isascii():
        return LATIN_BOLD if bold else LATIN
    others = [ch for ch in text if _script(ch) == "other"]
    for font in (LATIN, UNICODE):
        if all(has_glyph(font, ch) for ch in others):
            return _bold(font) if bold else font
    return LATIN_BOLD if bold else LATIN


def glyph_font(ch: str, latin: str) -> tuple[str, str]:
    """The font that draws ``ch`` (and the character itself, "?" when no font has it)."""
    if unshapeable(ch):
        return latin, "?"
    if _script(ch) != "other":
        return CJK, ch if has_glyph(CJK, ch) else "?"
    if has_glyph(_regular(latin), ch):
        return latin, ch
    bold = latin in (LATIN_BOLD, UNICODE_BOLD)
    for font in (LATIN, UNICODE):
        if has_glyph(font, ch):
            return (_bold(font) if bold else font), ch
    if cjk_font_path() is not None and has_glyph(CJK, ch):
        return CJK, ch
    return latin, "?"


@lru_cache(maxsize=8192)
def runs(text: str, bold: bool = False, latin: str | None = None) -> tuple[tuple[str, str], ...]:
    """Split normalised text into ``(font, text)`` runs, one font per run."""
    if latin is None:
        latin = latin_for(text, bold)
    if text.isascii():
        return ((latin, text),)
    out: list[tuple[str, str]] = []
    for ch in text:
        if ch == " " and out:
            font, drawn = out[-1][0], ch  # spaces join the run they sit in
        else:
            font, drawn = glyph_font(ch, latin)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + drawn)
        else:
            out.append((font, drawn))
    return tuple(out)


def fonts_needed(text: str, bold: bool = False) -> set[str]:
    """The fonts ``runs`` would use for ``text`` (for tests and checks)."""
    return {font for font, _piece in runs(normalise(text), bold)}


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


#: Never at the start of a line (closing punctuation), never at the end (opening punctuation).
NO_BREAK_BEFORE = frozenset("，。、：；！？）」』】〉》〕｝”’.,:;!?)]}…・ー々")
NO_BREAK_AFTER = frozenset("（「『【〈《〔｛“‘([{")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """Break opportunities: after spaces, and between Chinese or Japanese characters, but never
    before closing punctuation or after opening punctuation."""
    tokens: list[str] = []
    current = ""
    for ch in text:
        script = _script(ch) if not ch.isascii() else "other"
        if ch in NO_BREAK_BEFORE and not current and tokens and not tokens[-1].endswith(" "):
            tokens[-1] += ch
        elif script in ("han", "kana") and ch not in NO_BREAK_BEFORE:
            if current[-1:].isdigit():  # "2016年", "11月": a number keeps its unit
                tokens.append(current + ch)
                current = ""
                continue
            if current and current[-1] not in NO_BREAK_AFTER:
                tokens.append(current)
                current = ""
            if ch in NO_BREAK_AFTER:
                current += ch
            else:
                tokens.append(current + ch)
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
