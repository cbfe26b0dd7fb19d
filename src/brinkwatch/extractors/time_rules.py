"""The time-expression grammar: word classes and rules loaded from ``data/time/``.

``lexicon.yaml`` holds word classes ({month}, {weekday}, {unit}, ...) with the normalised value
of each word, and a few regex classes ({year4}, {clock}, ...). ``rules.yaml`` holds the rules:
a pattern written with those classes, the TIMEX3 type, and a value template or a resolver.
Everything is compiled once (:func:`grammar`); matching is done in :mod:`.time`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

import yaml

__all__ = ["Grammar", "Rule", "WordClass", "grammar", "normalise_group"]

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Normalised = int | float | str

_MACRO = re.compile(r"\{([a-z_][a-z_0-9]*)(?::([a-z_][a-z_0-9]*))?\}")
_WORD = re.compile(r"[a-z0-9]+")
# words that never wake the scanner on their own
_STOPWORDS = frozenset({"a", "an", "the", "of", "in", "at", "on", "to", "s", "right"})
_GUARDS = frozenset({"name", "not_verb", "year", "bare_plural"})


@dataclass(frozen=True)
class WordClass:
    """A class of words ({month}) with their values, or a regex class ({year4})."""

    name: str
    regex: str
    values: dict[str, Normalised] = field(default_factory=dict)
    trigger: bool = False

    def value_of(self, text: str) -> Normalised | None:
        return self.values.get(" ".join(text.lower().split()))


@dataclass(frozen=True)
class Rule:
    """One pattern and how to turn its match into a TIMEX3 value."""

    name: str
    order: int
    regex: re.Pattern[str]
    type: TimeType
    groups: dict[str, str]  # capture group -> word class
    triggers: frozenset[str]
    value: str | None = None
    resolve: dict[str, Any] | None = None
    guards: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grammar:
    classes: dict[str, WordClass]
    rules: tuple[Rule, ...]
    trigger_words: dict[str, frozenset[str]]  # lower-case word -> trigger classes
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    name_labels: frozenset[str]
    reporting_verbs: frozenset[str]
    number_nouns: frozenset[str]


def _load_yaml(name: str) -> dict[str, Any]:
    text = (
        resources.files("brinkwatch.extractors").joinpath("data", "time", name).read_text("utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"data/time/{name}: expected a mapping")
    return data


def _as_value(raw: object) -> Normalised:
    if isinstance(raw, bool):
        raise ValueError(f"unexpected boolean {raw!r} in time lexicon")
    if isinstance(raw, int | float):
        return raw
    return str(raw)


def _word_alternation(words: list[str], title_case: bool) -> str:
    forms: set[str] = set()
    for word in words:
        if title_case:
            forms.update({word, word.upper()})
        else:
            forms.add(word)
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?-i:{body})" if title_case else f"(?:{body})"


def _expand(pattern: str, classes: dict[str, WordClass], groups: dict[str, str] | None) -> str:
    """Replace {class} macros; with ``groups`` as capture groups (recording them), else bare."""

    def replace(m: re.Match[str]) -> str:
        name, group = m.group(1), m.group(2) or m.group(1)
        if name not in classes:
            raise ValueError(f"unknown time word class {{{name}}} in {pattern!r}")
        if groups is None:
            return classes[name].regex
        if group in groups:
            raise ValueError(f"group {group!r} used twice in {pattern!r}")
        groups[group] = name
        return f"(?P<{group}>{classes[name].regex})"

    return _MACRO.sub(replace, pattern)


def _load_classes(lexicon: dict[str, Any]) -> dict[str, WordClass]:
    classes: dict[str, WordClass] = {}
    for name, spec in lexicon["classes"].items():
        words = {str(k): _as_value(v) for k, v in spec["words"].items()}
        regex = _word_alternation(list(words), spec.get("case") == "title")
        values = {" ".join(k.lower().split()): v for k, v in words.items()}
        classes[name] = WordClass(name, regex, values, bool(spec.get("trigger", False)))
    for name, raw in lexicon["patterns"].items():
        regex = _expand(str(raw), classes, None)
        re.compile(regex)
        # regex classes are normalised in code and woken by digits
        classes[name] = WordClass(name, f"(?:{regex})", {}, trigger=False)
    return classes


def _trigger_words(classes: dict[str, WordClass]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for cls in classes.values():
        if not cls.trigger:
            continue
        for word in cls.values:
            for part in {word, word.rstrip("."), *_WORD.findall(word)}:
                if part and part not in _STOPWORDS:
                    found.setdefault(part, set()).add(cls.name)
    return {word: frozenset(names) for word, names in found.items()}


def _rule_triggers(groups: dict[str, str], classes: dict[str, WordClass]) -> set[str]:
    triggers = set()
    for cls_name in groups.values():
        cls = classes[cls_name]
        triggers.add(cls_name if cls.trigger else "digit" if not cls.values else "")
    triggers.discard("")
    return triggers


def _load_rules(raw_rules: list[dict[str, Any]], classes: dict[str, WordClass]) -> tuple[Rule, ...]:
    rules = []
    for order, spec in enumerate(raw_rules):
        groups: dict[str, str] = {}
        body = _expand(str(spec["pattern"]), classes, groups)
        regex = re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)
        triggers = set(spec.get("triggers", ())) or _rule_triggers(groups, classes)
        if not triggers:
            raise ValueError(f"time rule {spec['name']!r} has no trigger word class")
        guards = tuple(spec.get("guards", ()))
        if unknown := set(guards) - _GUARDS:
            raise ValueError(f"time rule {spec['name']!r}: unknown guards {sorted(unknown)}")
        if ("value" in spec) == ("resolve" in spec):
            raise ValueError(f"time rule {spec['name']!r}: give exactly one of value/resolve")
        rules.append(
            Rule(
                name=str(spec["name"]),
                order=order,
                regex=regex,
                type=spec["type"],
                groups=groups,
                triggers=frozenset(triggers),
                value=str(spec["value"]) if "value" in spec else None,
                resolve=dict(spec["resolve"]) if "resolve" in spec else None,
                guards=guards,
            )
        )
    return tuple(rules)


@functools.cache
def grammar() -> Grammar:
    """The compiled word classes and rules (loaded once per process)."""
    lexicon = _load_yaml("lexicon.yaml")
    classes = _load_classes(lexicon)
    context = lexicon["context"]
    return Grammar(
        classes=classes,
        rules=_load_rules(_load_yaml("rules.yaml")["rules"], classes),
        trigger_words=_trigger_words(classes),
        future_aux=frozenset(context["future_aux"]),
        future_verbs=frozenset(context["future_verbs"]),
        name_labels=frozenset(context["name_labels"]),
        reporting_verbs=frozenset(context["reporting_verbs"]),
        number_nouns=frozenset(context["number_nouns"]),
    )


# ----------------------------------------------------------------------- group normalisers

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _number(text: str, classes: dict[str, WordClass]) -> Normalised:
    """The amount in "3", "2,000", "two", "twenty-five" (an int), "a few" ("X")."""
    plain = text.replace(",", "")
    if _DIGITS.fullmatch(plain):
        return float(plain) if "." in plain else int(plain)
    for name in ("number_word", "ordinal"):
        value = classes[name].value_of(text)
        if value is not None:
            return value
    total = 0
    for part in re.split(r"[\s-]+", text.lower()):
        value = classes["number_word"].value_of(part)
        if not isinstance(value, int):
            return "X"
        total += value
    return total


def _ordinal(text: str, classes: dict[str, WordClass]) -> Normalised:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    value = classes["ordinal"].value_of(text)
    return value if value is not None else "X"


def _clock(text: str) -> str:
    m = re.match(r"(\d{1,2})(?::(\d\d))?\s?([ap])?", text.lower())
    if not m:
        return "XX:XX"
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and hour < 12:
        hour += 12
    elif m.group(3) == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _decade_short(text: str) -> str:
    digit = re.search(r"\d", text)
    d = digit.group() if digit else "X"
    return ("20" if d in "012" else "19") + d


def normalise_group(cls: WordClass, text: str, classes: dict[str, WordClass]) -> Normalised:
    """The value of the text a class matched: a word's value, or a parsed regex class."""
    if cls.values:
        value = cls.value_of(text)
        return value if value is not None else text
    name = cls.name
    if name in ("year4", "year2", "month_num", "day_num"):
        return int(text)
    if name in ("day_th", "ordinal_num", "ordinal_any"):
        return _ordinal(text, classes)
    if name == "amount":
        return _number(text, classes)
    if name == "clock":
        return _clock(text)
    if name == "decade_num":
        return re.sub(r"\D", "", text)[:3]
    if name == "decade_short":
        return _decade_short(text)
    return text
