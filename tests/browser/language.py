"""Is the text a person sees in the page's language?

The ``lang`` attribute only says what the page claims. This reads the visible text itself: every
run of text that the page does not mark as another language (``lang="en"`` on a court's name,
``translate="no"``, ``<code>``, ``<cite>``) must read as the page's language. English is caught
by its function words, which no other supported language uses: a run with two or more of them
and fewer words of the page's own language is English left untranslated. Chinese and Korean
pages must also be written mostly in their own script.

Proper names and citations stay as they are ("Superior Court of California", "HS § 11359"):
mark them ``lang="en"`` or ``translate="no"`` in the template, which also tells a screen reader
how to say them.
"""

from __future__ import annotations

import re

#: Visible text runs with the language that applies to them, as the browser lays them out.
VISIBLE_TEXT = """() => {
  const skip = 'script, style, noscript, template, code, cite, kbd, samp, [translate="no"], [aria-hidden="true"]';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const runs = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest(skip)) continue;
    if (!parent.getClientRects().length && !parent.closest('.visually-hidden')) continue;
    const owner = parent.closest('[lang]');
    runs.push({text: text, lang: owner ? owner.getAttribute('lang') : ''});
  }
  return runs;
}"""

#: English function words: frequent, short, and not words of any other supported language.
ENGLISH = frozenset(
    "the and you your yours is are was were to of for this that with what which not can will "
    "have has had be been it its we our us they their if or do does did from by at about "
    "there here would should could must may these those who when where how why than then "
    "into out only also any each".split()
)

#: A few of each language's own function words, so that a run in the language is recognised.
OWN = {
    "es": frozenset("el la los las de del que y en un una su sus es por para con no se le lo "
                    "usted al como más o ya si este esta".split()),
    "vi": frozenset("của và là có không được cho người này một các những quý vị với trong "
                    "bạn đã sẽ khi nếu hoặc về tòa".split()),
    "tl": frozenset("ang ng sa mga na ay at ito kung para hindi ninyo inyong kayo namin "
                    "nito o siya may wala lamang rin".split()),
}

#: Scripts that must carry a Chinese or Korean page.
SCRIPT = {
    "zh-Hant": re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"),
    "ko": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def _base(tag: str) -> str:
    return tag.split("-")[0].lower()


def english_runs(runs: list[dict], page_lang: str) -> list[str]:
    """The runs of text under ``page_lang`` that read as English."""
    if _base(page_lang) == "en":
        return []
    found = []
    own = OWN.get(_base(page_lang), frozenset())
    script = SCRIPT.get(page_lang)
    for run in runs:
        if run["lang"] and _base(run["lang"]) != _base(page_lang):
            continue  # marked as another language: a name, a citation, the language menu
        words = [w.lower() for w in WORD.findall(run["text"])]
        english = sum(w in ENGLISH for w in words)
        if english < 2:
            continue
        if script is not None:
            if not script.search(run["text"]):
                found.append(run["text"])
        elif english > sum(w in own for w in words):
            found.append(run["text"])
    return found


def script_share(runs: list[dict], page_lang: str) -> float | None:
    """For Chinese and Korean pages, the share of letters in the page's own script."""
    script = SCRIPT.get(page_lang)
    if script is None:
        return None
    text = "".join(r["text"] for r in runs if not r["lang"] or r["lang"] == page_lang)
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    return sum(bool(script.match(c)) for c in letters) / len(letters)


def language_problems(page, label: str) -> list[str]:
    """What, on the page as it stands, is not in the page's language."""
    lang = page.get_attribute("html", "lang") or ""
    runs = page.evaluate(VISIBLE_TEXT)
    problems = [f"{label} [{lang}]: English text {text!r}" for text in english_runs(runs, lang)]
    share = script_share(runs, lang)
    if share is not None and share < 0.5:
        problems.append(f"{label} [{lang}]: only {share:.0%} of the letters are in the page's script")
    return problems
