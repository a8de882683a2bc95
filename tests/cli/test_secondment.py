"""Secondment end to end: periods, check-ins, attlog import, leave, reports, evaluations, bad input."""
import os
import unittest

from helpers import EXAMPLES, CliTest


class SecondmentTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        self.sid = self.ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长",
                           "--start", "2026-03-02", "--end", "2026-12-31", "--batch", "b1").out.strip()
        self.assertTrue(self.sid.isdigit(), self.sid)

    def report(self, as_of, sid=None):
        return self.json("report", "secondment", sid or self.sid, "--as-of", as_of)

    def test_periods_and_status(self):
        rows = self.json("secondment", "list", "--active-on", "2026-03-02")["secondments"]
        self.assertEqual([r["staff_no"] for r in rows], ["A1003"])
        self.assertEqual(self.json("secondment", "list", "--active-on", "2026-03-01")["secondments"], [])
        self.ok("secondment", "extend", self.sid, "--until", "2027-03-01", "--reason", "镇里需要")
        show = self.json("secondment", "show", self.sid)
        self.assertEqual(show["secondment"]["end"], "2027-03-01")
        self.assertEqual(show["extensions"][0]["previous_end"], "2026-12-31")
        self.assertEqual(self.report("2026-02-01")["secondment"]["status"], "planned")
        active = self.report("2026-06-01")["secondment"]
        self.assertEqual(active["status"], "active")
        # The summary names the units as well as their codes.
        self.assertEqual((active["host"], active["host_name"]), ("HXZ", "河西镇人民政府"))
        self.assertEqual((active["home"], active["home_name"]), ("QXFGW", "青溪区发展和改革局"))
        self.assertEqual(self.report("2027-03-02")["secondment"]["status"], "completed")
        self.ok("secondment", "end", self.sid, "--on", "2026-09-30", "--reason", "召回", "--decided-by", "区委组织部")
        r = self.report("2026-10-01")
        self.assertEqual(r["secondment"]["status"], "terminated")
        self.assertEqual(r["secondment"]["end"], "2026-09-30")

    def test_checkin_local_day_and_duplicates(self):
        r = self.json("checkin", "A1003", "--at", "2026-03-03T01:00:00+08:00", "--place", "镇政府",
                      "--lat", "30.1", "--lon", "120.2")
        self.assertEqual(r["day"], "2026-03-03")
        self.assertFalse(r["duplicate"])
        self.assertTrue(self.json("checkin", "A1003", "--at", "2026-03-03T01:00:59+08:00")["duplicate"])
        rep = self.report("2026-03-03")
        self.assertEqual((rep["working_days"], rep["present_days"]), (2, 1))

    def test_csv_and_attlog_import(self):
        csv = self.write("c.csv", "staff_no,at,kind,place,lat,lon\n"
                                  "A1003,2026-03-02T08:30:00+08:00,on_duty,镇政府,,\n"
                                  "A1003,2026-03-02T08:30:30+08:00,field,,,\n"
                                  "A1003,2026-03-04T08:30:00,meeting,,30.1,120.2\n")
        r = self.json("import", "checkins", csv)
        self.assertEqual((r["rows"], r["written"], r["duplicates"]), (3, 2, 1))
        self.ok("person", "list")
        att = self.write("1_attlog.dat", "SN0001\r\n      7\t2026-03-05 08:01:02\t1\t0\t1\t0\r\n"
                                         "  7 \t 2026-03-05 17:31:00\t1\t1\t15\t0\r\nCHK:9A9A\r\n")
        dmap = self.write("map.csv", "pin,staff_no\n7,A1003\n")
        r = self.json("import", "checkins", att, "--input-format", "zkteco", "--device-map", dmap)
        self.assertEqual((r["rows"], r["written"], r["duplicates"]), (2, 2, 0))
        r = self.json("import", "checkins", att, "--input-format", "zkteco", "--device-map", dmap)
        self.assertEqual((r["written"], r["duplicates"]), (0, 2))
        self.assertEqual(self.report("2026-03-05")["present_days"], 3)

    def test_leave_levels_and_return(self):
        three = self.ok("leave", "request", self.sid, "--from", "2026-03-10", "--to", "2026-03-12",
                        "--kind", "personal").out.strip()
        self.ok("leave", "approve", three, "--by", "镇长", "--level", "host")
        four = self.ok("leave", "request", self.sid, "--from", "2026-04-07", "--to", "2026-04-10",
                       "--kind", "sick").out.strip()
        self.assertFailsUnchanged(5, "leave", "approve", four, "--by", "镇长", "--level", "host",
                                  message="district")
        self.ok("leave", "approve", four, "--by", "区委组织部", "--level", "district")
        self.ok("leave", "return", four, "--on", "2026-04-09")
        rep = self.report("2026-04-30")
        self.assertEqual(rep["leave_days"], 3 + 2)
        self.assertEqual([l["days"] for l in rep["leaves"]], [3, 2])

    def test_reports_evaluations_and_quota(self):
        self.ok("log", "add", self.sid, "--month", "2026-03", "--text", "三月", "--on", "2026-04-05")
        rep = self.report("2026-04-06")
        self.assertEqual([a["code"] for a in rep["alerts"] if a["code"] == "monthly_report_missing"], [])
        rep = self.report("2026-05-06")
        self.assertIn("monthly_report_missing", [a["code"] for a in rep["alerts"]])
        for rater, s in (("host", 92), ("org", 80)):
            self.ok("evaluate", self.sid, "--period", "midterm", "--rater", rater, "--conduct", s, "--competence", s,
                    "--diligence", s, "--performance", s, "--integrity", s)
        rep = self.report("2026-05-06")
        self.assertAlmostEqual(rep["overall"]["score"], 92 * 2 / 3 + 80 / 3, places=1)
        self.assertEqual(rep["overall"]["grade"], "competent")
        self.assertEqual(len(rep["dimensions"]), 5)
        for key in ("secondment", "as_of", "working_days", "leave_days", "present_days", "presence_rate", "months",
                    "evaluations", "overall", "alerts"):
            self.assertIn(key, rep)
        # Issue 12 adds trips and make-ups to the monthly chart: the rows gain their figures.
        self.assertEqual(set(rep["months"][0]), {"month", "working_days", "present_days", "leave_days",
                                                 "report_filed", "presence_rate", "trip_days", "makeup_days",
                                                 "makeups", "days_in_post"})
        group = self.json("report", "secondments", "--batch", "b1", "--as-of", "2026-05-06")
        self.assertEqual(len(group["rows"]), 1)
        self.assertEqual(group["excellent_share"], 0.0)
        for fmt in ("table", "csv", "md", "html"):
            self.ok("--format", fmt, "report", "secondments", "--as-of", "2026-05-06")
            self.ok("--format", fmt, "report", "secondment", self.sid, "--as-of", "2026-05-06")

    def test_bad_input_changes_nothing(self):
        self.ok("checkin", "A1003", "--at", "2026-03-02T09:00:00+08:00")
        lid = self.ok("leave", "request", self.sid, "--from", "2026-03-10", "--to", "2026-03-12",
                      "--kind", "personal").out.strip()
        self.ok("leave", "approve", lid, "--by", "镇长", "--level", "host")
        bad = [
            (3, ["checkin", "A1003", "--at", "2026-03-01T23:59:00+08:00"], "outside every secondment"),
            (3, ["checkin", "A1003", "--at", "2027-01-01T08:00:00+08:00"], "outside every secondment"),
            (3, ["checkin", "A1003", "--lat", "95", "--lon", "120", "--at", "2026-03-03T09:00:00+08:00"], "--lat"),
            (5, ["leave", "request", self.sid, "--from", "2026-03-12", "--to", "2026-03-13", "--kind", "sick"],
             "overlaps"),
            (5, ["leave", "request", self.sid, "--from", "2026-12-30", "--to", "2027-01-02", "--kind", "sick"],
             "outside"),
            (3, ["evaluate", self.sid, "--period", "m", "--rater", "host", "--conduct", "101", "--competence", "90",
                 "--diligence", "90", "--performance", "90", "--integrity", "90"], "--conduct"),
            (3, ["evaluate", self.sid, "--period", "m", "--rater", "host", "--conduct", "-5", "--competence", "90",
                 "--diligence", "90", "--performance", "90", "--integrity", "90"], "--conduct"),
            (3, ["evaluate", self.sid, "--period", "m", "--rater", "peer", "--conduct", "90", "--competence", "90",
                 "--diligence", "90", "--performance", "90", "--integrity", "90"], "--rater"),
            (5, ["secondment", "add", "A1003", "--from", "QXFGW", "--to", "DSZ", "--post", "x", "--start",
                 "2026-12-31", "--end", "2027-06-30"], "overlapping"),
            (3, ["secondment", "add", "A1004", "--from", "HXZ", "--to", "DSZ", "--post", "x", "--start",
                 "2026-05-01", "--end", "2026-04-30"], "before"),
            (4, ["secondment", "show", "999"], "unknown secondment"),
            (5, ["log", "add", self.sid, "--month", "2026-03", "--text", "again", "--on", "2026-04-01"], None),
        ]
        self.ok("log", "add", self.sid, "--month", "2026-03", "--text", "x", "--on", "2026-04-01")
        for code, args, message in bad:
            with self.subTest(args=args):
                self.assertFailsUnchanged(code, *args, message=message)

    def test_bad_files_change_nothing(self):
        dmap = self.write("map.csv", "pin,staff_no\n7,A1003\n")
        bad_line = self.write("a.dat", "7\t2026-03-05 08:01:02\t1\t0\t1\t0\n7\t2026-03-05 8:01\t1\t0\t1\t0\n")
        r = self.assertFailsUnchanged(3, "import", "checkins", bad_line, "--input-format", "zkteco",
                                      "--device-map", dmap)
        self.assertIn("a.dat:2:", r.err)
        no_pin = self.write("b.dat", "7\t2026-03-05 08:01:02\t1\t0\t1\t0\n     8\t2026-03-05 08:01:02\t1\t0\t1\t0\n")
        r = self.assertFailsUnchanged(3, "import", "checkins", no_pin, "--input-format", "zkteco",
                                      "--device-map", dmap)
        self.assertIn("b.dat:2:", r.err)
        self.assertIn("PIN 8", r.err)
        outside = self.write("c.csv", "staff_no,at\nA1003,2026-03-05T08:00:00+08:00\nA1003,2026-02-05T08:00:00+08:00\n")
        r = self.assertFailsUnchanged(3, "import", "checkins", outside)
        self.assertIn("c.csv:3:", r.err)

    def test_examples_load(self):
        # The example check-ins belong to the demo batch: load it as scripts/demo does.
        for staff, home in (("A1001", "QXFGW"), ("A1002", "QXGOV"), ("A1007", "QXORG"), ("A1009", "QXGOV")):
            self.ok("secondment", "add", staff, "--from", home, "--to", "DSZ", "--post", "挂职", "--start",
                    "2026-03-02", "--end", "2027-03-01")
        self.ok("secondment", "extend", self.sid, "--until", "2027-03-01", "--reason", "x")
        r = self.json("import", "checkins", os.path.join(EXAMPLES, "checkins.csv"))
        self.assertGreater(r["written"], 200)
        r = self.json("import", "checkins", os.path.join(EXAMPLES, "1_attlog.dat"), "--input-format", "zkteco",
                      "--device-map", os.path.join(EXAMPLES, "device-map.csv"))
        self.assertEqual(r["written"], 50)
        rows = self.json("report", "secondments", "--as-of", "2026-06-10")["rows"]
        self.assertEqual(len(rows), 5)
        self.ok("db", "check")


if __name__ == "__main__":
    unittest.main()
