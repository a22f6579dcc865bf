#!/usr/bin/env python3
"""Prepares the external screening benchmark's data from registry packages
(nothing in it is written by this project; see README.md beside this file).

    python3 tests/screening_external/prepare.py OUT_DIR

Downloads pinned source distributions from PyPI, checks their SHA-256, and
writes OUT_DIR/data.json:
- the OFAC SDN list of 7 May 2024 (sdn.xml, a test fixture of the PyPI
  package inoutlists 1.0.3, MIT; the list itself is a US government work):
  every person and entity with its aliases, programs, nationalities and
  address countries, years of birth and remarks;
- the EU consolidated financial sanctions list of 13 May 2024 (another
  fixture of inoutlists): every person and entity with its Latin names, and
  for the DPRK persons it also names in Hangul, their standard South Korean
  spellings (Revised Romanization by koroman, syllable by syllable as names
  are written: Gim Yeongcheol, Yeong-cheol Gim);
- ordinary personal names by origin from Faker 40.63.0 (MIT): South Korean
  (Hangul, and romanised by koroman 1.0.16, MIT, Revised Romanization),
  Chinese, Vietnamese, Russian, Ukrainian, Pakistani, US, Spanish and
  Brazilian names.
"""
import hashlib
import importlib
import json
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

PACKAGES = {
    "inoutlists": ("1.0.3", "8f8aa2f688335df109b9fed0317b898809dc874f4b6039d584a178d9e7bb854d"),
    "Faker": ("40.63.0", "6c5a09bfb17b3a5fa29f349a2ea86ec5af959df95ec71adc831268adfccc9d62"),
    "koroman": ("1.0.16", "77ff76e6c7d9c93d22294467b0eff569bb1cdb7df1c0d89c5b42ffa96c92e342"),
}


def fetch(name, work):
    version, digest = PACKAGES[name]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
         f"{name}=={version}", "-d", str(work)],
        check=True,
    )
    archive = next(p for p in work.iterdir() if p.name.lower().startswith(name.lower() + "-") and p.name.endswith(".tar.gz"))
    actual = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest and actual != digest:
        sys.exit(f"{archive.name}: SHA-256 {actual}, expected {digest}")
    folder = work / archive.name[: -len(".tar.gz")]
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    return folder, actual


def text(el, tag, ns):
    found = el.find(f"ns:{tag}", ns)
    return found.text.strip() if found is not None and found.text else ""


def sdn_entries(path):
    ns = {"ns": "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"}
    root = ET.parse(path).getroot()
    published = text(root.find("ns:publshInformation", ns), "Publish_Date", ns)
    entries = []
    for e in root.findall("ns:sdnEntry", ns):
        kind = text(e, "sdnType", ns)
        if kind not in ("Individual", "Entity"):
            continue  # vessels and aircraft
        last, first = text(e, "lastName", ns), text(e, "firstName", ns)
        aliases = []
        for a in e.findall("ns:akaList/ns:aka", ns):
            al, af = text(a, "lastName", ns), text(a, "firstName", ns)
            aliases.append({
                "name": f"{al}, {af}" if af else al,
                "type": text(a, "type", ns),
                "category": text(a, "category", ns),
            })
        countries = [text(n, "country", ns) for n in e.findall("ns:nationalityList/ns:nationality", ns)]
        countries += [text(n, "country", ns) for n in e.findall("ns:citizenshipList/ns:citizenship", ns)]
        countries += [text(a, "country", ns) for a in e.findall("ns:addressList/ns:address", ns)]
        dobs = [text(d, "dateOfBirth", ns) for d in e.findall("ns:dateOfBirthList/ns:dateOfBirthItem", ns)]
        entries.append({
            "uid": text(e, "uid", ns),
            "type": kind,
            "name": f"{last}, {first}" if first else last,
            "programs": [p.text.strip() for p in e.findall("ns:programList/ns:program", ns) if p.text],
            "aliases": aliases,
            "countries": sorted({c for c in countries if c}),
            "dob": [d for d in dobs if d],
            "remarks": text(e, "remarks", ns),
        })
    return published, entries


def is_hangul(s):
    return any("\uac00" <= c <= "\ud7a3" for c in s)


def eu_entries(path, koroman):
    """The EU list's persons and entities: Latin names, countries, and the
    Revised Romanization of the names it gives in Hangul."""
    ns = {"ns": "http://eu.europa.ec/fpi/fsd/export"}
    root = ET.parse(path).getroot()
    generated = root.get("generationDate", "")[:10]
    rr = lambda syllables: koroman.romanize(syllables)
    out = []
    for e in root.findall("ns:sanctionEntity", ns):
        subject = e.find("ns:subjectType", ns)
        kind = {"person": "Individual", "enterprise": "Entity"}.get(subject.get("code") if subject is not None else "")
        if kind is None:
            continue
        names = [a.get("wholeName", "").strip() for a in e.findall("ns:nameAlias", ns)]
        latin = [n for n in dict.fromkeys(names) if n and not is_hangul(n)]
        spellings = []
        for hangul in dict.fromkeys(n for n in names if is_hangul(n)):
            # A Korean name: family name first, one syllable (two-syllable
            # family names are rare and not guessed), given syllables
            # romanised one by one as names are written.
            if kind != "Individual" or " " in hangul or not 2 <= len(hangul) <= 4:
                continue
            family = rr(hangul[0]).capitalize()
            given = [rr(c) for c in hangul[1:]]
            spellings.append({
                "hangul": hangul,
                "queries": [f"{family} {''.join(given).capitalize()}", f"{'-'.join(given).capitalize()} {family}"],
            })
        countries = sorted({c.get("countryIso2Code", "") for c in e.findall("ns:citizenship", ns)}
                           | {c.get("countryIso2Code", "") for c in e.findall("ns:address", ns)} - {"", "00"})
        programmes = sorted({r.get("programme", "") for r in e.findall("ns:regulation", ns)} - {""})
        out.append({"id": e.get("logicalId"), "type": kind, "names": latin, "programmes": programmes,
                    "countries": countries, "korean": spellings})
    return generated, out


def ordinary_names(faker_dir, koroman_dir):
    sys.path.insert(0, str(faker_dir))
    sys.path.insert(0, str(koroman_dir))
    import koroman  # noqa: E402

    def provider(locale):
        return importlib.import_module(f"faker.providers.person.{locale}").Provider

    def firsts(p):
        names = list(getattr(p, "first_names_male", []) or []) + list(getattr(p, "first_names_female", []) or [])
        return names or list(p.first_names)

    out = []
    # Pairs i-th first name with a last name far along the list: a fixed,
    # repeatable population with common and rare family names.
    def pairs(locale, count, family_first):
        p = provider(locale)
        fs, ls = firsts(p), list(p.last_names)
        for i in range(count):
            first, last = fs[i % len(fs)], ls[(i * 7 + i // len(ls)) % len(ls)]
            yield (last, first) if family_first else (first, last)

    for last, first in pairs("ko_KR", 300, True):
        out.append({"origin": "Korean (Hangul)", "name": last + first})
        rr = lambda s: koroman.romanize(s).capitalize()
        out.append({"origin": "Korean (Revised Romanization)", "name": f"{rr(last)} {rr(first)}"})
    for last, first in pairs("zh_CN", 150, True):
        out.append({"origin": "Chinese", "name": last + first})
    for locale, origin, count in [
        ("vi_VN", "Vietnamese", 100),
        ("ru_RU", "Russian", 100),
        ("uk_UA", "Ukrainian", 100),
        ("en_PK", "Pakistani", 100),
        ("en_US", "US", 100),
        ("es_ES", "Spanish", 50),
        ("pt_BR", "Brazilian", 50),
    ]:
        for first, last in pairs(locale, count, False):
            out.append({"origin": origin, "name": f"{first} {last}"})
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inoutlists, sha_lists = fetch("inoutlists", work)
        faker, sha_faker = fetch("Faker", work)
        koroman_dir, sha_koroman = fetch("koroman", work)
        published, entries = sdn_entries(inoutlists / "tests/integration/fixtures/sdn.xml")
        koroman_path = koroman_dir / "src" if (koroman_dir / "src").is_dir() else koroman_dir
        sys.path.insert(0, str(koroman_path))
        import koroman  # noqa: E402
        eu_file = "tests/integration/fixtures/20240513-FULL-1_1(xsd).xml"
        eu_generated, eu = eu_entries(inoutlists / eu_file, koroman)
        data = {
            "sources": [
                {"what": "OFAC SDN list", "published": published, "package": "inoutlists==1.0.3",
                 "path": "tests/integration/fixtures/sdn.xml", "sha256": sha_lists},
                {"what": "EU consolidated financial sanctions list", "published": eu_generated,
                 "package": "inoutlists==1.0.3", "path": eu_file, "sha256": sha_lists},
                {"what": "ordinary names", "package": "Faker==40.63.0", "sha256": sha_faker},
                {"what": "Revised Romanization of Hangul", "package": "koroman==1.0.16", "sha256": sha_koroman},
            ],
            "sdn": entries,
            "eu": eu,
            "ordinary": ordinary_names(faker, koroman_path),
        }
    (out_dir / "data.json").write_text(json.dumps(data, ensure_ascii=False))
    korean = sum(len(e["korean"]) for e in data["eu"])
    print(f"{out_dir / 'data.json'}: {len(data['sdn'])} SDN entries ({published}), {len(data['eu'])} EU entries "
          f"({korean} Hangul names), {len(data['ordinary'])} ordinary names")


if __name__ == "__main__":
    main()
