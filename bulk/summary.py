"""Counts for summary.json, and summary.html with inline SVG bar charts (no JavaScript).

Definitions (also written into summary.json under ``definitions``):

* convictions are the Prop 64 counts convicted in the chosen county, each counted once;
* the outcome is the *effective* one: the county program's where it gives more under
  ``--policy county``, the statute's otherwise;
* a person "no longer shows a felony" had at least one felony conviction on the record (any
  county, any offense, not already cleared) and every one of them is a Prop 64 count here
  whose outcome removes the felony (dismissed, redesignated or resentenced to a misdemeanor or
  infraction);
* a person "no longer shows any conviction" has no other conviction on the record and every
  Prop 64 count here is dismissed.
"""

from __future__ import annotations

import html
from collections import Counter
from datetime import date
from typing import Any

from rules import lawdata
from rules.codes import parse_code
from rules.model import RELIEF_OUTCOMES, Level, Outcome

from .i18n import N_, _, ngettext

PROP64_EFFECTIVE = lawdata.EFFECTIVE_DATE
RECODIFIED = lawdata.ERAS["recodification"]

#: outcomes that take the felony off the record (a resentence without a new level may not)
FELONY_REMOVED = RELIEF_OUTCOMES - {Outcome.RESENTENCE}
DISMISSED = frozenset({Outcome.DISMISS_AND_SEAL, Outcome.RECALL_AND_DISMISS})

ERA_LABELS = {
    "predecessor": N_("Before 7 March 1973 (earlier section numbers)"),
    "before_prop64": N_("7 March 1973 to 8 November 2016"),
    "after_prop64": N_("9 November 2016 or later"),
    "unknown": N_("Date unknown"),
}

DEFINITIONS = {
    "convictions": "Prop 64 counts (HS 11357-11360, their attempts and conspiracies, and the "
    "pre-1973 sections) convicted in the chosen county, each counted once.",
    "outcome": "The effective outcome: the county program's where it gives more (policy "
    "county), the statute's otherwise.",
    "era": "By offense date (the arrest-cycle date), or the conviction date when that is unknown.",
    "people_no_longer_felony": "People with at least one felony conviction on the record, all "
    "of them Prop 64 counts here whose outcome removes the felony.",
    "people_no_longer_convicted": "People with no other conviction on the record whose every "
    "Prop 64 count here is dismissed.",
    "prop64_read": "Convictions in the county whose code names HS 11357-11360 as a section of its "
    "own, and how many of them were not evaluated as Prop 64 convictions (expected 0; the codes "
    "are listed).",
    "policies": "One column per policy compared. relief: convictions whose outcome asks a court "
    "for relief; more_than_statute: convictions (and people) given more than the statute alone "
    "gives. Per person: no_felony_left among people with a felony on the record, "
    "no_conviction_left among everyone here, none_left_last_7_years among people with a "
    "conviction in the 7 years before the as-of date (an undated conviction counts as recent). "
    "Race and gender cells about fewer than 10 people are suppressed; shares compare each "
    "group's share of relief with its share of the Prop 64 convictions evaluated.",
}


def era(day: date | None) -> str:
    if day is None:
        return "unknown"
    if day < RECODIFIED:
        return "predecessor"
    if day < PROP64_EFFECTIVE:
        return "before_prop64"
    return "after_prop64"


class Stats:
    def __init__(self) -> None:
        self.rows_annotated = 0
        self.rows_error = 0
        self.errors_by_code: Counter[str] = Counter()
        self.warnings_by_code: Counter[str] = Counter()
        self.people = 0
        self.people_with_convictions = 0
        self.people_no_felony = 0
        self.people_no_conviction = 0
        self.people_without_dob = 0
        self.convictions = 0
        self.by_outcome: Counter[str] = Counter()
        self.by_statute_outcome: Counter[str] = Counter()
        self.by_section: Counter[str] = Counter()
        self.by_era: Counter[str] = Counter()
        self.by_decade: Counter[str] = Counter()
        self.by_level: Counter[str] = Counter()
        self.by_flag: Counter[str] = Counter()
        self.by_next_step: Counter[str] = Counter()
        self.county_differs = 0
        self.lookup_entries = 0
        self.not_in_lookup = 0
        self.documents = 0
        self.prop64_mentions = 0  # convictions in the county whose code names 11357-11360
        self.prop64_not_evaluated = 0  # ... and that were not evaluated as Prop 64 (expected 0)
        self.not_evaluated_codes: Counter[str] = Counter()
        self.impacts: dict[str, Impact] = {}
        self.policy_labels: dict[str, str] = {}
        self.policy_notes: dict[str, list[str]] = {}
        self.as_of: date | None = None

    def merge(self, other: Stats, sign: int = 1) -> None:
        """Add ``other``'s counts (another worker's) to these; with ``sign`` -1, take them away
        (a person's first decision, made again: bulk.late)."""
        _add_counts(self, other, sign)
        for policy_id, impact in other.impacts.items():
            self.impacts[policy_id].merge(impact, sign)

    def add_person(self, record, result) -> None:
        """``record`` is a :class:`bulk.cases.PersonRecord`; ``result`` its Result or None.

        ``people`` is counted by the reader (everyone in the file), not here.
        """
        if result is None:
            return
        self.people_with_convictions += 1
        if record.dob is None:
            self.people_without_dob += 1
        self.by_next_step[result.next_step.value] += 1
        felonies = record.other_felonies
        removed = 0
        dismissed_all = record.other_convictions == 0
        for conv, det in zip(record.case.convictions, result.determinations):
            outcome = det.effective_outcome
            self.convictions += 1
            self.by_outcome[outcome.value] += 1
            self.by_statute_outcome[det.outcome.value] += 1
            if det.county_outcome is not None and det.county_outcome != det.outcome:
                self.county_differs += 1
            self.by_section[det.section or parse_code(conv.code).section or "unknown"] += 1
            self.by_era[era(conv.offense_date or conv.conviction_date)] += 1
            day = conv.conviction_date
            self.by_decade[f"{day.year // 10 * 10}s" if day else "unknown"] += 1
            self.by_level[conv.level.value if conv.level else "unknown"] += 1
            for flag in det.flags:
                self.by_flag[flag.value] += 1
            if outcome is Outcome.ALREADY_CLEARED:
                continue
            if conv.level is Level.FELONY:
                felonies += 1
                if outcome in FELONY_REMOVED:
                    removed += 1
            if outcome not in DISMISSED:
                dismissed_all = False
        if felonies and removed == felonies:
            self.people_no_felony += 1
        if dismissed_all:
            self.people_no_conviction += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": {
                "total": self.rows_annotated + self.rows_error,
                "annotated": self.rows_annotated,
                "errors": self.rows_error,
                "errors_by_code": dict(sorted(self.errors_by_code.items())),
                "warnings_by_code": dict(sorted(self.warnings_by_code.items())),
            },
            "people": {
                "total": self.people,
                "with_prop64_convictions": self.people_with_convictions,
                "no_longer_felony": self.people_no_felony,
                "no_longer_convicted": self.people_no_conviction,
                "without_date_of_birth": self.people_without_dob,
                "by_next_step": dict(sorted(self.by_next_step.items())),
            },
            "convictions": {
                "total": self.convictions,
                "by_outcome": dict(sorted(self.by_outcome.items())),
                "by_statute_outcome": dict(sorted(self.by_statute_outcome.items())),
                "county_program_differs": self.county_differs,
                "by_section": dict(sorted(self.by_section.items())),
                "by_era": {k: self.by_era.get(k, 0) for k in ERA_LABELS},
                "by_decade": dict(sorted(self.by_decade.items())),
                "by_level": dict(sorted(self.by_level.items())),
                "by_flag": dict(sorted(self.by_flag.items())),
            },
            "prop64_read": {
                "convictions_naming_11357_11360": self.prop64_mentions,
                "not_evaluated": self.prop64_not_evaluated,
                "not_evaluated_codes": dict(sorted(self.not_evaluated_codes.items(), key=lambda kv: (-kv[1], kv[0]))[:20]),
            },
            "policies": {
                policy_id: {"label": self.policy_labels.get(policy_id, policy_id),
                            "notes": self.policy_notes.get(policy_id, []), **impact.to_dict()}
                for policy_id, impact in self.impacts.items()
            },
            "lookup": {"entries": self.lookup_entries, "convictions_not_published": self.not_in_lookup},
            "documents": self.documents,
            "definitions": DEFINITIONS,
        }


# --- impact and equity, per policy -------------------------------------------------------------

#: Breakdowns by race or gender show no cell about fewer people than this (re-identification).
SMALL_CELL = 10
SUPPRESSED = N_("fewer than 10")
RECENT_YEARS = 7
AGE_BANDS = ((18, "under 18"), (21, "18-20"), (26, "21-25"), (36, "26-35"), (46, "36-45"), (56, "46-55"), (200, "56 or older"))
OUTCOME_LABELS = {
    Outcome.DISMISS_AND_SEAL.value: N_("Dismissed and sealed"),
    Outcome.RECALL_AND_DISMISS.value: N_("Sentence recalled and dismissed"),
    Outcome.REDESIGNATE_MISDEMEANOR.value: N_("Reduced to a misdemeanor"),
    Outcome.REDESIGNATE_INFRACTION.value: N_("Reduced to an infraction"),
    Outcome.RESENTENCE_MISDEMEANOR.value: N_("Resentenced as a misdemeanor"),
    Outcome.RESENTENCE_INFRACTION.value: N_("Resentenced as an infraction"),
    Outcome.RESENTENCE.value: N_("Resentenced"),
    Outcome.NOT_ELIGIBLE.value: N_("Not eligible"),
    Outcome.NEEDS_DA_REVIEW.value: N_("A person at the DA's office must review it"),
    Outcome.ALREADY_CLEARED.value: N_("Already cleared"),
}
NOT_RECORDED = "NOT RECORDED"


def age_band(born: date | None, on: date | None) -> str:
    if born is None or on is None:
        return "unknown"
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(label for limit, label in AGE_BANDS if age < limit)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class Impact:
    """What one policy does for people: relief by group, and who is left with what.

    A program only adds: where the statute gives more relief than a program's answer, the
    statute's answer is counted for the program too.

    Convictions are the Prop 64 counts evaluated (in the county); relief is an effective
    outcome that asks a court for relief; "dismissed" is dismissal. Per person (as DA offices
    report it): no felony left, no conviction left, and no conviction left in the 7 years before
    ``--as-of`` (among people with one there; a conviction without a date counts as recent).
    """

    def __init__(self, policy_id: str, as_of: date):
        self.policy_id = policy_id
        self.recent_cutoff = _years_before(as_of, RECENT_YEARS)
        self.convictions = 0
        self.relief = 0
        self.dismissed = 0
        self.more_than_statute = 0
        self.people = 0
        self.people_relieved = 0
        self.people_more_than_statute = 0
        self.people_with_felony = 0
        self.no_felony = 0
        self.people_with_conviction = 0
        self.no_conviction = 0
        self.people_with_recent = 0
        self.no_recent = 0
        self.by_outcome: Counter[str] = Counter()
        self.groups: dict[str, dict[str, Counter[str]]] = {
            "race": {}, "gender": {}, "age_band": {}, "section": {}, "era": {},
        }

    def merge(self, other: Impact, sign: int = 1) -> None:
        """Add ``other``'s counts (the same policy, another worker's people) to these; with
        ``sign`` -1, take them away (a group left with no conviction is no group)."""
        _add_counts(self, other, sign)
        for kind, groups in other.groups.items():
            for key, counts in groups.items():
                group = self._group(kind, key)
                if sign > 0:
                    group.update(counts)
                    continue
                group.subtract(counts)
                if group["convictions"] <= 0:
                    del self.groups[kind][key]

    def _group(self, kind: str, key: str) -> Counter[str]:
        groups = self.groups[kind]
        group = groups.get(key)
        if group is None:
            group = groups[key] = Counter()
        return group

    def add(self, record, result, statute) -> None:
        """``record`` is a PersonRecord with a case; ``statute`` the statute's Result for it."""
        self.people += 1
        felonies = record.other_felonies
        felonies_left = record.other_felonies
        left = record.other_convictions
        recent_left = sum(
            1 for o in record.case.other_convictions
            if (o.conviction_date is None or o.conviction_date >= self.recent_cutoff) and o.code != "PC 290"
        )
        recent = recent_left
        relieved = more = False
        race = record.race or NOT_RECORDED
        gender = record.gender or NOT_RECORDED
        person_keys = {("race", race), ("gender", gender)}
        for conv, det, base in zip(record.case.convictions, result.determinations, statute.determinations):
            outcome = det.effective_outcome
            if _rank(base.effective_outcome) > _rank(outcome):
                outcome = base.effective_outcome  # a program only adds: the statute's relief stands
            gives = outcome in RELIEF_OUTCOMES
            self.convictions += 1
            self.by_outcome[outcome.value] += 1
            band = age_band(record.dob, conv.conviction_date)
            person_keys.add(("age_band", band))
            keys = (("race", race), ("gender", gender), ("age_band", band),
                    ("section", det.section or parse_code(conv.code).section or "unknown"),
                    ("era", era(conv.offense_date or conv.conviction_date)))
            for kind, key in keys:
                group = self._group(kind, key)
                group["convictions"] += 1
                group["relief_convictions"] += gives
            if gives:
                self.relief += 1
                relieved = True
            if outcome in DISMISSED:
                self.dismissed += 1
            if _rank(outcome) > _rank(base.effective_outcome):
                self.more_than_statute += 1
                more = True
            if outcome is Outcome.ALREADY_CLEARED:
                continue
            dated_recent = conv.conviction_date is None or conv.conviction_date >= self.recent_cutoff
            recent += dated_recent
            if conv.level is Level.FELONY or conv.level is None:
                felonies += conv.level is Level.FELONY
                if conv.level is Level.FELONY and outcome not in FELONY_REMOVED:
                    felonies_left += 1
                if conv.level is None and outcome not in DISMISSED:
                    felonies_left += 1  # an unknown level may be a felony: it stays
            if outcome not in DISMISSED:
                left += 1
                recent_left += dated_recent
        self.people_relieved += relieved
        self.people_more_than_statute += more
        if felonies:
            self.people_with_felony += 1
            self.no_felony += felonies_left == 0
        self.people_with_conviction += 1
        self.no_conviction += left == 0
        if recent:
            self.people_with_recent += 1
            self.no_recent += recent_left == 0
        for kind, key in person_keys:
            group = self._group(kind, key)
            group["people"] += 1
            group["relief_people"] += relieved

    def to_dict(self) -> dict[str, Any]:
        def breakdown(kind: str, suppress: bool) -> dict[str, Any]:
            out = {}
            for key, c in sorted(self.groups[kind].items(), key=lambda kv: _order(kind, kv[0])):
                if suppress and c["people"] < SMALL_CELL:
                    out[key] = {"suppressed": SUPPRESSED}
                    continue
                out[key] = {
                    "people": c["people"], "relief_people": c["relief_people"],
                    "convictions": c["convictions"], "relief_convictions": c["relief_convictions"],
                    "share_of_relief": _share(c["relief_convictions"], self.relief),
                    "share_of_convictions": _share(c["convictions"], self.convictions),
                }
            return out

        return {
            "convictions": self.convictions,
            "relief": self.relief,
            "dismissed": self.dismissed,
            "more_than_statute": self.more_than_statute,
            "by_outcome": dict(sorted(self.by_outcome.items())),
            "people": {
                "total": self.people,
                "relieved": self.people_relieved,
                "more_than_statute": self.people_more_than_statute,
                "with_felony": self.people_with_felony,
                "no_felony_left": self.no_felony,
                "no_conviction_left": self.no_conviction,
                "with_conviction_last_7_years": self.people_with_recent,
                "none_left_last_7_years": self.no_recent,
            },
            "by_race": breakdown("race", True),
            "by_gender": breakdown("gender", True),
            "by_age_band": breakdown("age_band", False),
            "by_section": breakdown("section", False),
            "by_era": breakdown("era", False),
        }


_RANK = {
    Outcome.DISMISS_AND_SEAL: 3, Outcome.RECALL_AND_DISMISS: 3,
    Outcome.REDESIGNATE_INFRACTION: 2, Outcome.RESENTENCE_INFRACTION: 2,
    Outcome.REDESIGNATE_MISDEMEANOR: 1, Outcome.RESENTENCE_MISDEMEANOR: 1, Outcome.RESENTENCE: 1,
}


def _add_counts(into: Any, other: Any, sign: int = 1) -> None:
    """Every whole-number and Counter attribute of ``other`` added to ``into``'s (``sign`` -1:
    taken away; a Counter key left at 0 goes, as every count is made by adding at least 1)."""
    for name, value in vars(other).items():
        if isinstance(value, Counter):
            counter = getattr(into, name)
            if sign > 0:
                counter.update(value)
                continue
            counter.subtract(value)
            for key in [k for k, n in counter.items() if n <= 0]:
                del counter[key]
        elif isinstance(value, int) and not isinstance(value, bool):
            setattr(into, name, getattr(into, name) + sign * value)


def _rank(outcome: Outcome) -> int:
    """How much relief an outcome gives (dismissal > infraction > misdemeanor > none)."""
    return _RANK.get(outcome, 0)


def _order(kind: str, key: str) -> tuple:
    """Age bands and eras in their natural order, other groups alphabetically."""
    if kind == "age_band":
        labels = [label for _, label in AGE_BANDS] + ["unknown"]
        return (labels.index(key) if key in labels else len(labels), key)
    if kind == "era":
        return (list(ERA_LABELS).index(key) if key in ERA_LABELS else len(ERA_LABELS), key)
    return (0, key)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# --- HTML -----------------------------------------------------------------------------------

BAR_COLOURS = ("#1f5f99", "#2e7d32", "#8e5b00", "#6a1b9a", "#b71c1c", "#00695c", "#37474f")


def _bar_chart(title: str, data: list[tuple[str, int]], colour: str) -> str:
    """A horizontal bar chart as inline SVG with a text table fallback for screen readers."""
    e = html.escape
    if not data:
        nothing = _("Nothing to show.")
        return f"<section><h2>{e(title)}</h2><p>{e(nothing)}</p></section>"
    top = max(v for _, v in data) or 1
    label_w, bar_w, row_h = 300, 420, 26
    height = row_h * len(data) + 10
    bars = []
    for i, (label, value) in enumerate(data):
        y = 5 + i * row_h
        width = max(1, round(bar_w * value / top)) if value else 0
        bars.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{width}" height="{row_h - 8}" fill="{colour}"/>'
            f'<text x="{label_w + width + 6}" y="{y + 17}">{value:,}</text>'
        )
    rows = "".join(f"<tr><th scope='row'>{e(l)}</th><td>{v:,}</td></tr>" for l, v in data)
    numbers = _("Numbers")
    return (
        f"<section><h2>{e(title)}</h2>"
        f'<svg role="img" aria-label="{e(title)}" width="{label_w + bar_w + 90}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 90} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="13">{"".join(bars)}</svg>'
        f"<details><summary>{e(numbers)}</summary><table>{rows}</table></details></section>"
    )


GROUP_TITLES = {
    "by_race": N_("Relief by race (RACE_DESCR)"),
    "by_gender": N_("Relief by gender"),
    "by_age_band": N_("Relief by age at conviction"),
    "by_section": N_("Relief by code section"),
    "by_era": N_("Relief by era of the offense"),
}
IMPACT_ROWS = (
    ("convictions", N_("Prop 64 convictions evaluated")),
    ("relief", N_("Convictions given relief")),
    ("dismissed", N_("Convictions dismissed")),
    ("more_than_statute", N_("Convictions given more than the statute alone gives")),
    ("people.total", N_("People with a Prop 64 conviction here")),
    ("people.relieved", N_("People given relief")),
    ("people.more_than_statute", N_("People given more than the statute alone gives")),
    ("people.no_felony_left", N_("People left with no felony (of those with one)")),
    ("people.no_conviction_left", N_("People left with no conviction at all")),
    ("people.none_left_last_7_years", N_("People left with no conviction in the last 7 years (of those with one)")),
)
STYLE = (
    "body{font-family:sans-serif;max-width:64rem;margin:1rem auto;padding:0 1rem;color:#111;line-height:1.4}"
    "svg{max-width:100%;height:auto}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
    "th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #ccc;vertical-align:top}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:bold}"
    ".note{color:#333;font-size:.9rem}"
    "@media print{body{max-width:none;margin:0;font-size:10pt}svg,details{display:none}"
    "table{page-break-inside:avoid}h2{page-break-after:avoid}section{page-break-inside:avoid}}"
)


def _value(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def _cell(value: Any) -> str:
    if value is None:
        return "<td class='n'>–</td>"
    if isinstance(value, float):
        return f"<td class='n'>{value:.1%}</td>"
    return f"<td class='n'>{value:,}</td>"


def _impact_table(policies: dict[str, Any]) -> str:
    e = html.escape
    head = "".join(f"<th scope='col'>{e(p['label'])}</th>" for p in policies.values())
    rows = "".join(
        f"<tr><th scope='row'>{e(_(label))}</th>"
        + "".join(_cell(_value(p, path)) for p in policies.values()) + "</tr>"
        for path, label in IMPACT_ROWS
    )
    title = _("What each policy gives")
    return (f"<section><h2>{e(title)}</h2><table><thead><tr><td></td>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")


def _group_table(kind: str, policies: dict[str, Any]) -> str:
    e = html.escape
    suppressed = _(SUPPRESSED)
    keys: list[str] = []
    for p in policies.values():
        keys.extend(k for k in p[kind] if k not in keys)
    by_person = kind in ("by_race", "by_gender", "by_age_band")
    count_key = "relief_people" if by_person else "relief_convictions"
    people_label = _("people given relief") if by_person else _("Convictions given relief")
    share_label = _("share of relief")
    head = "<th scope='col'>" + e(_("Share of the Prop 64 convictions")) + "</th>" + "".join(
        f"<th scope='col'>{e(p['label'])}: {e(people_label)}</th>"
        f"<th scope='col'>{e(p['label'])}: {e(share_label)}</th>"
        for p in policies.values()
    )
    body = []
    for key in keys:
        label = ERA_LABELS.get(key, key) if kind == "by_era" else key
        cells = []
        first = next(iter(policies.values()))[kind].get(key, {})
        if "suppressed" in first:
            cells.append(f"<td>{e(suppressed)}</td>")
        else:
            cells.append(_cell(first.get("share_of_convictions")))
        for p in policies.values():
            group = p[kind].get(key, {})
            if "suppressed" in group:
                cells.append(f"<td colspan='2'>{e(suppressed)}</td>")
            else:
                cells.append(_cell(group.get(count_key)) + _cell(group.get("share_of_relief")))
        body.append(f"<tr><th scope='row'>{e(_(label) if kind == 'by_era' else label)}</th>{''.join(cells)}</tr>")
    return (f"<section><h2>{e(_(GROUP_TITLES[kind]))}</h2><table><thead><tr><td></td>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></section>")


def render_html(summary: dict[str, Any], manifest: dict[str, Any]) -> str:
    e = html.escape
    conv = summary["convictions"]
    people = summary["people"]
    rows = summary["rows"]
    read = summary["prop64_read"]
    policies = summary["policies"]
    outcomes = sorted(conv["by_outcome"].items(), key=lambda kv: -kv[1])
    charts = [
        _bar_chart(_("Convictions by outcome"), [(_(OUTCOME_LABELS.get(k, k)), v) for k, v in outcomes], BAR_COLOURS[0]),
        _bar_chart(_("Convictions by code section"), sorted(conv["by_section"].items()), BAR_COLOURS[1]),
        _bar_chart(
            _("Convictions by era of the offense"),
            [(_(ERA_LABELS[k]), v) for k, v in conv["by_era"].items()],
            BAR_COLOURS[2],
        ),
        _bar_chart(_("Convictions by decade of conviction"), sorted(conv["by_decade"].items()), BAR_COLOURS[3]),
    ]
    if rows["errors_by_code"]:
        charts.append(_bar_chart(_("Rows not read, by error"), sorted(rows["errors_by_code"].items()), BAR_COLOURS[4]))
    facts = [
        ngettext("%(n)s row read.", "%(n)s rows read.", rows["total"]) % {"n": f"{rows['total']:,}"},
        ngettext("%(n)s row could not be read (see errors.csv).", "%(n)s rows could not be read (see errors.csv).", rows["errors"]) % {"n": f"{rows['errors']:,}"},
        ngettext("%(n)s person has a Prop 64 conviction in this county.", "%(n)s people have a Prop 64 conviction in this county.", people["with_prop64_convictions"]) % {"n": f"{people['with_prop64_convictions']:,}"},
        ngettext("%(n)s Prop 64 conviction was evaluated.", "%(n)s Prop 64 convictions were evaluated.", conv["total"]) % {"n": f"{conv['total']:,}"},
        ngettext("%(n)s conviction names HS 11357-11360 but was not evaluated as a Prop 64 conviction (expected 0).", "%(n)s convictions name HS 11357-11360 but were not evaluated as Prop 64 convictions (expected 0).", read["not_evaluated"]) % {"n": f"{read['not_evaluated']:,}"},
    ]
    meta = _("County: %(county)s. Law applied as of %(as_of)s. Rules version %(rules)s; policy %(policy)s.") % {
        "county": manifest["county"],
        "as_of": manifest["as_of"],
        "rules": manifest["rules_version"],
        "policy": f"{manifest['policy']['id']} {manifest['policy']['version']}",
    }
    note = _("Race and gender are as the record gives them. Groups of fewer than 10 people are not shown. A share of relief above the group's share of the convictions means the group gains more than its part.")
    title = _("Prop 64 bulk review: summary")
    items = "".join(f"<li>{e(f)}</li>" for f in facts)
    tables = [_impact_table(policies)] + [_group_table(kind, policies) for kind in GROUP_TITLES]
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{e(title)}</h1><p>{e(meta)}</p><ul>{items}</ul>{''.join(tables)}"
        f"<p class='note'>{e(note)}</p>{''.join(charts)}</body></html>\n"
    )
