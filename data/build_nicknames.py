"""Regenerates data/nicknames.tsv from the PyPI package `nicknames` 1.0.1
(https://github.com/carltonnorthern/nicknames, Apache-2.0), which ships its
table as nicknames/names.csv (rows: name1,relationship,name2).

    pip download --no-deps nicknames==1.0.1 -d /tmp
    python3 data/build_nicknames.py /tmp/nicknames-1.0.1-py3-none-any.whl

The argument may also be an unpacked names.csv. Run from the repository root.
Output: one line per canonical given name, `name<TAB>nick1,nick2,...`,
lower-case ASCII, names and nicknames sorted, after a `#` header line.
Only "has_nickname" rows are used (1.0.1 has no other kind).
"""
import csv
import io
import sys
import zipfile
from collections import defaultdict

VERSION = "1.0.1"
OUT = "data/nicknames.tsv"


def read_rows(src):
    if src.endswith(".whl"):
        with zipfile.ZipFile(src) as whl:
            text = whl.read("nicknames/names.csv").decode("utf-8")
    else:
        with open(src, encoding="utf-8", newline="") as f:
            text = f.read()
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == ["name1", "relationship", "name2"], header
    return list(reader)


def norm(s):
    s = s.strip().lower()
    if not s.isascii() or "\t" in s or "," in s:
        raise ValueError(f"unexpected name {s!r}")
    return s


def main(src):
    nicks = defaultdict(set)
    for name1, rel, name2 in read_rows(src):
        if rel != "has_nickname":
            continue
        name, nick = norm(name1), norm(name2)
        if name and nick and nick != name:
            nicks[name].add(nick)
    with open(OUT, "w", encoding="ascii", newline="\n") as out:
        out.write(
            f"# canonical name<TAB>nicknames; from PyPI nicknames {VERSION} "
            "(github.com/carltonnorthern/nicknames), Apache-2.0; "
            "regenerate with data/build_nicknames.py\n"
        )
        for name in sorted(nicks):
            out.write(f"{name}\t{','.join(sorted(nicks[name]))}\n")
    print(f"{OUT}: {len(nicks)} names, {sum(map(len, nicks.values()))} pairs")


if __name__ == "__main__":
    main(sys.argv[1])
