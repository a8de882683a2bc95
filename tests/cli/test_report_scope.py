"""Issue 11, item 4: `report secondments --batch/--host` reads only the selected secondments' facts
(check-ins, leave, trips, make-ups, spot checks, reports, evaluations), and a filtered report's
figures are exactly the same rows of the whole report; `report secondment ID` agrees with its row."""
from helpers import CliTest

AS_OF = "2026-05-31"
# staff, home, host, batch
PEOPLE = [("A1001", "QXFGW", "HXZ", "b1"), ("A1002", "QXGOV", "HXZ", "b1"), ("A1003", "QXFGW", "DSZ", "b2"),
          ("A1007", "QXORG", "DSZ", "b2"), ("A1009", "QXGOV", "HXZ", "b2")]


class ReportScopeTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        self.ids = {}
        for n, (staff, home, host, batch) in enumerate(PEOPLE):
            sid = self.ok("secondment", "add", staff, "--from", home, "--to", host, "--post", "副镇长",
                          "--start", "2026-03-02", "--end", "2027-03-01", "--batch", batch).out.strip()
            self.ids[staff] = sid
            # Different facts for each: check-ins on n+1 days a week, a make-up, a trip, leave, reports.
            for day in range(2, 28):
                if day % 7 <= n:
                    self.ok("checkin", staff, "--at", f"2026-03-{day:02d}T08:3{n}:00")
            self.ok("checkin", staff, "--at", f"2026-04-0{n + 1}T09:00:00", "--makeup", "--reason", "忘记打卡",
                    "--approved-by", "李书记")
            self.ok("trip", "add", sid, "--from", f"2026-04-{10 + n}", "--to", f"2026-04-{11 + n}",
                    "--purpose", "开会")
            if n % 2 == 0:
                leave = self.ok("leave", "request", sid, "--from", "2026-05-11", "--to", "2026-05-12",
                                "--kind", "sick").out.strip()
                self.ok("leave", "approve", leave, "--by", "镇党委", "--level", "host")
            if n != 2:
                self.ok("log", "add", sid, "--month", "2026-03", "--text", "三月小结", "--on", "2026-04-03")
            self.ok("spotcheck", "add", sid, "--on", "2026-04-20", "--result", "absent" if n == 1 else "present")
            self.ok("evaluate", sid, "--period", "midterm", "--rater", "host", "--conduct", str(95 - n),
                    "--competence", "92", "--diligence", "93", "--performance", "94", "--integrity", "95")

    def full(self):
        return self.json("report", "secondments", "--as-of", AS_OF)

    def check_subset(self, part, staff):
        full = self.full()
        ids = {int(self.ids[s]) for s in staff}
        self.assertEqual(len(full["rows"]), len(PEOPLE))
        self.assertEqual([r for r in full["rows"] if r["id"] in ids], part["rows"])
        self.assertEqual(len(part["rows"]), len(staff))
        personal = lambda report: [a for a in report["alerts"] if a["id"] is not None]
        self.assertEqual([a for a in personal(full) if a["id"] in ids], personal(part))
        self.assertTrue(personal(part))  # the facts give each some alert: the comparison is not of nothing

    def test_batch_rows_equal_the_same_rows_of_the_full_report(self):
        part = self.json("report", "secondments", "--batch", "b2", "--as-of", AS_OF)
        self.check_subset(part, ["A1003", "A1007", "A1009"])
        graded = [r for r in part["rows"] if r["overall_grade"] is not None]
        self.assertEqual(part["graded"], len(graded))
        self.assertEqual(part["excellent"], sum(r["overall_grade"] == "excellent" for r in graded))
        # The figures differ from one secondee to the next, so a row read for another id would show.
        self.assertEqual(len({(r["present_days"], r["makeup_days"], r["trip_days"]) for r in part["rows"]}), 3)

    def test_host_and_batch_with_host(self):
        self.check_subset(self.json("report", "secondments", "--host", "HXZ", "--as-of", AS_OF),
                          ["A1001", "A1002", "A1009"])
        self.check_subset(self.json("report", "secondments", "--batch", "b2", "--host", "HXZ", "--as-of", AS_OF),
                          ["A1009"])

    def test_report_secondment_agrees_with_its_row(self):
        rows = {r["id"]: r for r in self.full()["rows"]}
        for staff, sid in self.ids.items():
            one = self.json("report", "secondment", sid, "--as-of", AS_OF)
            row = rows[int(sid)]
            for key in ("working_days", "leave_days", "present_days", "presence_rate", "trip_days", "makeup_days",
                        "days_in_post", "spot_check_absences"):
                self.assertEqual(one[key], row[key], f"{staff} {key}")

    def test_unknown_batch_is_an_empty_report(self):
        part = self.json("report", "secondments", "--batch", "none-such", "--as-of", AS_OF)
        self.assertEqual((part["rows"], part["graded"]), ([], 0))
