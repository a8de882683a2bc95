"""The training area on the typed API: the CLI names options, an import names its columns."""
import unittest

from helpers import CliTest


class TrainingTyped(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("unit", "add", "SZDX", "--name", "市委党校", "--kind", "party_school")
        self.ok("course", "add", "C1", "--title", "班", "--organizer", "SZDX", "--start", "2026-03-09",
                "--end", "2026-03-13", "--components", "exam:0.6,paper:0.4")

    def test_cli_names_the_option(self):
        self.assertFailsUnchanged(3, "course", "add", "C2", "--title", "班", "--organizer", "SZDX", "--start",
                                  "2026-03-13", "--end", "2026-03-09",
                                  message="--end: 2026-03-09 is before --start 2026-03-13")
        self.assertFailsUnchanged(3, "session", "add", "C1", "--date", "2026-03-20", "--start", "08:00", "--end",
                                  "10:00", "--title", "一", message="--date: 2026-03-20 is outside the course dates")
        self.assertFailsUnchanged(3, "course", "add", "C3", "--title", "班", "--organizer", "SZDX", "--start",
                                  "2026-03-09", "--end", "2026-03-13", "--components", "exam:0.5,exam:0.5",
                                  message="--components: exam is listed twice")

    def test_import_names_the_column(self):
        path = self.write("sessions.csv", "course,date,start,end,title\nC1,2026-03-09,8h,10:00,一\n"
                                          "C1,2026-03-09,10:00,09:00,二\n")
        r = self.assertFailsUnchanged(3, "import", "sessions", path)
        self.assertIn("start: not a time (HH:MM): 8h", r.err)
        self.assertIn("end: the session must end after it starts", r.err)
        self.assertNotIn("--", r.err)


if __name__ == "__main__":
    unittest.main()
