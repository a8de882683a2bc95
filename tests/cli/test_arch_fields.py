"""Issue 10: secondment's `type` (standard | village), added through the secondment field table alone,
end to end: the option and its usage, the default, the check, list/show JSON, both secondment reports
in JSON, csv and Chinese, and the audit image."""
import csv
import io
import json
import unittest

from helpers import CliTest


class SecondmentTypeTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")

    def add(self, staff_no, *extra, start="2026-03-02", end="2026-12-31"):
        return self.ok("secondment", "add", staff_no, "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长",
                       "--start", start, "--end", end, "--batch", "b1", *extra).out.strip()

    def test_default_standard_and_village(self):
        standard = self.add("A1003")
        village = self.add("A1001", "--type", "village")
        rows = {r["id"]: r for r in self.json("secondment", "list")["secondments"]}
        self.assertEqual(rows[int(standard)]["type"], "standard")
        self.assertEqual(rows[int(village)]["type"], "village")
        # The new key comes after the ones before it: the existing order is kept.
        self.assertEqual(list(rows[int(village)])[-2:], ["status", "type"])
        self.assertEqual(self.json("secondment", "show", village)["secondment"]["type"], "village")
        one = self.json("report", "secondment", village, "--as-of", "2026-06-01")["secondment"]
        self.assertEqual((one["batch"], one["type"]), ("b1", "village"))
        batch = self.json("report", "secondments", "--as-of", "2026-06-01")["rows"]
        self.assertEqual([r["type"] for r in batch], ["standard", "village"])
        self.assertEqual(list(batch[0])[list(batch[0]).index("batch") + 1], "type")
        after = [json.loads(e["after"]) for e in self.json("audit", "log")["entries"] if e["entity"] == "secondment"]
        self.assertEqual([a["type"] for a in after], ["standard", "village"])

    def test_no_key_twice_in_any_secondment_output(self):
        """A field the table makes must not also be set by hand (JSON readers keep only the last)."""
        sid = self.add("A1001", "--type", "village")

        def unique(pairs):
            keys = [k for k, _ in pairs]
            self.assertEqual(len(keys), len(set(keys)), keys)
            return dict(pairs)

        for args in (("secondment", "list"), ("secondment", "show", sid),
                     ("report", "secondment", sid, "--as-of", "2026-06-01"),
                     ("report", "secondments", "--as-of", "2026-06-01")):
            json.loads(self.ok("--format", "json", *args).out, object_pairs_hook=unique)

    def test_misspelt_type_refused_naming_the_option(self):
        self.add("A1003")
        r = self.assertFailsUnchanged(3, "secondment", "add", "A1001", "--from", "QXFGW", "--to", "HXZ", "--post", "x",
                                      "--start", "2026-03-02", "--end", "2026-12-31", "--type", "vilage",
                                      message="--type")
        self.assertIn("vilage", r.err)
        self.assertIn("standard, village", r.err)
        self.assertFailsUnchanged(3, "secondment", "add", "A1001", "--from", "QXFGW", "--to", "HXZ", "--post", "x",
                                  "--start", "2026-03-02", "--end", "2026-12-31", "--type", "",
                                  message="--type")

    def test_usage_lists_the_option(self):
        usage = self.ok("secondment", "--help").out
        self.assertIn("[--batch B] [--direction down|up|across] [--type standard|village]   (prints the new id)",
                      usage)

    def test_chinese_labels_and_words(self):
        self.add("A1003")
        self.add("A1001", "--type", "village", start="2027-01-04", end="2027-06-30")
        table = self.ok("--lang", "zh", "secondment", "list").out
        self.assertIn("类型", table)
        self.assertIn("常规挂职", table)
        self.assertIn("驻村", table)
        text = self.ok("--lang", "zh", "--format", "csv", "report", "secondments", "--as-of", "2027-02-01").out
        rows = list(csv.reader(io.StringIO(text.split("\n\n")[1])))  # the block of rows, after the summary
        self.assertEqual(rows[0][rows[0].index("批次") + 1], "类型")
        self.assertEqual([r[rows[0].index("类型")] for r in rows[1:]], ["常规挂职", "驻村"])
        report = self.ok("--lang", "zh", "report", "secondment", "2", "--as-of", "2027-02-01").out
        self.assertRegex(report, r"类型\s+驻村")


if __name__ == "__main__":
    unittest.main()
