"""Synthetic criminal-history files: realistic in shape, deterministic for a seed, nothing real.

``doj`` writes the 95-column DOJ research-file layout (one row per subject x cycle x step x
count, with arrest and court steps, sentence parts, registrations and deaths). ``generic``
writes the generic CSV (docs/generic-csv.md): one row per conviction.

Names come from short invented syllable lists; identifiers are random digits. A share of
values is missing or malformed (``malformed_rate``) and a share of rows can be structurally
broken (``broken_rate``: wrong column count, stray quotes), so readers can be tested on them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TextIO

from . import doj

COUNTIES = (
    "SAN FRANCISCO", "SAN FRANCISCO", "LOS ANGELES", "LOS ANGELES", "ALAMEDA", "SACRAMENTO",
    "SAN JOAQUIN", "CONTRA COSTA", "YOLO",
)
#: How county names are sometimes spelled in real extracts; matching must not depend on it.
COUNTY_VARIANTS = {"SAN FRANCISCO": ("San Francisco", "SAN FRANCISCO ", "san francisco")}

# (offense description, type of charge, weight) for the Prop 64 counts, by era. The code comes
# first, spelled as DOJ files spell it (docs/doj-format.md, "Code spellings"), then
# DOJ's short text; the weights follow the shares counted in a generated DOJ research file.
PROP64_OLD = (  # before 2016-11-09
    ("11359(A) HS-POSSESS MARIJUANA/HASH FOR SALE", "F", 28),
    ("11359 HS-MARIJUANA POSSESS FOR SALE", "F", 26),
    ("11359(C) HS-MARIJUANA POSSESS FOR SALE", "F", 12),
    ("11360A HS-SELL/FURNISH/ETC MARIJUANA/HASH", "F", 9),
    ("11360(B) SELL/FURNISH/ETC MARIJUANA/HASH", "M", 8),
    ("11359B HS-MARIJUANA POSSESS FOR SALE", "F", 4),
    ("11357B2 HS-POSSESSION OF MARIJUANA", "M", 4),
    ("11360A2 HS-SELL/FURNISH/ETC MARIJUANA/HASH", "F", 4),
    ("11357(A) HS-POSSESS CONCENTRATED CANNABIS", "F", 2),
    ("11357A HS-POSSESS CONCENTRATED CANNABIS", "F", 1),
    ("11357(B) HS-POSSESS MARIJUANA 28.5 GRAMS OR LESS", "M", 6),
    ("11357(C) HS-POSSESS MARIJUANA OVER 28.5 GRAMS", "M", 3),
    ("11357 HS-POSSESS MARIJUANA", "M", 2),
    ("11358 HS-CULTIVATE MARIJUANA", "F", 4),
    ("11360(A) HS-SELL/TRANSPORT MARIJUANA", "F", 3),
    ("11359HS-POSS MARIJ FOR SALE", "F", 1),
    ("664/11359 HS-ATTEMPT POSSESS FOR SALE", "F", 1),
    ("664-11357(C) HS-ATTEMPT POSSESS MARIJUANA", "M", 1),
    ("182(A)(1) PC/11360 HS-CONSPIRACY TO SELL MARIJUANA", "F", 1),
    ("SEE COMMENT FOR CHARGE", "F", 1),
)
PROP64_NEW = (  # on or after 2016-11-09
    ("11357(A)(1) HS-POSSESS CANNABIS UNDER 21", "I", 2),
    ("11357(B)(2) HS-POSSESS CANNABIS OVER 28.5 GRAMS", "M", 3),
    ("11357B2 HS-POSSESSION OF MARIJUANA", "M", 2),
    ("11358(C) HS-CULTIVATE OVER SIX PLANTS", "M", 2),
    ("11359(B) HS-POSSESS CANNABIS FOR SALE", "M", 3),
    ("11359B HS-MARIJUANA POSSESS FOR SALE", "M", 2),
    ("11359(C)(3) HS-POSSESS FOR SALE WITH PRIOR", "F", 1),
    ("11360(A)(2) HS-SELL/TRANSPORT CANNABIS", "M", 3),
    ("11360A2 HS-SELL/FURNISH/ETC MARIJUANA/HASH", "M", 2),
    ("11360(A)(3)(D) HS-SELL CANNABIS TO MINOR", "F", 1),
)
PREDECESSOR = (  # before 1973
    ("11530 HS-POSSESS MARIJUANA", "F", 3),
    ("11530.5 HS-POSSESS MARIJUANA FOR SALE", "F", 1),
    ("11531 HS-SELL MARIJUANA", "F", 1),
)
COMMENT_CHARGES = ("11358 HS-CULTIVATE CANNABIS", "11359 HS-POSS FOR SALE", "11360 HS-TRANSPORT")
SUPER_STRIKES = (
    ("187 PC-MURDER", "F"), ("664/187(A) PC-ATTEMPTED MURDER", "F"),
    ("261(A)(2) PC-RAPE BY FORCE", "F"), ("288(A) PC-LEWD ACT WITH CHILD UNDER 14", "F"),
    ("245(D)(3) PC-ASSAULT ON OFFICER WITH MACHINE GUN", "F"),
)
PC290 = (("647.6(A) PC-ANNOY/MOLEST CHILD", "M"), ("314(1) PC-INDECENT EXPOSURE", "M"))
OTHER = (
    ("459 PC-BURGLARY", "F"), ("211 PC-ROBBERY", "F"), ("11350(A) HS-POSSESS NARCOTIC", "F"),
    ("11377(A) HS-POSSESS CONTROLLED SUBSTANCE", "M"), ("23152(A) VC-DUI ALCOHOL/DRUGS", "M"),
    ("484(A) PC-THEFT", "M"), ("242 PC-BATTERY", "M"), ("11364 HS-POSSESS PARAPHERNALIA", "M"),
    ("148(A)(1) PC-OBSTRUCT/RESIST OFFICER", "M"), ("10851(A) VC-TAKE VEHICLE", "F"),
    ("211357 PC-NOT A CANNABIS CODE", "M"), ("602 PC-TRESPASSING", "M"),
    ("4149 BP-POSSESS HYPODERMIC NEEDLE", "M"), ("273.5(A) PC-INFLICT INJURY ON SPOUSE", "F"),
)
SENTENCES = (  # (disposition, location code, location, length, unit)
    ("CONVICTED-PROBATION", "P", "PROBATION", ("12", "24", "36", "3", "5"), ("M", "M", "M", "Y", "Y")),
    ("CONVICTED-JAIL", "J", "JAIL", ("10", "30", "90", "180", "6"), ("D", "D", "D", "D", "M")),
    ("CONVICTED-PRISON", "S", "PRISON", ("16", "2", "3", "4", "8"), ("M", "Y", "Y", "Y", "Y")),
    ("CONVICTED-FINE", "F", "FINE", ("", "", "", "", ""), ("", "", "", "", "")),
)
SYLLABLES = ("KA", "LO", "MI", "RA", "TE", "SU", "NO", "VE", "DA", "RI", "ZO", "PA", "LE", "TU", "MO", "SI")
RACES = (("W", "WHITE"), ("B", "BLACK"), ("H", "HISPANIC"), ("A", "ASIAN"), ("O", "OTHER"), ("", ""))
AGENCIES = {
    "SAN FRANCISCO": ("CASC SAN FRANCISCO", "CAPD SAN FRANCISCO"),
    "LOS ANGELES": ("CASC LOS ANGELES METRO", "CASO LOS ANGELES"),
}
PROP64_DATE = date(2016, 11, 9)


@dataclass(frozen=True)
class SynthOptions:
    rows: int
    seed: int = 0
    fmt: str = "doj"
    header: bool = True
    rows_per_person: int = 90
    malformed_rate: float = 0.01
    broken_rate: float = 0.0
    shuffle: bool = False  # put people's rows out of order (pieces of each person far apart)


def _name(rng: random.Random) -> str:
    def word(n: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(n))

    return f"{word(rng.randint(2, 3))},{word(2)} {rng.choice('ABCDEFGHJKLMNPRSTW')}"


def _ymd(d: date) -> str:
    return d.strftime("%Y%m%d")


def _pick_weighted(rng: random.Random, options: tuple) -> tuple:
    return rng.choices(options, weights=[o[2] for o in options])[0]


class _Person:
    """One synthetic subject: identity plus a list of events (cycles of counts)."""

    def __init__(self, rng: random.Random, number: int, target_rows: int, malformed: float):
        self.rng = rng
        # a bijection of the person's number (7919 is prime to 10**10): unique at any size
        self.subject_id = f"{(number * 7919 + 1_000_003) % 10**10:010d}"
        self.cii = f"A{rng.randint(10_000_000, 99_999_999)}"
        self.name = _name(rng)
        self.gender = rng.choice("MF")
        self.dob = date(1930, 1, 1) + timedelta(days=rng.randint(0, 365 * 75))
        self.race = rng.choice(RACES)
        self.county = rng.choice(COUNTIES)
        self.target_rows = target_rows
        self.malformed = malformed
        roll = rng.random()
        if roll < malformed:
            self.dob_text = ""
        elif roll < malformed * 1.5:
            self.dob_text = rng.choice(("19991345", "UNKNOWN", "0", "1960-03-14"))
        else:
            self.dob_text = _ymd(self.dob)

    def rows(self) -> Iterator[list[str]]:
        rng = self.rng
        prefix = [""] * 35
        prefix[0] = ""
        prefix[1] = "ACTIVE"
        prefix[2] = self.subject_id
        prefix[3] = prefix[10] = prefix[20] = "#"
        prefix[4] = prefix[11] = self.cii
        prefix[12] = self.name
        prefix[13] = self.gender
        prefix[14] = self.dob_text
        prefix[21], prefix[22] = self.race
        # the identifiers and descriptors DOJ repeats on every row (all invented)
        prefix[5], prefix[6], prefix[7] = self.name, self.gender, self.dob_text
        prefix[8] = prefix[16] = f"F{rng.randint(1_000_000, 9_999_999)}"
        prefix[9] = prefix[15] = f"{rng.randint(100_000_000, 899_999_999)}"
        prefix[17] = f"{rng.randint(10_000_000, 99_999_999)}"
        prefix[19] = f"{rng.randint(100_000, 999_999)}{rng.choice('ABCDEFGH')}{rng.randint(1, 9)}"
        prefix[23], prefix[24] = rng.choice((("BRO", "BROWN"), ("BLK", "BLACK"), ("BLU", "BLUE"), ("GRN", "GREEN")))
        prefix[25], prefix[26] = rng.choice((("BLK", "BLACK"), ("BRO", "BROWN"), ("GRY", "GRAY"), ("BLN", "BLOND")))
        prefix[27], prefix[28] = f"5{rng.randint(0, 11):02d}", f"{rng.randint(110, 260)}"
        prefix[29], prefix[30] = "Y", "N"
        prefix[31], prefix[32], prefix[33], prefix[34] = "CA", "CALIFORNIA", "S", "US"
        emitted = 0
        cycle = 0
        first = self.dob + timedelta(days=365 * rng.randint(15, 30))
        day = first
        deceased = rng.random() < 0.03
        last_day = date(2025, 6, 30)
        while emitted < self.target_rows and day < last_day:
            cycle += 1
            county = self.county if rng.random() < 0.85 else rng.choice(COUNTIES)
            county_text = county
            if county in COUNTY_VARIANTS and rng.random() < 0.1:
                county_text = rng.choice(COUNTY_VARIANTS[county])
            for row in self._cycle(cycle, day, county, county_text):
                yield prefix + row
                emitted += 1
            # about 8 rows a cycle: people with long records come back more often
            day += timedelta(days=rng.randint(30, max(90, 365 * 6 * 8 // self.target_rows)))
        if deceased and day < last_day:
            row = self._blank_tail()
            row[1] = f"{cycle + 1:03d}"
            row[2] = _ymd(day)
            row[6] = f"{cycle + 1:03d}001"
            row[7] = "DECEASED"
            row[15] = f"{cycle + 1:03d}001001000"
            yield prefix + row

    def _blank_tail(self) -> list[str]:
        row = [""] * 60  # columns 35..94
        row[0] = row[3] = row[14] = row[48] = "#"  # CYC_SEG_SEP, STP_SEG_SEP, CNT_SEG_SEP, SENT_SEG_SEP
        row[59] = "#"
        return row

    def _date(self, d: date) -> str:
        roll = self.rng.random()
        if roll < self.malformed * 0.3:
            return ""
        if roll < self.malformed * 0.5:
            return self.rng.choice(("00000000", "2001-02-03", "20010230", "XX"))
        return _ymd(d)

    def _cycle(self, cycle: int, day: date, county: str, county_text: str) -> Iterator[list[str]]:
        rng = self.rng
        age = day.year - self.dob.year
        juvenile = age < 18
        n_counts = rng.choices((1, 2, 3, 4), weights=(5, 3, 2, 1))[0]
        charges = [self._charge(day) for _ in range(n_counts)]
        agencies = AGENCIES.get(county, (f"CASC {county}", f"CASO {county}"))
        court_day = day + timedelta(days=rng.randint(20, 200))
        ofn = self._case_number(county, court_day)
        # arrest step
        for count, (descr, toc, comment) in enumerate(charges, 1):
            row = self._blank_tail()
            row[1] = f"{cycle:03d}000000000"
            row[2] = _ymd(day)
            row[4] = "001"
            row[5] = self._date(day)
            row[6], row[7] = "10", "ARREST/DETAINED/CITED"
            row[8], row[9] = "PD", "POLICE DEPARTMENT"
            row[10], row[11] = "CA0380000", agencies[1]
            row[12], row[13] = "", county_text
            row[15] = f"{cycle:03d}001{count:03d}000"
            row[18] = f"{rng.randint(10000, 99999)}"
            row[19], row[20], row[58] = descr, toc, comment
            row[34] = f"{cycle:03d}{rng.randint(100_000, 999_999)}"  # FE_NUM_BOOKING
            row[55] = str(age)
            row[56], row[57] = "1", "A"
            yield row
        # court step
        disposed_any = False
        for count, (descr, toc, comment) in enumerate(charges, 1):
            convicted = rng.random() < (0.8 if not disposed_any else 0.45)
            disposed_any = disposed_any or convicted
            row = self._blank_tail()
            row[1] = f"{cycle:03d}000000000"
            row[2] = _ymd(day)
            row[4] = "002"
            row[5] = self._date(court_day)
            row[6], row[7] = "20", "COURT ACTION"
            if juvenile:
                row[8], row[9] = "JC", "JUVENILE COURT"
            else:
                row[8], row[9] = "SC", "SUPERIOR COURT"
            row[10], row[11] = "CA038015J", agencies[0]
            row[12], row[13] = "", county_text
            row[15] = f"{cycle:03d}002{count:03d}000"
            row[16] = self._date(court_day)
            row[17] = ofn
            row[18] = f"{rng.randint(10000, 99999)}"
            row[31], row[35] = f"{cycle:03d}{rng.randint(1000, 9999)}", ofn  # FE_NUM_DOCKET, _CRT_CASE
            row[43], row[44] = "01", f"{rng.randint(1000, 9999)}"  # DISP_ORDER, DISP_CODE
            row[56], row[57] = "1", "A"
            row[19], row[20], row[58] = descr, toc, comment
            row[55] = str(age)
            if not convicted:
                row[45] = rng.choice(("DISMISSED/CHARGE DROPPED", "DISMISSED-FURTHERANCE OF JUSTICE", "ACQUITTED"))
                yield row
                continue
            disp, loc_code, loc, lengths, units = rng.choice(SENTENCES)
            if toc == "I":
                disp, loc_code, loc, lengths, units = SENTENCES[3]
            pick = rng.randrange(len(lengths))
            row[45] = disp
            status = {"F": "FELONY", "M": "MISDEMEANOR", "I": "INFRACTION"}.get(toc, "")
            if rng.random() < 0.1:
                status = ""  # the type of charge then decides
            if rng.random() < self.malformed * 0.3:
                status, row[20] = "", ""
            row[47] = status
            row[50], row[51] = loc_code, loc
            row[52], row[53] = lengths[pick], units[pick]
            row[54] = {"D": "DAYS", "M": "MONTHS", "Y": "YEARS"}.get(units[pick], "")
            yield row
            yield from self._custody(row, cycle, count, court_day, loc)
            if disp == "CONVICTED-PROBATION" and rng.random() < 0.3:
                extra = list(row)  # a second sentence part: jail as a condition of probation
                extra[50], extra[51], extra[52], extra[53], extra[54] = "J", "JAIL", "30", "D", "DAYS"
                yield extra
            relief_possible = "11360" in descr + comment or "11359" in descr + comment
            if relief_possible and rng.random() < 0.08 and court_day < date(2023, 1, 1):
                cleared = list(row)  # the record already shows Prop 64 relief
                cleared[4] = "003"
                cleared[5] = cleared[16] = _ymd(max(court_day, date(2019, 7, 1)) + timedelta(days=30))
                cleared[15] = f"{cycle:03d}003{count:03d}000"
                cleared[45] = "CONVICTED-REDESIGNATED"
                cleared[58] = "RELIEF GRANTED PER 11361.8 HS"
                cleared[50] = cleared[51] = cleared[52] = cleared[53] = cleared[54] = ""
                yield cleared
        if rng.random() < 0.02 and any(d.startswith(("261", "288", "647.6", "314")) for d, _, _ in charges):
            row = self._blank_tail()
            row[1] = f"{cycle:03d}000000000"
            row[4] = "003"
            row[5] = _ymd(court_day + timedelta(days=90))
            row[6], row[7] = "30", "REGISTRATION"
            row[15] = f"{cycle:03d}003001000"
            row[19] = "290 PC-REGISTRATION OF SEX OFFENDER"
            yield row

    def _custody(self, court: list[str], cycle: int, count: int, day: date, place: str) -> Iterator[list[str]]:
        """Custody and probation steps after a sentence: neither convictions nor court events."""
        if place not in ("JAIL", "PRISON", "PROBATION"):
            return
        for part in range(1, (2 if place == "PROBATION" else 3)):
            row = self._blank_tail()
            row[1] = court[1]
            row[2] = court[2]
            row[4] = f"{3 + part:03d}"
            row[5] = self._date(day + timedelta(days=30 * part))
            if place == "PROBATION":
                row[6], row[7] = "50", "PROBATION"
                row[8], row[9] = "PR", "PROBATION DEPARTMENT"
            else:
                row[6], row[7] = "40", "CUSTODY"
                row[8], row[9] = ("SO", "SHERIFF") if place == "JAIL" else ("CD", "CORRECTIONS")
            row[12], row[13] = court[12], court[13]
            row[15] = f"{cycle:03d}{3 + part:03d}{count:03d}000"
            row[19], row[20] = court[19], court[20]
            row[55] = court[55]
            yield row

    def _charge(self, day: date) -> tuple[str, str, str]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.42:
            if day < date(1973, 3, 7):
                descr, toc, _ = _pick_weighted(rng, PREDECESSOR)
            elif day < PROP64_DATE:
                descr, toc, _ = _pick_weighted(rng, PROP64_OLD)
            else:
                descr, toc, _ = _pick_weighted(rng, PROP64_NEW)
            if rng.random() < 0.05:
                descr = descr.lower()
            comment = rng.choice(COMMENT_CHARGES) if descr == "SEE COMMENT FOR CHARGE" else ""
            return descr, toc, comment
        if roll < 0.46:
            descr, toc = rng.choice(SUPER_STRIKES)
        elif roll < 0.48:
            descr, toc = rng.choice(PC290)
        else:
            descr, toc = rng.choice(OTHER)
        return descr, toc, ""

    def _case_number(self, county: str, day: date) -> str:
        rng = self.rng
        if county == "SAN FRANCISCO":
            return str(rng.randint(10_000, 99_999_999))
        if county == "LOS ANGELES":
            return f"{rng.choice(('BA', 'LA', 'VA', 'MA'))}{rng.randint(100_000, 999_999)}"
        return f"{str(day.year)[2:]}F{rng.randint(1000, 99999):05d}"


def _csv_line(fields: list[str], quote_all: bool = True) -> str:
    """One CSV line. DOJ files quote every field; the generic file only where needed."""
    if quote_all:
        return ",".join('"' + f.replace('"', '""') + '"' for f in fields)
    out = []
    for f in fields:
        if any(c in f for c in ',"\r\n'):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return ",".join(out)


def _break(rng: random.Random, line: str) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return line.rsplit(",", 1)[0]  # one column short
    if kind == 1:
        return line + ",EXTRA"  # one column too many
    head, _, tail = line.partition(",")
    return head + ',"unterminated' + tail.replace('"', "")  # broken quoting


#: ``--shuffle`` keeps this many pieces of people waiting and writes a random one each time, so
#: a person's rows end up spread over a stretch of the file (memory stays bounded).
SHUFFLE_POOL = 4096


def write_doj(out: TextIO, options: SynthOptions) -> int:
    """Write ``options.rows`` DOJ rows (plus a header when asked); return the row count."""
    rng = random.Random(options.seed)
    if options.header:
        out.write(",".join(doj.COLUMNS) + "\n")
    pool: list[list[str]] = []
    shuffler = random.Random(options.seed + 1)

    def emit(lines: list[str]) -> None:
        if not options.shuffle:
            out.write("\n".join(lines) + "\n")
            return
        # two to four pieces per person, each waiting in the pool for a random turn
        cuts = sorted(shuffler.sample(range(1, len(lines)), min(len(lines) - 1, shuffler.randint(1, 3)))) if len(lines) > 1 else []
        for start, end in zip([0, *cuts], [*cuts, len(lines)]):
            pool.append(lines[start:end])
            if len(pool) >= SHUFFLE_POOL:
                i = shuffler.randrange(len(pool))
                pool[i], pool[-1] = pool[-1], pool[i]
                out.write("\n".join(pool.pop()) + "\n")

    written = 0
    number = 0
    while written < options.rows:
        number += 1
        target = max(3, int(rng.expovariate(1 / options.rows_per_person)) + 1)
        target = min(target, options.rows - written, options.rows_per_person * 6)
        person = _Person(rng, number, target, options.malformed_rate)
        lines = []
        for fields in person.rows():
            line = _csv_line(fields)
            if options.broken_rate and rng.random() < options.broken_rate:
                line = _break(rng, line)
            lines.append(line)
            written += 1
            if written >= options.rows:
                break
        if lines:
            emit(lines)
    shuffler.shuffle(pool)
    out.writelines("\n".join(piece) + "\n" for piece in pool)
    return written


GENERIC_COLUMNS = (
    "person_id", "date_of_birth", "deceased", "county", "case_number", "code", "level", "forum",
    "offense_date", "conviction_date", "sentence_status", "sentence_end_date",
)

_LEVELS = {"F": "felony", "M": "misdemeanor", "I": "infraction", "": ""}


def write_generic(out: TextIO, options: SynthOptions) -> int:
    """Write ``options.rows`` generic rows (one per conviction); return the row count."""
    rng = random.Random(options.seed)
    out.write(",".join(GENERIC_COLUMNS) + "\n")
    written = 0
    number = 0
    while written < options.rows:
        number += 1
        person = _Person(rng, number, max(3, options.rows_per_person), options.malformed_rate)
        dob = person.dob.isoformat() if person.dob_text == _ymd(person.dob) else person.dob_text
        deceased = rng.choice(("", "false", "false", "true")) if rng.random() < 0.1 else ""
        lines = []
        for fields in person.rows():
            if not fields[80].startswith("CONVICTED"):
                continue
            code = fields[54].split("-", 1)[0].strip()
            if code == "SEE COMMENT FOR CHARGE":
                code = fields[93].split("-", 1)[0].strip()
            conviction = _iso(fields[40])
            offense = _iso(fields[37])
            end = ""
            status = rng.choice(("completed", "completed", "completed", "serving", ""))
            if status == "serving":
                end = "2027-06-30"
            row = [
                person.subject_id, dob, deceased, fields[48], fields[52], code,
                _LEVELS.get(fields[55], ""),
                "juvenile" if fields[44] == "JUVENILE COURT" else "adult",
                offense, conviction, status, end,
            ]
            line = _csv_line(row, quote_all=False)
            if options.broken_rate and rng.random() < options.broken_rate:
                line = _break(rng, line)
            lines.append(line)
            written += 1
            if written >= options.rows:
                break
        if lines:
            out.write("\n".join(lines))
            out.write("\n")
    return written


def _iso(ymd: str) -> str:
    if len(ymd) == 8 and ymd.isdigit():
        return f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}"
    return ymd


def write(out: TextIO, options: SynthOptions) -> int:
    if options.fmt == "generic":
        return write_generic(out, options)
    return write_doj(out, options)
