"""A synthetic but realistic news corpus for scale tests and benchmarks.

Every article is composed from sentence templates written for this project (crisis
reporting: warnings, strikes, talks, sanctions, sourcing, conditional threats, dates and
places) and filled from small lists of actors, officials, outlets and places. Nothing is
taken from ../shared. The same ``(index, seed)`` always gives the same article, so a corpus
of any size is reproducible without storing it::

    python benchmarks/synthetic_corpus.py /tmp/corpus --docs 10000            # .txt files
    python benchmarks/synthetic_corpus.py /tmp/corpus.jsonl --docs 10000      # one JSONL file

In Python: ``synthetic_articles(200)`` yields :class:`~brinkwatch.records.Article` objects.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from brinkwatch.records import Article

__all__ = ["synthetic_article", "synthetic_articles", "write_corpus"]

FIRST_PUBLISHED = dt.date(2024, 9, 1)

# (country adjective, country name, capital, leader title, a city or region)
COUNTRIES = [
    ("American", "the United States", "Washington", "President", "Virginia"),
    ("Iranian", "Iran", "Tehran", "Supreme Leader", "Isfahan"),
    ("Israeli", "Israel", "Jerusalem", "Prime Minister", "the Galilee"),
    ("Iraqi", "Iraq", "Baghdad", "Prime Minister", "Anbar province"),
    ("Russian", "Russia", "Moscow", "President", "Belgorod"),
    ("Ukrainian", "Ukraine", "Kyiv", "President", "Kharkiv"),
    ("Chinese", "China", "Beijing", "President", "Fujian"),
    ("Taiwanese", "Taiwan", "Taipei", "President", "Kaohsiung"),
    ("Turkish", "Turkey", "Ankara", "President", "Hatay"),
    ("Syrian", "Syria", "Damascus", "President", "Idlib"),
    ("Lebanese", "Lebanon", "Beirut", "Prime Minister", "the Bekaa Valley"),
    ("Indian", "India", "New Delhi", "Prime Minister", "Kashmir"),
    ("Pakistani", "Pakistan", "Islamabad", "Prime Minister", "Balochistan"),
    ("North Korean", "North Korea", "Pyongyang", "leader", "Sinpo"),
    ("South Korean", "South Korea", "Seoul", "President", "Busan"),
    ("Japanese", "Japan", "Tokyo", "Prime Minister", "Okinawa"),
    ("Saudi", "Saudi Arabia", "Riyadh", "Crown Prince", "Jizan"),
    ("Yemeni", "Yemen", "Sanaa", "President", "Hodeidah"),
    ("Egyptian", "Egypt", "Cairo", "President", "Sinai"),
    ("Ethiopian", "Ethiopia", "Addis Ababa", "Prime Minister", "Tigray"),
    ("Sudanese", "Sudan", "Khartoum", "General", "Darfur"),
    ("Venezuelan", "Venezuela", "Caracas", "President", "Zulia"),
    ("Serbian", "Serbia", "Belgrade", "President", "Novi Sad"),
    ("Armenian", "Armenia", "Yerevan", "Prime Minister", "Syunik"),
    ("Azerbaijani", "Azerbaijan", "Baku", "President", "Ganja"),
    ("Polish", "Poland", "Warsaw", "President", "Rzeszow"),
    ("French", "France", "Paris", "President", "Marseille"),
    ("German", "Germany", "Berlin", "Chancellor", "Bavaria"),
    ("British", "Britain", "London", "Prime Minister", "Scotland"),
    ("Qatari", "Qatar", "Doha", "Emir", "Al Wakrah"),
]
SURNAMES = [
    "Harlow", "Okafor", "Brandt", "Castell", "Moreau", "Petrov", "Sandoval", "Nakamura",
    "Haddad", "Kovacs", "Lindqvist", "Demir", "Farouk", "Ivanenko", "Mendes", "Rahimi",
    "Stavros", "Tanaka", "Wojcik", "Yilmaz", "Abara", "Bellamy", "Crane", "Duarte",
    "Esposito", "Gallagher", "Hollis", "Jansen", "Kader", "Lorenz", "Marek", "Novak",
]  # fmt: skip
GIVEN = [
    "Daniel", "Amira", "Viktor", "Helena", "Omar", "Sofia", "Kenji", "Leila", "Marcus",
    "Irina", "Tomas", "Nadia", "Samuel", "Yara", "Pavel", "Grace", "Idris", "Elena",
]  # fmt: skip
OFFICES = [
    "foreign minister", "defence minister", "national security adviser",
    "army chief of staff", "interior minister", "government spokesperson",
    "senior diplomat", "envoy to the United Nations",
]  # fmt: skip
OUTLETS = ["Reuters", "the Associated Press", "Axios", "the BBC", "Al Jazeera", "Bloomberg",
           "the Financial Times", "Agence France-Presse", "the Wall Street Journal"]  # fmt: skip
GROUPS = ["the armed forces", "militia groups", "the navy", "air defence units", "border guards",
          "the coast guard", "special forces", "paramilitary units"]  # fmt: skip
WEAPONS = ["drones", "ballistic missiles", "artillery", "rockets", "cruise missiles",
           "armed drones", "warplanes"]  # fmt: skip
TARGETS = ["an air base", "a fuel depot", "a radar station", "a supply convoy", "a border post",
           "an ammunition store", "a port", "a command centre"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WHEN = ["on {weekday}", "last week", "on {month} {day}", "earlier this month", "late on {weekday}",
        "in the early hours of {weekday}", "two days ago", "this week"]  # fmt: skip
SOURCES = ["two {adj} officials", "a senior {adj} official", "a Western diplomat",
           "three people familiar with the matter", "officials in {capital}",
           "a military spokesperson", "{given} {surname}, the {adj} {office},"]  # fmt: skip
CUES = ["told {outlet}", "said", "told reporters", "said in a statement", "warned",
        "told {outlet} on condition of anonymity"]  # fmt: skip

# one placeholder per slot; {a_*} is the first country, {b_*} the second, {c_*} a third
LEAD = [
    "{a_name} warned {b_name} {when} that it would respond with force if attacks on its "
    "troops in {b_region} continued, {source} {cue}.",
    "{a_adj} {weapons} struck {target} near {b_capital} {when}, killing at least {n} people, "
    "according to local officials.",
    "{a_name} and {b_name} agreed {when} to resume talks in {c_capital} after weeks of "
    "rising tension along their shared border.",
    "{a_name} imposed new sanctions on {b_adj} banks and energy firms {when}, accusing "
    "{b_capital} of supplying {weapons} to {c_adj} fighters.",
    "Thousands of {a_adj} troops moved toward the border with {b_name} {when}, {source} {cue}, "
    "in the largest deployment in years.",
]
BODY = [
    "{source} {cue} that {a_capital} had asked {b_capital} to rein in {groups} operating "
    "from {b_region}.",
    '"We will not stand by while our people are attacked," {a_given} {a_surname}, '
    "the {a_adj} {office}, {cue_plain} {when}.",
    "If {b_name} allows further launches from its territory, {a_name} will strike the sites "
    "directly, {source} {cue}.",
    "{b_adj} officials denied any role in the attack and called the accusations baseless.",
    "The {a_adj} {office} met his {b_adj} counterpart in {c_capital} {when} to discuss a "
    "ceasefire and the exchange of prisoners.",
    "{a_name} recalled its ambassador from {b_capital} {when} in protest at what it called "
    "a violation of its airspace.",
    "{b_adj} {groups} fired {weapons} at {target} in {c_region}, {source} {cue}.",
    "The United Nations urged both sides to show restraint and said it was sending an envoy "
    "to {b_capital}.",
    "Analysts said the strikes marked a sharp escalation, though neither government has "
    "declared a state of war.",
    "{a_name} promised to lift some restrictions on trade if {b_name} released the detained "
    "journalists by the end of the month.",
    "Protesters gathered outside the {b_adj} embassy in {a_capital} {when}, demanding that "
    "the government cut diplomatic ties.",
    "{c_name} offered to mediate, and its {office} travelled to {a_capital} and {b_capital} "
    "{when}.",
    "The {a_adj} defence ministry said {groups} had intercepted {n} {weapons} over "
    "{a_region} {when}.",
    "{b_name} has previously threatened to close its airspace to {a_adj} flights if the "
    "sanctions are extended.",
    "{a_adj} {groups} will hold joint exercises with {c_adj} forces near {a_region} next "
    "month, {source} {cue}.",
    "Aid agencies said more than {n_large} civilians had fled {b_region} since the fighting began.",
    "It was not immediately clear who carried out the strike on {target} near {c_region}.",
    "{b_adj} state media said {n} soldiers were wounded and accused {a_name} of trying to "
    "provoke a wider war.",
]
CLOSE = [
    "{outlet_cap} could not independently verify the claims.",
    "Neither government responded to requests for comment.",
    "Talks are expected to continue in {c_capital} next week.",
    "The {a_adj} embassy in {b_capital} declined to comment.",
]


def _sentence(template: str, rng: random.Random, day: dt.date) -> str:
    """Fill one template; each call draws fresh actors for the slots it uses."""
    a, b, c = rng.sample(COUNTRIES, 3)
    fill: dict[str, str] = {}
    for key, country in (("a", a), ("b", b), ("c", c)):
        adj, name, capital, _leader, region = country
        fill |= {f"{key}_adj": adj, f"{key}_name": name, f"{key}_capital": capital,
                 f"{key}_region": region, f"{key}_given": rng.choice(GIVEN),
                 f"{key}_surname": rng.choice(SURNAMES)}  # fmt: skip
    when_day = day - dt.timedelta(days=rng.randint(0, 6))
    when = rng.choice(WHEN).format(
        weekday=WEEKDAYS[when_day.weekday()], month=when_day.strftime("%B"), day=when_day.day
    )
    outlet = rng.choice(OUTLETS)
    source = rng.choice(SOURCES).format(
        adj=a[0], capital=a[2], given=rng.choice(GIVEN), surname=rng.choice(SURNAMES),
        office=rng.choice(OFFICES),
    )  # fmt: skip
    cue = rng.choice(CUES).format(outlet=outlet)
    fill |= {
        "when": when, "source": source, "cue": cue, "cue_plain": "said",
        "outlet_cap": outlet[0].upper() + outlet[1:], "office": rng.choice(OFFICES),
        "groups": rng.choice(GROUPS), "weapons": rng.choice(WEAPONS),
        "target": rng.choice(TARGETS), "n": str(rng.randint(2, 40)),
        "n_large": f"{rng.randint(2, 90) * 1000:,}",
    }  # fmt: skip
    text = template.format(**fill)
    return text[0].upper() + text[1:]


def synthetic_article(index: int, *, seed: int = 0) -> Article:
    """Article number ``index`` of the corpus ``seed``: 6-9 paragraphs, about 250-650 words."""
    rng = random.Random(f"{seed}:{index}")
    day = FIRST_PUBLISHED + dt.timedelta(days=index % 120)
    paragraphs = [_sentence(rng.choice(LEAD), rng, day)]
    for _ in range(rng.randint(5, 8)):
        count = rng.randint(2, 4)
        paragraphs.append(" ".join(_sentence(t, rng, day) for t in rng.sample(BODY, count)))
    paragraphs.append(_sentence(rng.choice(CLOSE), rng, day))
    return Article(
        doc_id=f"synthetic-{seed}-{index:06d}",
        text="\n\n".join(paragraphs) + "\n",
        published=day.isoformat(),
        outlet=rng.choice(OUTLETS).removeprefix("the "),
        title=None,
        url=None,
        origin="synthetic",
    )


def synthetic_articles(n: int, *, seed: int = 0, start: int = 0) -> Iterator[Article]:
    """``n`` articles, generated one at a time (nothing is held in memory)."""
    for index in range(start, start + n):
        yield synthetic_article(index, seed=seed)


def write_corpus(target: Path, n: int, *, seed: int = 0) -> Path:
    """Write ``n`` articles: one ``.txt`` file each into a folder, or one ``.jsonl`` file.

    JSONL lines carry ``doc_id``, ``text``, ``published`` and ``outlet``; text files carry
    the text only (pass ``--published`` to ``brinkwatch ingest``).
    """
    if target.suffix == ".jsonl":
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as out:
            for article in synthetic_articles(n, seed=seed):
                fields = article.model_dump(include={"doc_id", "text", "published", "outlet"})
                out.write(json.dumps(fields) + "\n")
        return target
    target.mkdir(parents=True, exist_ok=True)
    for article in synthetic_articles(n, seed=seed):
        (target / f"{article.doc_id}.txt").write_text(article.text, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="a folder (.txt files) or a .jsonl file")
    parser.add_argument("--docs", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    args = parser.parse_args()
    print(write_corpus(args.target, args.docs, seed=args.seed))


if __name__ == "__main__":
    main()
