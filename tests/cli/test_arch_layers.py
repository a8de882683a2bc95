"""Issue 10, item 4: the areas of the library include each other one way only.

An area is a folder of lib/src (or cli/); a public header lib/include/cadre/X.hpp belongs to the
area named in PUBLIC below. Every #include "..." between two areas is an edge of the area graph; the
test fails listing every cycle and every edge that goes up the declared order (LAYERS). Areas in one
layer may include each other one way (a cycle among them still fails).

Run it alone to print the graph: python3 tests/cli/test_arch_layers.py --graph
"""
import os
import re
import sys
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("CADRE_SOURCE") or Path(__file__).resolve().parents[2])

# Lowest first. base: the export macro and the one error type, which everything throws.
# report: the presentation model and its renderers (every area returns a Report).
# compose: what puts several domains together (the report kinds' registry);
# io: the import dispatcher and the file readers (CSV, ZKTeco attlog) with each kind's importer;
# settings: `settings set` (audited; a new time zone moves the check-ins' days). The store reads
# the settings (store/settings_internal.hpp) for every area.
LAYERS = [
    ["base"],
    ["i18n"],
    ["util"],
    ["report"],
    ["store"],
    ["audit"],
    ["people", "calendar", "secondment", "training"],
    ["io", "compose", "settings"],
    ["capi"],
    ["cli"],
]

# Within the domain layer a domain may read the reference data (people, the calendar) and nothing
# else: what puts two domains together is a composition in compose/ (`report person` reads the
# training record and the secondments there).
DOMAINS = ["people", "calendar", "secondment", "training"]
REFERENCE = {"people", "calendar"}

PUBLIC = {
    "export.hpp": "base", "error.hpp": "base",
    "i18n.hpp": "i18n",
    "text.hpp": "util", "types.hpp": "util", "parse.hpp": "util", "enums.hpp": "util",
    "model.hpp": "report", "render.hpp": "report",
    "database.hpp": "store",
    "audit.hpp": "audit",
    "settings.hpp": "settings",
    "people.hpp": "people",
    "calendar.hpp": "calendar",
    "secondment.hpp": "secondment", "task.hpp": "secondment",
    "training.hpp": "training", "training_report.hpp": "training", "callup.hpp": "training",
    "certificate.hpp": "training",
    "secondment_report.hpp": "secondment", "summary_report.hpp": "secondment",
    "import.hpp": "io",
    "report.hpp": "compose",
    "cadre.h": "capi",
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def area_of(path):
    rel = path.relative_to(ROOT).parts
    if rel[:3] == ("lib", "include", "cadre"):
        return PUBLIC.get(rel[3])
    if rel[:2] == ("lib", "src"):
        return rel[2]
    if rel[0] == "cli":
        return "cli"
    return None


def sources():
    files = [p for p in (ROOT / "lib" / "src").rglob("*") if p.suffix in (".cpp", ".hpp", ".h")]
    files += sorted((ROOT / "lib" / "include" / "cadre").glob("*"))
    files += [p for p in (ROOT / "cli").glob("*") if p.suffix in (".cpp", ".hpp")]
    return sorted(files)


def resolve(including, name):
    for base in (including.parent, ROOT / "lib" / "src", ROOT / "lib" / "include"):
        if (base / name).is_file():
            return (base / name).resolve()
    return None


def graph():
    """{(from, to): [\"file -> include\", ...]} over areas, and the files no area claims."""
    edges, unmapped = {}, []
    for f in sources():
        a = area_of(f)
        if a is None:
            unmapped.append(str(f.relative_to(ROOT)))
            continue
        for name in INCLUDE.findall(f.read_text(encoding="utf-8")):
            target = resolve(f, name)
            if target is None:
                continue  # a third-party header in quotes
            b = area_of(target)
            if b is None:
                unmapped.append(str(target.relative_to(ROOT)))
            elif b != a:
                edges.setdefault((a, b), []).append(f"{f.relative_to(ROOT)} -> {name}")
    return edges, sorted(set(unmapped))


def cycles(edges):
    """The areas caught in include cycles: every strongly connected part of the area graph with
    more than one area, each sorted, smallest first (Tarjan)."""
    succ = {}
    for a, b in edges:
        succ.setdefault(a, set()).add(b)
        succ.setdefault(b, set())
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(succ[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(succ):
        if v not in index:
            visit(v)
    return sorted(found)


def rank():
    return {area: i for i, layer in enumerate(LAYERS) for area in layer}


def upward(edges):
    r = rank()
    return {e: why for e, why in edges.items() if r.get(e[0], -1) < r.get(e[1], -1)}


def sideways(edges):
    """The edges from one domain to another that is not reference data."""
    return {(a, b): why for (a, b), why in edges.items() if a in DOMAINS and b in DOMAINS and b not in REFERENCE}


def listing(edges):
    """Each edge and the includes that make it, one a line."""
    lines = []
    for (a, b), why in sorted(edges.items()):
        lines.append(f"{a} -> {b}")
        lines += [f"    {w}" for w in why]
    return "\n".join(lines)


class Layers(unittest.TestCase):
    def setUp(self):
        self.edges, self.unmapped = graph()

    def test_every_area_is_in_a_layer(self):
        self.assertEqual(self.unmapped, [], "files no area claims (add them to PUBLIC or a folder)")
        areas = {a for e in self.edges for a in e}
        self.assertEqual(sorted(areas - set(rank())), [], "areas missing from LAYERS")

    def test_no_cycle_between_areas(self):
        found = cycles(self.edges)
        report = []
        for part in found:
            report.append("cycle among " + ", ".join(part) + ":")
            for (a, b), why in sorted(self.edges.items()):
                if a in part and b in part:
                    report += [f"  {a} -> {b}"] + [f"      {w}" for w in why]
        self.assertEqual(found, [], "include cycles between areas:\n" + "\n".join(report))

    def test_no_include_goes_up_the_layers(self):
        up = upward(self.edges)
        self.assertEqual(sorted(up), [], "includes going up the layers:\n" + listing(up))

    def test_domains_include_only_reference_data(self):
        self.assertIn(DOMAINS, LAYERS)
        found = sideways(self.edges)
        self.assertEqual(sorted(found), [], "a domain includes another (compose them instead):\n" + listing(found))

    def test_the_checker_sees_a_sideways_edge(self):
        edges = {("training", "secondment"): [], ("secondment", "people"): [], ("compose", "training"): []}
        self.assertEqual(sorted(sideways(edges)), [("training", "secondment")])

    def test_the_checker_sees_a_cycle(self):
        self.assertEqual(cycles({("a", "b"): [], ("b", "c"): [], ("c", "a"): [], ("c", "d"): []}),
                         [["a", "b", "c"]])


if __name__ == "__main__":
    if "--graph" in sys.argv:
        edges, unmapped = graph()
        for (a, b), why in sorted(edges.items()):
            print(f"{a} -> {b}  ({len(why)})")
        print("cycles:")
        for part in cycles(edges):
            print("  " + ", ".join(part))
            for (a, b), why in sorted(edges.items()):
                if a in part and b in part:
                    print(f"    {a} -> {b}: " + "; ".join(why))
        print("upward:")
        for (a, b), why in sorted(upward(edges).items()):
            print(f"  {a} -> {b}: " + "; ".join(why))
        print("sideways:")
        for (a, b), why in sorted(sideways(edges).items()):
            print(f"  {a} -> {b}: " + "; ".join(why))
        print("unmapped:", unmapped)
    else:
        unittest.main()
