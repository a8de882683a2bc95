"""Issue 10, item 6: the CLI's usage texts and errors read the library's registries.

Report kinds (lib/src/compose/registry.cpp), import kinds (lib/src/io/import.cpp) and enum values
(lib/src/util/enums.hpp) are listed once; the texts below are what the CLI showed before they were.
"""
from helpers import CliTest


class Registries(CliTest):
    def test_report_usage_one_line_per_report_kind(self):
        out = self.ok("report", "--help").out
        self.assertEqual(out.splitlines(), [
            "usage: cadre report course CODE [--as-of DATE]",
            "       cadre report person STAFF_NO [--as-of DATE]",
            "       cadre report secondment ID [--as-of DATE]",
            "       cadre report secondments [--batch B] [--host UNIT] [--as-of DATE]",
            "       cadre report hours --year Y [--unit CODE]",
            "       cadre report summary ID [--as-of DATE]",
            "       cadre report summary --batch B -o DIR [--as-of DATE]   (html or docx: one file per secondee)",
            "       cadre report callup COURSE [--as-of DATE]",
            "Any report: --format table|json|csv|md|html|xlsx (xlsx with -o FILE), --lang en|zh.",
        ])

    def test_command_table_summaries(self):
        out = self.ok("help").out
        self.assertIn("  report      course | person | secondment | secondments | hours | summary | callup\n", out)
        self.assertIn("  import      units|people|courses|sessions|enrolments|attendance|checkins|secondments|leave|evaluations|assessments|feedback|hours|trips|tasks|logs|quotas|nominations|arrivals FILE\n", out)
        self.assertIn("  hours       add STAFF_NO --date D --hours H --kind online|external\n", out)

    def test_the_c_api_lists_stay_out_of_the_cli_report(self):
        for kind in ("courses", "units", "calendar", "secondment_list", "certificate", "certificate_show"):
            self.assertFailsUnchanged(
                2, "report", kind,
                message=f"report: unknown kind {kind} (course, person, secondment, secondments, hours, summary, callup)")
        r = self.assertFailsUnchanged(2, "--lang", "zh", "report", "nope")
        self.assertIn("report：未知的报表类型 nope（可选 course、person、secondment、secondments、hours、summary、callup）", r.err)

    def test_report_keys_positional_or_option_as_listed(self):
        self.ok("db", "init")
        self.assertEqual(self.run_cli("report", "course").code, 2)       # the key CODE is required
        self.assertEqual(self.run_cli("report", "hours").code, 2)        # its key is --year
        self.assertEqual(self.run_cli("report", "secondments", "B1").code, 2)  # no positional key
        self.assertEqual(self.json("report", "secondments", "--batch", "B1")["batch"], "B1")
        self.assertEqual(self.json("report", "hours", "--year", "2025")["year"], 2025)

    def test_import_usage_and_unknown_kind(self):
        self.assertIn("usage: cadre import units|people|courses|sessions|enrolments|attendance|checkins|secondments|leave|evaluations|assessments|feedback|hours|trips|tasks|logs|quotas|nominations|arrivals FILE",
                      self.ok("import", "--help").out)
        path = self.write("x.csv", "a\n1\n")
        self.assertFailsUnchanged(
            2, "import", "nope", path,
            message="import: unknown kind nope (units, people, courses, sessions, enrolments, attendance, checkins, secondments, leave, evaluations, assessments, feedback, hours, trips, tasks, logs, quotas, nominations, arrivals)")
        r = self.assertFailsUnchanged(2, "--lang", "zh", "import", "nope", path)
        self.assertIn("import：未知的导入类型 nope（可选 units、people、courses、sessions、enrolments、attendance、checkins、secondments、leave、evaluations、assessments、feedback、hours、trips、tasks、logs、quotas、nominations、arrivals）",
                      r.err)

    def test_usage_texts_list_the_enum_values(self):
        self.assertIn("--status present|late|left_early|leave|absent [--note N]", self.ok("attend", "--help").out)
        self.assertIn("--kind online|external [--title T]", self.ok("hours", "--help").out)
        self.assertIn("[--tier leader|general]", self.ok("person", "--help").out)
        self.assertIn("[--gender m|f]", self.ok("person", "--help").out)
        self.assertIn("kind holiday|workday)", self.ok("calendar", "--help").out)
