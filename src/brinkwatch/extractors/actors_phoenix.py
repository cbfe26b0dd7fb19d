"""Reading PETRARCH/Phoenix (TABARI-format) actor and agent dictionaries.

The format, as in ``Phoenix.Countries.actors.txt`` and ``Phoenix.agents.txt``::

    # a comment, to the end of the line
    BARACK_OBAMA_                  an entry: words joined by "_" (a trailing "_" ends a word)
    +PRESIDENT_BARACK_OBAMA        a synonym of the entry above
        [USAELI 780101-000101]     a role: CAMEO code, then an optional date range
        [USAGOV >090120]           ">D" from D on, "<D" until D, "A-B"; YYMMDD or YYYYMMDD
    UN_ [IGOUNO]                   an entry and its code on one line
    !PERSON! = MAN, MEN, WOMAN     (agents) a substitution set
    MINISTER [~GOV]                (agents) a generic noun that adds a sector to a country
    POLICE {} [~COP]               (agents) "{...}" lists plural forms; "{}" none

A CAMEO code is a run of three-letter parts: a country (ISO 3166-1 alpha-3) or IGO/IMG/NGO/MNC
first, then role parts, of which the first known sector (GOV, MIL, REB, ...) becomes the
sector: ``IRNGOV`` -> (IRN, GOV), ``IGOUNOREFHCR`` -> (IGO, REF), ``AFG`` -> (AFG, None).
Entries whose only role is a bare country code are country names ("KABUL_ [AFG]"); entries
with dated roles or an elite role are people; the rest are organisations. Entries are
merged without overriding phrases that the dictionary already has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .actors_dictionary import Actor, ActorDictionary, Role, Term, plural

__all__ = ["PhoenixEntry", "load_phoenix", "parse_code", "parse_phoenix"]

SECTORS = frozenset(
    {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
        "LEG", "HLH", "REF", "AGR", "LAB", "ELI", "UAF", "NGO", "ENV", "DEV", "HRI", "REL", "IGO",
    }
)  # fmt: skip
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "von", "van", "der", "ben"})
_NON_STATE = frozenset({"IGO", "IMG", "NGO", "MNC"})
_WORD = re.compile(r"[^\W_]+")
_ROLE = re.compile(r"\[([^\]]*)\]")
_PLURALS = re.compile(r"\{([^}]*)\}")
_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass
class PhoenixEntry:
    """One entry: its phrases (the first is the main one) and its coded roles."""

    phrases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    agent_sector: str | None = None
    plurals: list[str] | None = None  # None: make regular plurals; []: none
    has_dates: bool = False


def _date(text: str) -> dt.date | None:
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        raise ValueError(text)
    return dt.date(year, max(month, 1), max(day, 1))


def parse_code(code: str) -> tuple[str | None, str | None]:
    """``"IRNGOV"`` -> ``("IRN", "GOV")``; ``"IGOUNOREFHCR"`` -> ``("IGO", "REF")``."""
    parts = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if not parts:
        return None, None
    if parts[0] in SECTORS - {"IGO", "NGO"}:
        return None, parts[0]
    sector = next((p for p in parts[1:] if p in SECTORS), None)
    return parts[0], sector


def _role(body: str, previous: Role | None) -> tuple[Role | None, bool]:
    """A role from the inside of ``[...]``, and whether it carried dates."""
    fields = body.split()
    if not fields or fields[0].startswith("-"):
        return None, False
    code, sector = parse_code(fields[0])
    if code is None and previous is not None:
        code = previous.code
    start = end = None
    dated = len(fields) > 1
    try:
        if dated:
            span = fields[1]
            if span.startswith(">"):
                start = _date(span[1:])
            elif span.startswith("<"):
                end = _date(span[1:])
            elif "-" in span:
                first, last = span.split("-", 1)
                start, end = _date(first), _date(last)
    except ValueError:
        return None, False
    return Role(code, sector, None, start, end), dated


def _words(phrase: str) -> str:
    return " ".join(w for w in phrase.replace("_", " ").split() if w)


def parse_phoenix(lines: Iterator[str] | list[str]) -> Iterator[PhoenixEntry]:
    """The entries of a Phoenix dictionary, given its lines."""
    substitutions: dict[str, list[str]] = {}
    entry: PhoenixEntry | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        sub = _SUBSTITUTION.match(line.strip())
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        indented = line[0] in " \t"
        head = _PLURALS.sub("", _ROLE.sub("", line)).strip()
        if head and not indented:
            if head.startswith("+"):
                if entry is None:
                    continue
            else:
                if entry is not None and entry.phrases:
                    yield entry
                entry = PhoenixEntry()
            entry.phrases.extend(_expand(head.lstrip("+"), substitutions))
            plural = _PLURALS.search(line)
            if plural is not None:
                entry.plurals = [_words(p) for p in plural.group(1).split(",") if p.strip()]
        if entry is None:
            continue
        for body in _ROLE.findall(line):
            body = body.strip()
            if body.startswith("~"):
                entry.agent_sector = body[1:4] or None
                continue
            if body.endswith("~"):  # "[IGO~]": agents that make an IGO actor; not used
                continue
            role, dated = _role(body, entry.roles[-1] if entry.roles else None)
            if role is not None:
                entry.roles.append(role)
                entry.has_dates = entry.has_dates or dated
    if entry is not None and entry.phrases:
        yield entry


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """ "!MINIST! OF_DEFENSE" -> ["MINISTER OF DEFENSE", "MINISTRY OF DEFENSE", ...]."""
    found = re.search(r"![A-Z]+!", phrase)
    if found is None or found.group() not in substitutions:
        return [_words(phrase)] if _words(phrase) else []
    out: list[str] = []
    for option in substitutions[found.group()]:
        out.extend(_expand(phrase.replace(found.group(), option, 1), substitutions))
    return out


def _name(phrase: str) -> str:
    """ "MOHAMMED_SHIA_AL-SUDANI" -> "Mohammed Shia al-Sudani"."""

    def word(w: str) -> str:
        if len(w) <= 4 and w.isupper() and not any(v in w for v in "AEIOU"):
            return w  # "CNN", "BBC"
        parts = w.split("-")
        return "-".join(p.lower() if p.lower() in _PARTICLES else p.capitalize() for p in parts)

    name = " ".join(word(w) for w in phrase.split())
    return name[:1].upper() + name[1:]


def load_phoenix(path: Path, book: ActorDictionary) -> int:
    """Merge a Phoenix actors or agents file into ``book``; returns the entries read."""
    count = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for entry in parse_phoenix(handle):
            _merge(entry, book)
            count += 1
    return count


def _merge(entry: PhoenixEntry, book: ActorDictionary) -> None:
    # Dictionary phrases are written in capitals: lower-case them, except short single words,
    # which stay case-sensitive abbreviations ("UN", "IAEA"; but also "GOMA": a short place
    # name then matches only in capitals, rather than "Male" or "Pole" matching everywhere).
    phrases = [p if _is_abbreviation(p) else p.lower() for p in entry.phrases]
    if entry.agent_sector is not None:
        term = Term("noun", sector=entry.agent_sector)
        for phrase in phrases:
            book.add(phrase, term, override=False)
            plurals = [plural(phrase)] if entry.plurals is None else entry.plurals
            for form in plurals:
                book.add(form.lower(), term, override=False)
        return
    roles = tuple(entry.roles)
    if book.countries:
        # Codes outside the country list (CAMEO's "INT", regional codes) say nothing usable.
        known = book.countries | _NON_STATE
        roles = tuple(r if r.code in known else replace(r, code=None) for r in roles)
    if not roles:
        return
    last = roles[-1]
    is_country = last.code is not None and last.code not in _NON_STATE
    if all(r.sector is None for r in roles) and is_country:
        for phrase in phrases:  # a country's name, city or region: "KABUL_ [AFG]"
            book.add(phrase, Term("country", code=last.code), override=False)
        return
    person = entry.has_dates or any(r.sector == "ELI" for r in roles)
    if person:  # officials of international organisations act for them: IGO GOV
        roles = tuple(
            replace(r, sector="GOV") if r.code == "IGO" and r.sector is None else r for r in roles
        )
    name = _name(entry.phrases[0])
    if person:
        # The same person as a curated entry keeps the curated roles (with offices); a
        # one-word alias ("VASQUEZ") is too common to stand alone: a title or a full name
        # finds such people through the surname index instead.
        actor = book.people.get(name.lower()) or Actor(name, "person", roles)
        aliases = [p for p in phrases if len(_WORD.findall(p)) > 1]
        book.add_actor(actor, aliases, override=False, with_name=" " in name)
        return
    # "GERMAN_CHANCELLOR", "IRAQI_GOVERNMENT": the dictionary composes these itself, and
    # better (the chancellor at the event date, not an institution).
    term = Term("actor", actor=Actor(name, "org", roles))
    for phrase in phrases:
        if not _compositional(phrase, book):
            book.add(phrase, term, override=False)


def _compositional(phrase: str, book: ActorDictionary) -> bool:
    """A place word followed by a title or role noun: "german chancellor"."""
    keys = book.phrase_keys(phrase)
    if len(keys) < 2:
        return False
    place = book.phrases.get(keys[:1], [])
    role = book.phrases.get(keys[1:], [])
    return any(t.kind in ("country", "demonym", "capital") for t in place) and any(
        t.kind in ("office", "noun") for t in role
    )


def _is_abbreviation(phrase: str) -> bool:
    bare = phrase.replace(".", "")
    return " " not in bare and len(bare) <= 4 and bare.isupper()
