"""Time expressions: TIMEX3 type and value, normalised against the publication date.

The extractor ``times`` finds expressions with the rules of ``data/time/rules.yaml`` (a
HeidelTime-style grammar over the word classes of ``data/time/lexicon.yaml``), then resolves
them in text order: "last week" against the publication date, "on Tuesday" by the tense of
the verb it modifies (reports look back, "will" looks forward), "the following day" against
the date mentioned last. Vague expressions keep a reference value (PAST_REF, PRESENT_REF,
FUTURE_REF).

Only text near a trigger word (a month, weekday, unit, digit, ...) is matched, so the cost
is one pass over the tokens plus a few regex searches per expression.

Other extractors use :func:`date_for` (the expression governing an event trigger) and
:func:`time_to_dates` (the first and last day of a Time).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Time
from .base import Extraction, extractor
from .time_attach import date_for
from .time_calendar import time_value_to_dates
from .time_entities import entity_times
from .time_resolve import Args, Context, Resolution, resolve, template_value
from .time_rules import Grammar, Normalised, Rule, grammar, normalise_group
from .time_syntax import Tense, attachment, clause_tense, span_of

__all__ = ["date_for", "extract_times", "find_times", "time_to_dates"]

_MARGIN = 6  # tokens around a trigger word that rules may span
_FIELD = re.compile(r"([+-]?)\{(\w+)(?:\|([^}]*))?\}")
_HAS_DIGIT = re.compile(r"\d")
_TIME_WORDS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})


@dataclass(frozen=True)
class _Match:
    rule: Rule
    match: re.Match[str]

    @property
    def extent(self) -> tuple[int, int]:
        return self.match.start(), self.match.end()

    @property
    def span(self) -> tuple[int, int]:
        if "span" in self.match.re.groupindex and self.match.group("span") is not None:
            return self.match.start("span"), self.match.end("span")
        return self.extent


@extractor("times", "1")
def extract_times(state: Extraction) -> None:
    """Fill ``state.times`` with the document's time expressions."""
    state.times = find_times(state.doc, state.published)


def find_times(doc: Doc, published: dt.date | None) -> list[Time]:
    """The TIMEX3 expressions of ``doc``, in text order, valued against ``published``."""
    rules = grammar()
    text = doc.text  # built anew on every access
    candidates = _candidates(doc, text, rules)
    chosen = _select([m for m in candidates if _passes_guards(doc, m, rules)])
    ctx = Context(published)
    times: list[Time] = []
    for found in sorted(chosen, key=lambda m: m.extent):
        start, end = found.span
        ctx.tense = _tense_of(doc, start, end, rules)
        resolution = _resolve(found, ctx, rules)
        if resolution is None:
            continue
        if resolution.point is not None and resolution.type in ("DATE", "TIME"):
            ctx.history.append(resolution.point)
        times.append(
            Time(
                text=text[start:end],
                span=(start, end),
                type=resolution.type,
                value=resolution.value,
            )
        )
    seen = [m.extent for m in candidates]  # rejected by a guard: not for the entity fallback
    extra = entity_times(doc, [*seen, *(t.span for t in times)], published)
    return sorted([*times, *extra], key=lambda t: t.span) if extra else times


# ------------------------------------------------------------------------- finding matches


def _windows(doc: Doc, rules: Grammar) -> list[tuple[int, int, set[str]]]:
    """Character windows around trigger words, merged, with the trigger classes inside."""
    words = rules.trigger_words
    last = len(doc) - 1
    windows: list[tuple[int, int, set[str]]] = []
    for token in doc:
        text = token.text
        lower = text.lower()
        classes = words.get(lower) or (words.get(lower[:-1]) if lower.endswith(".") else None)
        digit = _HAS_DIGIT.search(text) is not None
        if not classes and not digit:
            continue
        found = set(classes or ())
        if digit:
            found.add("digit")
        first = doc[max(0, token.i - _MARGIN)]
        final = doc[min(last, token.i + _MARGIN)]
        start, end = first.idx, final.idx + len(final.text)
        if windows and start <= windows[-1][1]:
            prev_start, _, prev_found = windows[-1]
            windows[-1] = (prev_start, end, prev_found | found)
        else:
            windows.append((start, end, found))
    return windows


def _candidates(doc: Doc, text: str, rules: Grammar) -> list[_Match]:
    found: list[_Match] = []
    for start, end, classes in _windows(doc, rules):
        for rule in rules.rules:
            if rule.triggers.isdisjoint(classes):
                continue
            found.extend(_Match(rule, m) for m in rule.regex.finditer(text, start, end))
    return found


def _select(matches: list[_Match]) -> list[_Match]:
    """Non-overlapping matches: the longest first, then the rule listed first."""
    taken: list[tuple[int, int]] = []  # chosen extents, sorted and disjoint
    chosen: list[_Match] = []
    for m in sorted(matches, key=lambda m: (m.extent[0] - m.extent[1], m.rule.order, m.extent)):
        start, end = m.extent
        i = bisect.bisect_left(taken, (start, end))
        if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        taken.insert(i, (start, end))
        chosen.append(m)
    return chosen


# ------------------------------------------------------------------------------ guards


def _token_span(doc: Doc, match: re.Match[str], group: int | str = 0) -> Span | None:
    start, end = match.span(group)
    return span_of(doc, start, end) if start >= 0 else None


def _passes_guards(doc: Doc, found: _Match, rules: Grammar) -> bool:
    if not found.rule.guards:
        return True
    span = _token_span(doc, found.match)
    if span is None:
        return False
    for guard in found.rule.guards:
        if guard == "name" and _part_of_name(doc, span, rules):
            return False
        if guard == "not_verb" and not _month_is_noun(doc, found):
            return False
        if guard == "year" and not _looks_like_year(doc, span, rules):
            return False
        if guard == "bare_plural" and not _bare_plural_is_duration(doc, span):
            return False
    return True


def _part_of_name(doc: Doc, span: Span, rules: Grammar) -> bool:
    """Inside a named entity, or a bare word next to a proper noun: "Theresa May"."""
    if any(t.ent_type_ in rules.name_labels for t in span):
        return True
    if len(span) > 1:  # "this past Thursday": the modifier shows it is a date
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None

    def name_word(token: Token | None) -> bool:
        return (
            token is not None
            and token.tag_ in ("NNP", "NNPS")
            and token.lower_ not in rules.trigger_words
        )

    if name_word(before):
        return True
    return name_word(after) and (before is None or before.pos_ != "ADP")


def _month_is_noun(doc: Doc, found: _Match) -> bool:
    month = _token_span(doc, found.match, "month") if "month" in found.rule.groups else None
    return month is None or month[0].tag_ not in {"MD", "VB", "VBP", "VBZ", "VBD", "VBG", "VBN"}


def _looks_like_year(doc: Doc, span: Span, rules: Grammar) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops")."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and len(span) == 1:
        if before.lower_ in rules.number_nouns or before.text in {"$", "€", "£", "#"}:
            return False  # "Resolution 2334", "Flight 1549", "$1500"
        if before.tag_ in ("NNP", "NNPS") and before.lower_ not in rules.trigger_words:
            return False  # "Vision 2030"
    if after is None:
        return True
    if after.lower_ in {"%", "percent", "per", "cent"}:
        return False
    return not (after.tag_ in {"NNS", "NNPS"} and after.lower_ not in _TIME_WORDS)


def _bare_plural_is_duration(doc: Doc, span: Span) -> bool:
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before in {"the", "these", "those", "of", "all", "early", "late", "small", "wee"}:
        return False
    return after not in {"old", "'"}


# ---------------------------------------------------------------------------- resolution


def _tense_of(doc: Doc, start: int, end: int, rules: Grammar) -> Callable[[], Tense | None]:
    """The tense governing the expression at [start, end), computed when first asked."""
    cache: list[Tense | None] = []

    def tense() -> Tense | None:
        if not cache:
            span = span_of(doc, start, end)
            head = attachment(span) if span is not None else None
            tense = clause_tense(head, rules.future_aux, rules.future_verbs, rules.reporting_verbs)
            cache.append(tense)
        return cache[0]

    return tense


def _group_values(found: _Match, rules: Grammar) -> dict[str, Normalised | None]:
    values: dict[str, Normalised | None] = {}
    for group, text in found.match.groupdict().items():
        if text is None:
            values[group] = None
        elif group in found.rule.groups:
            cls = rules.classes[found.rule.groups[group]]
            values[group] = normalise_group(cls, text, rules.classes)
        else:
            values[group] = text.lower() if not text.isdigit() else text
    return values


def _argument(raw: object, values: dict[str, Normalised | None]) -> Normalised | None:
    """A resolver argument: a literal, '{group}', '{group|default}' or '-{group}'."""
    if not isinstance(raw, str):
        return raw if isinstance(raw, int | float) else None
    m = _FIELD.fullmatch(raw)
    if m is None:
        return raw
    sign, group, default = m.groups()
    value = values.get(group)
    if value is None:
        if default is None or default == "":
            return None
        value = int(default) if default.lstrip("-").isdigit() else default
    if not sign:
        return value
    if isinstance(value, int | float):
        return -value if sign == "-" else value
    return f"{sign}{value}"


def _resolve(found: _Match, ctx: Context, rules: Grammar) -> Resolution | None:
    values = _group_values(found, rules)
    rule = found.rule
    if rule.value is not None:
        return template_value(rule.value, values, rule.type)
    assert rule.resolve is not None
    args: Args = {k: _argument(v, values) for k, v in rule.resolve.items() if k != "kind"}
    return resolve(rule.resolve, args, ctx)


# ------------------------------------------------------------------ helpers for other modules


def time_to_dates(t: Time) -> tuple[str | None, str | None]:
    """(first day, last day) as YYYY-MM-DD for a day, week or month value; else (None, None).

    A day gives the same date twice; a week runs Monday..Sunday, a weekend Saturday..Sunday,
    a month from its first to its last day. Years, seasons, durations and reference values
    give (None, None).
    """
    return time_value_to_dates(t.value)
