#!/usr/bin/env python3
"""Scores the external screening benchmark's queries with OpenSanctions'
nomenklatura name matcher "logic-v2", a peer to compare Vetter with (a
benchmark only, never a dependency of Vetter; not run in CI).

    python3 tests/screening_external/nomenklatura_compare.py \
        [--data target/suites/screening/data.json] [--vetter VETTER_JSON] \
        [--check-prefilter N] --out OUT.md

Run it with a Python that has nomenklatura installed (README.md beside this
file: a venv, the pinned version). It writes OUT.md (a Markdown table) and,
beside it, OUT.json (every query: its scores, its best other candidates), so
that misses can be studied.

The queries are those of tests/screening_external.rs:
1. the listed primary name of every DPRK-linked individual (type Individual,
   a program starting with "DPRK" or "NKSPEA"), given names first
   ("KIM, Yong Chol" -> "Yong Chol Kim"), against the whole list;
2. the other romanisations OFAC lists for them: each alias whose family name
   (before the comma) is the primary's and whose name differs, folded as
   Vetter folds them (case, marks, apostrophes, Latin endings), given names
   first, against the primary names alone;
3. the ordinary names against the whole list (primary names and aliases).

Entries are followthemoney entities as OpenSanctions builds them from the
SDN list: an Individual is a Person, an Entity an Organization (logic-v2 gives
a Person query 0 against an Organization, so only Persons are candidates);
`name` is the listed name, strong aliases are `alias`, weak aliases
`weakAlias` (logic-v2 scores an exact weak alias 0.8; `--weak-as-alias`
makes them plain aliases). Queries are Persons with a name only, and the
ScoringConfig is logic-v2's default.

Scoring every query against all 13,739 entries with logic-v2 would take long,
so the candidates of a query are the Persons sharing a key with it: a name
token (case-folded, marks and non-letters stripped), a part as rigour
compares it (transliterated) or its first three letters, its metaphone, or a
NAME/NICK symbol of rigour's tagger (Sergey/Sergei). For 1 and 2 the query is scored against its
own entry and against every candidate; for 3 against every candidate.
`--check-prefilter N` scores N ordinary names (spread over the origins)
against every Person and reports any hit >= 0.7 the prefilter missed.

`--vetter` reads Vetter's results in this shape (counts; "wrong" is how many
queries had another entry as the best hit):
    {"listed": {"found": n, "total": n, "wrong": n},
     "variants": {"found": n, "partial": n, "total": n, "wrong": n},
     "ordinary": {"found": n, "partial": n, "total": n},
     "us_per_query": x}
where Vetter's "found" is the same name (every part exact, from CRITICAL)
and "partial" a lower hit (from HIGH), and writes them beside nomenklatura's.
"""
import argparse
import importlib.metadata
import json
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

try:
    from followthemoney import model
    from followthemoney.names import entity_names
    from followthemoney.types import registry
    from nomenklatura.matching import get_algorithm
except ImportError:
    sys.exit("nomenklatura is not installed here: see tests/screening_external/README.md (a venv)")

HIGH_SCORE = 0.9
LOW_SCORE = 0.7
PREFILTER_SYMBOLS = {"NAME", "NICK"}
APOSTROPHES = "'’ʼ‘`"

# --- Vetter's folding, to select the same variants (src/screening/matcher.rs `tokens`)


def fold_tokens(name):
    """Case-folded, marks and apostrophes removed, split at anything else
    that is not a letter or digit (src/normalize `fold`)."""
    s = "".join(c for c in name.lower() if c not in APOSTROPHES)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return [t for t in re.split(r"[\W_]+", s) if t]


def latin_key(part):
    """Vetter's Latin key of a part (Sergey/Sergei, Vasiliy/Vasili)."""
    s = part.replace("kh", "h").replace("ks", "x")
    for end, to in (("iy", "i"), ("yi", "i"), ("ii", "i"), ("yy", "i"), ("ey", "ei")):
        if len(s) > len(end) + 2 and s.endswith(end):
            s = s[: -len(end)] + to
    if len(s) > 3 and s.endswith("y"):
        s = s[:-1] + "i"
    return s


def keys_of(name):
    return [latin_key(t) for t in fold_tokens(name)]


def family_of(name):
    return (keys_of(name.split(",")[0]) or [None])[0]


def as_written(listed):
    """'KIM, Yong Chol' as people write it: 'Yong Chol Kim'."""
    family, sep, given = listed.partition(", ")
    return f"{given} {family}" if sep else listed


def dprk_person(e):
    return e["type"] == "Individual" and any(p.startswith("DPRK") or p == "NKSPEA" for p in e["programs"])


# --- Entities and the prefilter


def make_entity(entity_id, schema, name, aliases=(), weak=()):
    e = model.make_entity(schema)
    e.id = entity_id  # logic-v2 caches name analysis by entity id: keep them unique
    e.add("name", name)
    for a in aliases:
        e.add("alias", a)
    for a in weak:
        e.add("weakAlias", a)
    return e


def prefilter_keys(entity):
    """The keys a query and an entry must share to be compared."""
    keys = set()
    for value in entity.get_type_values(registry.name, matchable=True):
        keys.update(fold_tokens(value))
    for name in entity_names(entity, consolidate=False):
        for part in name.parts:
            keys.add(part.comparable)
            keys.add("^" + part.comparable[:3])  # fuzzy matches (Hwang/Hwan) mostly share the start
            if part.metaphone:
                keys.add("~" + part.metaphone)
        for symbol in name.symbols:
            if symbol.category.value in PREFILTER_SYMBOLS:
                keys.add(f"{symbol.category.value}:{symbol.id}")
    keys.discard("")
    return keys


class Index:
    def __init__(self, entities):
        self.entities = entities
        self.postings = defaultdict(set)
        for i, e in enumerate(entities):
            for k in prefilter_keys(e):
                self.postings[k].add(i)

    def candidates(self, query):
        found = set()
        for k in prefilter_keys(query):
            found |= self.postings.get(k, set())
        return found


# --- Scoring


class Scorer:
    def __init__(self):
        self.algorithm = get_algorithm("logic-v2")
        self.config = self.algorithm.default_config()
        self.comparisons = 0
        self.seconds = 0.0
        self.queries = 0
        self.n = 0

    def query(self, name):
        self.n += 1
        return make_entity(f"q{self.n}", "Person", name)

    def score(self, query, entry):
        self.comparisons += 1
        result = self.algorithm.compare(query, entry, self.config)
        return result.score

    def explain(self, query, entry):
        result = self.algorithm.compare(query, entry, self.config)
        nm = result.explanations.get("name_match")
        weak = result.explanations.get("weak_alias_match")
        return {
            "score": round(result.score, 4),
            "matched": nm.candidate if nm else None,
            "detail": (nm.detail if nm else None) or (weak.detail if weak else None),
        }


def run(args):
    data = json.loads(Path(args.data).read_text())
    sdn = data["sdn"]
    persons = [e for e in sdn if e["type"] == "Individual"]
    dprk = [e for e in persons if dprk_person(e)]

    def split_aliases(e):
        strong = [a["name"] for a in e["aliases"] if args.weak_as_alias or a.get("category") != "weak"]
        weak = [a["name"] for a in e["aliases"] if not args.weak_as_alias and a.get("category") == "weak"]
        return strong, weak

    started = time.perf_counter()
    full = [make_entity(f"ofac-{e['uid']}", "Person", e["name"], *split_aliases(e)) for e in persons]
    bare = [make_entity(f"ofac-{e['uid']}-primary", "Person", e["name"]) for e in persons]
    full_index, bare_index = Index(full), Index(bare)
    position = {e["uid"]: i for i, e in enumerate(persons)}
    index_seconds = time.perf_counter() - started
    print(f"{len(persons)} persons indexed for the prefilter in {index_seconds:.1f} s", file=sys.stderr)

    scorer = Scorer()
    timing = defaultdict(lambda: [0, 0.0, 0])  # part -> [queries, seconds, comparisons]

    def against_own(part, q_name, own, index, entries):
        """Scores a query against its own entry and the other candidates."""
        t0, c0 = time.perf_counter(), scorer.comparisons
        q = scorer.query(q_name)
        own_score = scorer.score(q, entries[own])
        others = []
        cands = index.candidates(q) - {own}
        for i in cands:
            s = scorer.score(q, entries[i])
            if s > 0:
                others.append((s, i))
        others.sort(key=lambda x: (-x[0], x[1]))
        t = timing[part]
        t[0] += 1
        t[1] += time.perf_counter() - t0
        t[2] += scorer.comparisons - c0
        best_other = None
        if others:
            s, i = others[0]
            best_other = {"entry": persons[i]["name"], "uid": persons[i]["uid"], **scorer.explain(q, entries[i])}
        return {
            "query": q_name,
            "own_score": round(own_score, 4),
            "own": scorer.explain(q, entries[own]),
            "candidates": len(cands),
            "best_other": best_other,
            "other_higher": sum(1 for s, _ in others if s > own_score),
            "other_equal": sum(1 for s, _ in others if s == own_score),
        }

    # 1. Listed spellings, against the whole list.
    listed = []
    for e in dprk:
        r = against_own("listed", as_written(e["name"]), position[e["uid"]], full_index, full)
        listed.append({"entry": e["name"], "uid": e["uid"], **r})

    # 2. The other romanisations OFAC lists, against the primary names alone.
    variants = []
    for e in dprk:
        primary = keys_of(e["name"])
        for a in e["aliases"]:
            if family_of(a["name"]) != family_of(e["name"]) or keys_of(a["name"]) == primary:
                continue
            r = against_own("variants", as_written(a["name"]), position[e["uid"]], bare_index, bare)
            variants.append({"entry": e["name"], "uid": e["uid"], "alias": a["name"], **r})

    # 3. Ordinary names, against the whole list.
    ordinary = []
    for o in data["ordinary"]:
        t0, c0 = time.perf_counter(), scorer.comparisons
        q = scorer.query(o["name"])
        cands = full_index.candidates(q)
        hits = [(scorer.score(q, full[i]), i) for i in cands]
        hits = sorted((h for h in hits if h[0] >= LOW_SCORE), key=lambda x: (-x[0], x[1]))
        t = timing["ordinary"]
        t[0] += 1
        t[1] += time.perf_counter() - t0
        t[2] += scorer.comparisons - c0
        ordinary.append({
            "origin": o["origin"],
            "query": o["name"],
            "candidates": len(cands),
            "best": round(hits[0][0], 4) if hits else 0.0,
            "hits": [{"entry": persons[i]["name"], "uid": persons[i]["uid"], **scorer.explain(q, full[i])}
                     for _, i in hits[:5]],
        })

    # Optional: does the prefilter miss anything? Brute force on a sample.
    prefilter_check = None
    if args.check_prefilter:
        by_origin = defaultdict(list)
        for o in ordinary:
            by_origin[o["origin"]].append(o)
        rng = random.Random(7)
        per = max(1, args.check_prefilter // len(by_origin))
        sample = [o for group in by_origin.values() for o in rng.sample(group, min(per, len(group)))]
        missed = []
        t0 = time.perf_counter()
        for o in sample:
            q = scorer.query(o["query"])
            seen = {h["uid"] for h in o["hits"]}
            cands = full_index.candidates(q)
            for i, entry in enumerate(full):
                if i in cands:
                    continue
                s = scorer.score(q, entry)
                if s >= LOW_SCORE and persons[i]["uid"] not in seen:
                    missed.append({"query": o["query"], "entry": persons[i]["name"], "score": round(s, 4)})
        prefilter_check = {"queries": len(sample), "entries": len(full), "missed": missed,
                           "seconds": round(time.perf_counter() - t0, 1)}
        print(f"prefilter check: {len(sample)} names x {len(full)} persons, {len(missed)} missed", file=sys.stderr)

    n_ord = len(ordinary)
    versions = {p: importlib.metadata.version(p) for p in ("nomenklatura", "followthemoney", "rigour")}
    summary = {
        "versions": versions,
        "options": {"weak_as_alias": args.weak_as_alias},
        "entries": len(sdn),
        "persons": len(persons),
        "dprk": len(dprk),
        "listed": {
            "total": len(listed),
            "found": sum(r["own_score"] >= HIGH_SCORE for r in listed),
            "found_0_7": sum(r["own_score"] >= LOW_SCORE for r in listed),
            "wrong": sum(r["other_higher"] > 0 for r in listed),
            "tied": sum(r["other_higher"] == 0 and r["other_equal"] > 0 and r["own_score"] >= LOW_SCORE for r in listed),
        },
        "variants": {
            "total": len(variants),
            "found": sum(r["own_score"] >= HIGH_SCORE for r in variants),
            "found_0_7": sum(r["own_score"] >= LOW_SCORE for r in variants),
            "wrong": sum(r["other_higher"] > 0 for r in variants),
            "wrong_0_7": sum(r["other_higher"] > 0 and r["best_other"]["score"] >= LOW_SCORE for r in variants),
            "tied": sum(r["other_higher"] == 0 and r["other_equal"] > 0 and r["own_score"] >= LOW_SCORE for r in variants),
        },
        "ordinary": {
            "total": n_ord,
            "found": sum(r["best"] >= HIGH_SCORE for r in ordinary),
            "found_0_7": sum(r["best"] >= LOW_SCORE for r in ordinary),
        },
        "timing": {
            part: {"queries": q, "ms_per_query": round(s * 1e3 / q, 2), "candidates_per_query": round(c / q, 1),
                   "us_per_comparison": round(s * 1e6 / c, 1) if c else None}
            for part, (q, s, c) in timing.items()
        },
        "index_seconds": round(index_seconds, 1),
        "prefilter_check": prefilter_check,
    }
    allq = sum(t[0] for t in timing.values())
    summary["ms_per_query"] = round(sum(t[1] for t in timing.values()) * 1e3 / allq, 2)
    by_origin = defaultdict(lambda: [0, 0, 0])
    for r in ordinary:
        b = by_origin[r["origin"]]
        b[0] += 1
        b[1] += r["best"] >= HIGH_SCORE
        b[2] += r["best"] >= LOW_SCORE
    summary["ordinary"]["by_origin"] = {k: {"total": a, "found": b, "found_0_7": c} for k, (a, b, c) in by_origin.items()}
    return summary, {"listed": listed, "variants": variants, "ordinary": ordinary}


def markdown(summary, results, vetter):
    s, L, V, O = summary, summary["listed"], summary["variants"], summary["ordinary"]
    per_1000 = lambda n, total: f"{n * 1000 / total:.1f}" if total else "–"
    vl, vv, vo = (vetter or {}).get("listed", {}), (vetter or {}).get("variants", {}), (vetter or {}).get("ordinary", {})

    def v(d, key, total=None):
        if vetter is None:
            return None
        if key not in d:
            return "–"
        return f"{d[key]}/{d[total]}" if total and total in d else str(d[key])

    rows = [
        (f"listed spellings of the {L['total']} DPRK-linked individuals: found", f"{L['found']}/{L['total']} (≥ 0.9)",
         v(vl, "found", "total")),
        ("… on another entry (logic-v2: another entry scores higher than their own)", str(L["wrong"]), v(vl, "wrong")),
        (f"the {V['total']} other romanisations OFAC lists, against the primary names: found",
         f"{V['found']}/{V['total']} (≥ 0.9)", v(vv, "found", "total")),
        ("… found at a lower score (for review)", f"{V['found_0_7']}/{V['total']} (≥ 0.7)",
         None if vetter is None else (f"{vv['found'] + vv['partial']}/{vv.get('total', '?')} (same name or partial)"
                                      if "found" in vv and "partial" in vv else "–")),
        ("… on another entry (logic-v2: another entry scores higher than their own)",
         f"{V['wrong']} ({V['wrong_0_7']} of them ≥ 0.7)", v(vv, "wrong")),
        (f"{O['total']} ordinary names: a hit (per 1,000)", f"{O['found']} ({per_1000(O['found'], O['total'])}) ≥ 0.9",
         None if vetter is None or "found" not in vo else f"{vo['found']} ({per_1000(vo['found'], vo.get('total', O['total']))}) same name"),
        ("… a hit at a lower score (per 1,000)",
         f"{O['found_0_7']} ({per_1000(O['found_0_7'], O['total'])}) ≥ 0.7",
         None if vetter is None or "partial" not in vo else
         f"{vo['found'] + vo['partial']} ({per_1000(vo['found'] + vo['partial'], vo.get('total', O['total']))}) same name or partial"),
        ("time per query", f"{s['ms_per_query']:.2f} ms (logic-v2 on prefiltered candidates, Python)",
         None if vetter is None or "us_per_query" not in vetter else f"{vetter['us_per_query'] / 1000:.2f} ms (whole list)"),
    ]
    ver = s["versions"]
    out = [
        f"# Screening benchmark: nomenklatura logic-v2{' and Vetter' if vetter else ''}",
        "",
        f"nomenklatura {ver['nomenklatura']} (followthemoney {ver['followthemoney']}, rigour {ver['rigour']}), "
        f"algorithm logic-v2, default ScoringConfig. OFAC SDN of 7 May 2024: {s['entries']} entries, "
        f"{s['persons']} individuals (Persons; entities are Organizations, which logic-v2 never matches to a Person "
        f"query), {s['dprk']} DPRK-linked. Weak aliases: {'plain aliases' if s['options']['weak_as_alias'] else 'weakAlias (exact match 0.8)'}.",
        "",
    ]
    if vetter:
        out += ["| what | nomenklatura logic-v2 | Vetter |", "|---|---|---|"]
        out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    else:
        out += ["| what | nomenklatura logic-v2 |", "|---|---|"]
        out += [f"| {a} | {b} |" for a, b, _ in rows]
    out += ["", "Time per part (queries; mean candidates scored; time per logic-v2 comparison):", ""]
    for part, t in s["timing"].items():
        out.append(f"- {part}: {t['queries']} queries, {t['ms_per_query']} ms per query, "
                   f"{t['candidates_per_query']} candidates, {t['us_per_comparison']} µs per comparison")
    out.append(f"- prefilter index of the {s['persons']} persons built in {s['index_seconds']} s")
    if s["prefilter_check"]:
        pc = s["prefilter_check"]
        out.append(f"- prefilter check: {pc['queries']} ordinary names scored against all {pc['entries']} persons: "
                   f"{len(pc['missed'])} hits ≥ 0.7 outside the prefilter {[m['query'] + ' → ' + m['entry'] for m in pc['missed']]}")
    out += ["", "Ordinary names by origin (≥ 0.9 / ≥ 0.7):", ""]
    for origin, b in O["by_origin"].items():
        out.append(f"- {origin}: {b['found']} / {b['found_0_7']} of {b['total']}")
    fmt_other = lambda r: (f"{r['best_other']['entry']} {r['best_other']['score']:.2f}" if r["best_other"] else "–")
    out += ["", "Listed spellings below 0.9, or with another entry higher:", ""]
    out += [f"- {r['query']} ({r['entry']}): own {r['own_score']:.2f}, best other {fmt_other(r)}"
            for r in results["listed"] if r["own_score"] < HIGH_SCORE or r["other_higher"]] or ["- none"]
    out += ["", "Other romanisations (own primary's score; best other candidate):", ""]
    out += [f"- {r['query']} for {r['entry']}: {r['own_score']:.2f}; {fmt_other(r)}"
            + (" — another entry higher" if r["other_higher"] else "")
            for r in sorted(results["variants"], key=lambda r: -r["own_score"])]
    out += ["", "Ordinary names with a hit ≥ 0.7:", ""]
    out += [f"- {r['origin']}: {r['query']} → " + "; ".join(f"{h['entry']} {h['score']:.2f}" for h in r["hits"][:3])
            for r in results["ordinary"] if r["hits"]] or ["- none"]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="target/suites/screening/data.json")
    parser.add_argument("--vetter", help="Vetter's results (JSON, shape in this file's docstring)")
    parser.add_argument("--out", required=True, help="Markdown output; the per-query JSON goes beside it")
    parser.add_argument("--weak-as-alias", action="store_true", help="OFAC's weak aliases as plain aliases")
    parser.add_argument("--check-prefilter", type=int, default=0, metavar="N",
                        help="score N ordinary names against every person to check the prefilter")
    args = parser.parse_args()
    vetter = json.loads(Path(args.vetter).read_text()) if args.vetter else None
    summary, results = run(args)
    out = Path(args.out)
    out.write_text(markdown(summary, results, vetter))
    out.with_suffix(".json").write_text(json.dumps({"summary": summary, "vetter": vetter, **results},
                                                   ensure_ascii=False, indent=1))
    print(json.dumps({k: summary[k] for k in ("listed", "variants", "ordinary", "ms_per_query")}, default=str),
          file=sys.stderr)


if __name__ == "__main__":
    main()
