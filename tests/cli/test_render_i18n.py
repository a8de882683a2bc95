"""Every user-facing message in lib/ and cli/ can be shown in Chinese.

Run `python3 tests/cli/i18n_scan.py` to list what is missing. This test fails for ANY source file in lib/ and
cli/ with a message template that has no entry in lib/src/i18n/catalogue_zh.cpp, or with a message built from
a bare English literal (`"course " + code + " added"`) that bypasses msg/fail/translate/tr.
"""
import os
import sys
import tempfile
import unittest

from helpers import SOURCE

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18n_scan  # noqa: E402


class CatalogueTest(unittest.TestCase):
    def test_every_template_is_translated(self):
        gaps = i18n_scan.missing(SOURCE)
        listing = "\n".join(f"{f}:{line}: {t!r}" for f, items in sorted(gaps.items()) for line, t in items)
        self.assertEqual(gaps, {}, "message templates without a zh catalogue entry:\n" + listing)

    def test_no_message_is_a_bare_literal(self):
        bare = i18n_scan.untranslated(SOURCE)
        listing = "\n".join(f"{f}:{line}: {t!r}" for f, line, t in bare)
        self.assertEqual(bare, [], "messages built from bare literals (use msg/fail/tr):\n" + listing)

    def test_scanner_finds_templates(self):
        # The scan must be able to fail: it sees the templates of a known file.
        found = [t for _, t in i18n_scan.templates_in(os.path.join(SOURCE, "lib", "src", "util", "dates.cpp"))]
        self.assertIn("{}: not a date (YYYY-MM-DD): {}", found)
        found = [t for _, t in i18n_scan.templates_in(os.path.join(SOURCE, "cli", "cmd_db.cpp"))]
        self.assertIn("audit chain intact ({} entries)", found)

    def test_scanner_finds_gaps_and_bare_literals(self):
        # A copy of the catalogue plus a source file with one new template and three bare-literal messages.
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "lib", "src", "i18n"))
            os.makedirs(os.path.join(d, "cli"))
            with open(os.path.join(SOURCE, "lib", "src", "i18n", "catalogue_zh.cpp"), encoding="utf-8") as f:
                cat = f.read()
            with open(os.path.join(d, "lib", "src", "i18n", "catalogue_zh.cpp"), "w", encoding="utf-8") as f:
                f.write(cat)
            with open(os.path.join(d, "cli", "cmd_x.cpp"), "w", encoding="utf-8") as f:
                f.write('void f(Context& ctx) {\n'
                        '  ctx.done(tr("course {} added", code));\n'
                        '  ctx.done(tr("widget {} frobbed", code));\n'
                        '  ctx.done("course " + code + " added");\n'
                        '  ctx.done(a.staff_no + " withdrawn");\n'
                        '  throw Error(Errc::storage, "cannot write " + path, "-o");\n'
                        '  throw Error(Errc::storage, tr("cannot write {}", path), "-o");\n'
                        '  ctx.done(key + " = " + value);\n'
                        '}\n')
            gaps = i18n_scan.missing(d)
            self.assertEqual(gaps, {"cli/cmd_x.cpp": [(3, "widget {} frobbed")]})
            bare = i18n_scan.untranslated(d)
            self.assertEqual([(line, t) for _, line, t in bare],
                             [(4, "course  added"), (5, " withdrawn"), (6, "cannot write ")])

    def test_catalogue_source_sorted_and_unique(self):
        ids = i18n_scan.catalogue_ids(SOURCE)
        self.assertGreater(len(ids), 500)
        self.assertEqual(len(ids), len(set(ids)), "duplicate ids")
        self.assertEqual(ids, sorted(ids, key=lambda s: s.encode()), "catalogue_zh.cpp is not sorted by id")


if __name__ == "__main__":
    unittest.main()
