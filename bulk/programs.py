"""The policies a bulk run can compare: the statute, the county's program, GoGen's options, and
the "dismiss all Prop 64" what-if.

The statute's answer (``outcome``, ``route``) always stands; a program only adds a second way
(``county_outcome``). GoGen's options file (``eligibility_options.json``) is read as such a
program: its dismiss list and additional-relief switches become program choices the engine
already knows (docs/bulk.md, "GoGen's options file"). The what-if dismisses every Prop 64
conviction evaluated, as GoGen's summary did; it never reaches annotated.csv or the papers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import rules
from rules import policy as rule_policies
from rules.engine import next_steps
from rules.model import Case, Outcome, PolicyRef, Result
from rules.steps import priors
from rules.steps.county import apply_county

from .i18n import N_, _

STATEWIDE, COUNTY, GOGEN, DISMISS_ALL = "statewide", "county", "gogen", "dismiss-all"
LABELS = {
    STATEWIDE: N_("The statute alone"),
    COUNTY: N_("The county's program"),
    GOGEN: N_("GoGen options file"),
    DISMISS_ALL: N_("What if: dismiss every Prop 64 conviction"),
}
_SECTIONS = ("11357", "11358", "11359", "11360")


class OptionsError(ValueError):
    """GoGen's options file cannot be read as a program; the message names the key."""


@dataclass(frozen=True)
class PolicySpec:
    """One column of the comparison: how a person's case is decided under it."""

    id: str
    program: rule_policies.Policy | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return _(LABELS[self.id])

    def evaluate(self, case: Case, as_of: date, statute: Result | None = None) -> Result:
        if self.id in (STATEWIDE, COUNTY):
            return rules.evaluate(case, as_of=as_of, policy=self.id)
        base = statute or rules.evaluate(case, as_of=as_of, policy=STATEWIDE)
        if self.id == DISMISS_ALL:
            dets = tuple(
                d if d.outcome is Outcome.ALREADY_CLEARED else replace(d, county_outcome=Outcome.DISMISS_AND_SEAL)
                for d in base.determinations
            )
            ref = PolicyRef(DISMISS_ALL, "what-if")
        else:  # a program laid over the statute's answers, as the engine lays a county's
            dets = tuple(apply_county(list(base.determinations), case, self.program, as_of, priors.records(case)))
            ref = PolicyRef(self.program.id, self.program.version, self.program.county)
        steps = next_steps(dets, case)
        return replace(base, policy=ref, determinations=dets, next_step=steps[0], next_steps=steps)


def _int_option(data: dict, key: str, low: int, high: int) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or (value and not low <= value <= high):
        raise OptionsError(
            _("additionalRelief.%(key)s must be 0 (off) or a whole number from %(low)s to %(high)s.")
            % {"key": key, "low": low, "high": high}
        )
    return value


def read_gogen_options(path: Path, county: str) -> PolicySpec:
    """GoGen's ``eligibility_options.json`` as a program for ``county`` (checked, never guessed).

    Choices and the GoGen option each comes from:

    * misdemeanors and infractions: always dismissed by GoGen → ``dismiss_misdemeanors``;
    * ``baselineEligibility.dismiss`` → ``dismiss_sections``;
    * ``baselineEligibility.reduce``: the statute already reduces these; nothing is added;
    * ``subjectUnder21AtConviction`` → ``dismiss_under_21_at_offense`` (the engine asks the age
      on the offense date, the date the law looks at);
    * ``subjectAgeThreshold`` → ``dismiss_age_at_least``; ``yearsCrimeFreeThreshold`` →
      ``dismiss_crime_free_years``; ``subjectIsDeceased`` → ``dismiss_deceased``;
    * ``subjectHasOnlyProp64Charges`` → ``dismiss_only_prop64_completed`` (with completed
      sentences, as a court requires);
    * ``yearsSinceConvictionThreshold`` has no program choice: it is reported as not applied.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OptionsError(_("%(path)s cannot be read as JSON: %(reason)s") % {"path": path, "reason": error}) from None
    if not isinstance(data, dict):
        raise OptionsError(_("%(path)s must hold a JSON object.") % {"path": path})
    baseline = data.get("baselineEligibility") or {}
    relief = data.get("additionalRelief") or {}
    if not isinstance(baseline, dict) or not isinstance(relief, dict):
        raise OptionsError(_("baselineEligibility and additionalRelief must be JSON objects."))
    choices: dict[str, Any] = {"dismiss_misdemeanors": True}
    for key in ("dismiss", "reduce"):
        listed = baseline.get(key) or []
        if not isinstance(listed, list) or any(str(s) not in _SECTIONS for s in listed):
            raise OptionsError(
                _("baselineEligibility.%(key)s must list sections among 11357, 11358, 11359 and 11360.")
                % {"key": key}
            )
    if baseline.get("dismiss"):
        choices["dismiss_sections"] = frozenset(str(s) for s in baseline["dismiss"])
    if relief.get("subjectUnder21AtConviction") is True:
        choices["dismiss_under_21_at_offense"] = True
    if age := _int_option(relief, "subjectAgeThreshold", 40, 65):
        choices["dismiss_age_at_least"] = age
    if years := _int_option(relief, "yearsCrimeFreeThreshold", 1, 15):
        choices["dismiss_crime_free_years"] = years
    if relief.get("subjectIsDeceased") is True:
        choices["dismiss_deceased"] = True
    if relief.get("subjectHasOnlyProp64Charges") is True:
        choices["dismiss_only_prop64_completed"] = True
    notes = []
    if _int_option(relief, "yearsSinceConvictionThreshold", 1, 15):
        notes.append("yearsSinceConvictionThreshold")
    program = rule_policies.Policy(
        id="gogen-options", version=path.name, title=_(LABELS[GOGEN]), county=county,
        source_title=path.name, source_href="", in_force_from=date.min, in_force_to=None,
        choices=choices,
    )
    return PolicySpec(GOGEN, program=program, notes=tuple(notes))


def specs(primary: str, compare: tuple[str, ...], gogen: PolicySpec | None) -> tuple[PolicySpec, ...]:
    """The primary policy first, then each compared one once (GoGen's when its file is given)."""
    ids = [primary, *compare]
    if gogen is not None and GOGEN not in ids:
        ids.append(GOGEN)
    out: list[PolicySpec] = []
    for policy_id in ids:
        if any(s.id == policy_id for s in out):
            continue
        if policy_id == GOGEN:
            if gogen is None:
                raise OptionsError(_("--compare-policy gogen needs --gogen-options FILE."))
            out.append(gogen)
        else:
            out.append(PolicySpec(policy_id))
    return tuple(out)
