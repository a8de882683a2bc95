"""Issue 10, item 1: the people, calendar and audit commands parse their options in the CLI and hand
the library typed values; each surface names a field its own way (option, column)."""
from helpers import CliTest


class TypedPeople(CliTest):
    def test_birth_is_parsed_by_the_cli_and_a_blank_one_clears_it(self):
        self.load_examples("units")
        self.ok("person", "add", "P1", "--name", "A", "--unit", "QXGOV", "--birth", "1990-01-01")
        self.assertEqual(self.json("person", "show", "P1")["person"]["birth"], "1990-01-01")
        self.assertFailsUnchanged(3, "person", "update", "P1", "--birth", "1990-02-30", message="--birth: no such date")
        self.ok("person", "update", "P1", "--birth", "")
        self.assertIsNone(self.json("person", "show", "P1")["person"]["birth"])

    def test_an_import_names_the_column(self):
        self.load_examples("units")
        bad = self.write("people.csv", "staff_no,name,unit,id_number\nP1,A,QXGOV,12345\n")
        self.assertFailsUnchanged(3, "import", "people", bad, message="people.csv:2: id_number: not a resident ID")
        cal = self.write("cal.csv", "date,kind\n2027-01-01,holiday\n2027-01-01,holiday\n")
        self.assertFailsUnchanged(5, "calendar", "import", cal, message="cal.csv:3: date: 2027-01-01 appears twice")

    def test_calendar_and_audit_dates(self):
        self.assertFailsUnchanged(3, "calendar", "show", "2026-13", message="YYYY-MM: not a month")
        self.assertFailsUnchanged(3, "calendar", "workdays", "2026-03-01", "2026-02-01",
                                  message="TO (2026-02-01) is before FROM (2026-03-01)")
        self.assertFailsUnchanged(3, "calendar", "workdays", "2026-02-30", "2026-03-01", message="FROM: no such date")
        self.assertFailsUnchanged(3, "audit", "log", "--since", "yesterday", message="--since: not a date")
        self.assertEqual(self.json("audit", "log", "--since", "2199-01-01")["entries"], [])
