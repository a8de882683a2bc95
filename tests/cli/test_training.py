"""Training end to end: the example class, reports in JSON, bad input changing nothing, imports, ICS."""
import datetime
import json
import os
import unittest

import icalendar

from helpers import EXAMPLES, CliTest


class TrainingBase(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")
        self.load_examples("units", "people")

    def small_course(self, code="C1", *extra):
        self.ok("course", "add", code, "--title", "测试班", "--organizer", "SZDX",
                "--start", "2026-03-09", "--end", "2026-03-13", *extra)


class ExampleClassTest(TrainingBase):
    def setUp(self):
        super().setUp()
        self.load_examples("courses", "sessions", "enrolments", "attendance")

    def test_report_course_fields(self):
        with open(os.path.join(EXAMPLES, "assessments.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()[1:]
        for line in lines:
            course, staff_no, component, score = line.split(",")
            self.ok("assess", course, staff_no, "--component", component, "--score", score)
        self.ok("feedback", "QN2026-1", "1", "--by", "A1001", "--relevance", "18", "--theory", "19",
                "--information", "17", "--delivery", "16", "--manner", "20")
        r = self.json("report", "course", "QN2026-1")
        self.assertEqual(set(r["course"]), {"code", "title", "start", "end", "total_hours", "organizer", "pass_mark",
                                            "max_leave_ratio", "max_absence_hours", "type"})
        self.assertEqual(r["course"]["total_hours"], 35)
        for key in ("enrolled", "completed", "completion_rate", "grades"):
            self.assertIn(key, r["summary"])
        self.assertEqual(set(r["summary"]["grades"]), {"excellent", "good", "pass", "fail"})
        self.assertEqual(r["summary"]["enrolled"], 10)
        trainees = {t["staff_no"]: t for t in r["trainees"]}
        for key in ("staff_no", "name", "scheduled_hours", "attended_hours", "leave_hours", "absent_hours",
                    "attendance_rate", "final_score", "grade", "completed", "reasons"):
            self.assertIn(key, trainees["A1001"])
        self.assertEqual(trainees["A1004"]["leave_hours"], 3.5)  # 3.5 of 35: within 1/7
        self.assertTrue(trainees["A1004"]["completed"])
        self.assertEqual(trainees["A1006"]["reasons"], ["unexcused_absence"])
        self.assertEqual(trainees["A1008"]["reasons"], ["below_pass_mark"])
        self.assertAlmostEqual(trainees["A1001"]["final_score"], 93.2)
        self.assertEqual(trainees["A1001"]["grade"], "excellent")
        self.assertEqual(r["feedback"]["responses"], 1)
        self.assertEqual(r["feedback"]["total"], 90)
        for key in ("relevance", "theory", "information", "delivery", "manner"):
            self.assertIn(key, r["feedback"])
        self.assertEqual(r["sessions"][0]["instructor"], "王教授")
        self.assertEqual(r["sessions"][0]["late"], 1)
        self.assertEqual(sum(g["count"] for g in r["grade_distribution"]), 10)
        html = self.ok("--format", "html", "report", "course", "QN2026-1").out
        self.assertIn("王建国", html)
        self.ok("--format", "md", "report", "course", "QN2026-1")
        self.ok("--format", "csv", "report", "course", "QN2026-1")

    def test_person_and_hours(self):
        p = self.json("report", "person", "A1001")
        self.assertEqual(p["person"]["staff_no"], "A1001")
        self.assertEqual([c["code"] for c in p["courses"]], ["LD2025-4", "QN2026-1"])
        for key in ("code", "title", "organizer", "start", "end", "attended_hours", "grade", "completed"):
            self.assertIn(key, p["courses"][0])
        # LD2025-4 has no components: completing it is a pass; QN2026-1 is not assessed yet.
        self.assertEqual(p["courses"][0]["grade"], "pass")
        self.assertEqual(p["courses"][1]["completed"], False)
        hours = {h["year"]: h for h in p["hours"]}
        self.assertEqual(hours[2025]["centralised_hours"], 6)  # the course across 31 December
        self.assertEqual(hours[2026]["centralised_hours"], 6)
        self.assertEqual(p["secondments"], [])

        self.ok("hours", "add", "A1002", "--date", "2026-04-01", "--hours", "90", "--kind", "external")
        self.ok("hours", "add", "A1002", "--date", "2026-04-02", "--hours", "49.5", "--kind", "online")
        h = self.json("report", "hours", "--year", "2026")
        self.assertEqual(h["year"], 2026)
        rows = {row["staff_no"]: row for row in h["people"]}
        self.assertEqual(len(rows), 10)
        for key in ("staff_no", "name", "tier", "centralised_hours", "online_hours", "required_hours",
                    "window_hours", "online_required", "compliant", "reasons"):
            self.assertIn(key, rows["A1002"])
        self.assertEqual(rows["A1002"]["reasons"], ["online_hours_short"])
        self.assertAlmostEqual(rows["A1002"]["online_shortfall_hours"], 0.5)
        self.assertEqual(rows["A1001"]["required_hours"], 550)
        self.assertIn("five_year_hours_short", rows["A1001"]["reasons"])
        self.ok("hours", "add", "A1002", "--date", "2026-04-03", "--hours", "0.5", "--kind", "online")
        rows = {row["staff_no"]: row for row in self.json("report", "hours", "--year", "2026")["people"]}
        self.assertTrue(rows["A1002"]["compliant"])
        unit = self.json("report", "hours", "--year", "2026", "--unit", "QXGOV")["people"]
        # QXGOV and the units under it (QXFGW, HXZ, DSZ)
        self.assertEqual(sorted(r["staff_no"] for r in unit),
                         ["A1001", "A1002", "A1003", "A1004", "A1005", "A1009", "A1010"])

    def test_ics_read_back(self):
        path = os.path.join(self.dir, "qn.ics")
        self.ok("export", "ics", "QN2026-1", "-o", path)
        with open(path, "rb") as f:
            raw = f.read()
        self.assertIn(b"\r\n", raw)
        for line in raw.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)
        cal = icalendar.Calendar.from_ical(raw)
        events = [e for e in cal.walk("VEVENT")]
        self.assertEqual(len(events), 10)
        first = events[0]
        self.assertEqual(str(first["SUMMARY"]), "习近平新时代中国特色社会主义思想概论")
        # 08:30 in Asia/Shanghai is 00:30 UTC.
        self.assertEqual(first.decoded("DTSTART"), datetime.datetime(2026, 3, 9, 0, 30, tzinfo=datetime.timezone.utc))
        self.assertEqual(first.decoded("DTEND"), datetime.datetime(2026, 3, 9, 4, 0, tzinfo=datetime.timezone.utc))
        self.assertIn("王教授", str(first["DESCRIPTION"]))
        self.assertEqual(str(first["LOCATION"]), "市委党校")
        self.assertEqual(len({str(e["UID"]) for e in events}), 10)
        for e in events:
            self.assertIn("DTSTAMP", e)
        out = self.ok("export", "ics", "QN2026-1").out
        self.assertIn("BEGIN:VCALENDAR", out)

    def test_ics_escaping_read_back(self):
        self.small_course()
        title = "Rules; commas, backslash \\ and a long title " + "长" * 40
        self.ok("session", "add", "C1", "--date", "2026-03-09", "--start", "09:00", "--end", "10:00",
                "--title", title, "--instructor", "Li, Wei")
        path = os.path.join(self.dir, "c1.ics")
        self.ok("export", "ics", "C1", "-o", path)
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        ev = cal.walk("VEVENT")[0]
        self.assertEqual(str(ev["SUMMARY"]), title)
        self.assertIn("Li, Wei", str(ev["DESCRIPTION"]))

    def test_unknown_keys(self):
        self.assertFailsUnchanged(4, "report", "course", "NOPE")
        self.assertFailsUnchanged(4, "export", "ics", "NOPE")
        self.assertFailsUnchanged(4, "report", "person", "Z9999")
        self.assertFailsUnchanged(3, "report", "hours", "--year", "twenty")
        self.assertFailsUnchanged(4, "report", "hours", "--year", "2026", "--unit", "NOPE")
        r = self.assertFailsUnchanged(4, "--format", "json", "report", "course", "NOPE")
        self.assertEqual(json.loads(r.err)["error"]["code"], "not_found")

    def test_writes_are_audited(self):
        self.ok("withdraw", "QN2026-1", "A1010", "--reason", "工作调动")
        log = self.ok("audit", "log").out
        self.assertIn("withdraw", log)
        self.ok("audit", "verify")


class BadInputTest(TrainingBase):
    def setUp(self):
        super().setUp()
        self.small_course("C1", "--components", "exam:0.6,paper:0.4", "--capacity", "2")
        self.ok("session", "add", "C1", "--date", "2026-03-09", "--start", "08:30", "--end", "12:00", "--title", "s1")
        self.ok("enrol", "C1", "A1001", "A1002")
        self.ok("attend", "C1", "1", "A1001", "--status", "present")
        self.ok("attend", "C1", "1", "A1002", "--status", "absent")

    def test_bad_input_changes_nothing(self):
        cases = [
            (3, ["assess", "C1", "A1001", "--component", "exam", "--score", "101"]),
            (3, ["assess", "C1", "A1001", "--component", "exam", "--score", "-0.5"]),
            (3, ["assess", "C1", "A1001", "--component", "oral", "--score", "80"]),
            (3, ["course", "add", "C2", "--title", "t", "--organizer", "SZDX", "--start", "2026-03-09",
                 "--end", "2026-03-13", "--components", "exam:0.6,paper:0.5"]),
            (3, ["course", "add", "C2", "--title", "t", "--organizer", "SZDX", "--start", "2026-03-09",
                 "--end", "2026-03-13", "--max-leave-ratio", "2"]),
            (3, ["course", "add", "C2", "--title", "t", "--organizer", "SZDX", "--start", "2026-03-13",
                 "--end", "2026-03-09"]),
            (5, ["course", "add", "C1", "--title", "t", "--organizer", "SZDX", "--start", "2026-03-09",
                 "--end", "2026-03-13"]),
            (4, ["course", "add", "C2", "--title", "t", "--organizer", "NOPE", "--start", "2026-03-09",
                 "--end", "2026-03-13"]),
            (3, ["session", "add", "C1", "--date", "2026-03-14", "--start", "08:30", "--end", "12:00", "--title", "x"]),
            (3, ["session", "add", "C1", "--date", "2026-03-10", "--start", "12:00", "--end", "08:30", "--title", "x"]),
            (3, ["session", "add", "C1", "--date", "2026-03-10", "--start", "08:00", "--end", "09:00", "--title", "x",
                 "--hours", "-2"]),
            (4, ["session", "add", "NOPE", "--date", "2026-03-10", "--start", "08:00", "--end", "09:00",
                 "--title", "x"]),
            (3, ["attend", "C1", "1", "A1003", "--status", "present"]),  # not enrolled
            (3, ["attend", "C1", "1", "A1001", "A1003", "--status", "present"]),  # all or nothing
            (3, ["attend", "C1", "1", "A1001", "--status", "asleep"]),
            (4, ["attend", "C1", "9", "A1001", "--status", "present"]),
            (3, ["feedback", "C1", "1", "--by", "A1002", "--relevance", "20", "--theory", "20", "--information",
                 "20", "--delivery", "20", "--manner", "20"]),  # absent
            (3, ["feedback", "C1", "1", "--by", "A1001", "--relevance", "21", "--theory", "20", "--information",
                 "20", "--delivery", "20", "--manner", "20"]),
            (4, ["enrol", "C1", "A1003", "Z9999"]),  # unknown person: nobody is enrolled
            (5, ["enrol", "C1", "A1003", "A1001"]),  # duplicate
            (4, ["enrol", "NOPE", "A1003"]),
            (4, ["withdraw", "C1", "A1003"]),
            (3, ["hours", "add", "A1001", "--date", "2026-03-01", "--hours", "-1", "--kind", "online"]),
            (3, ["hours", "add", "A1001", "--date", "2026-03-01", "--hours", "0", "--kind", "online"]),
            (3, ["hours", "add", "A1001", "--date", "2026-02-30", "--hours", "1", "--kind", "online"]),
            (3, ["hours", "add", "A1001", "--date", "2026-03-01", "--hours", "1", "--kind", "offline"]),
            (4, ["hours", "add", "Z9999", "--date", "2026-03-01", "--hours", "1", "--kind", "online"]),
            (2, ["enrol", "C1"]),
            (2, ["attend", "C1", "1", "A1001"]),
        ]
        for code, args in cases:
            with self.subTest(args=args):
                self.assertFailsUnchanged(code, *args)

    def test_waitlist_and_promotion(self):
        r = self.json("enrol", "C1", "A1003", "A1004")
        self.assertEqual([e["status"] for e in r["enrolments"]], ["waitlisted", "waitlisted"])
        r = self.json("withdraw", "C1", "A1002", "--reason", "出差")
        self.assertEqual(r["promoted"], "A1003")
        show = self.json("course", "show", "C1")
        status = {e["staff_no"]: e["status"] for e in show["enrolments"]}
        self.assertEqual(status, {"A1001": "enrolled", "A1002": "withdrawn", "A1003": "enrolled",
                                  "A1004": "waitlisted"})
        course = self.json("report", "course", "C1")
        withdrawn = [t for t in course["trainees"] if t["staff_no"] == "A1002"][0]
        self.assertEqual(withdrawn["reasons"], ["withdrawn"])

    def test_list_and_show(self):
        rows = self.json("course", "list")["courses"]
        self.assertEqual(rows[0]["code"], "C1")
        self.assertEqual(rows[0]["total_hours"], 3.5)  # 08:30-12:00 by default
        show = self.json("course", "show", "C1")
        self.assertEqual([c["name"] for c in show["components"]], ["exam", "paper"])


class ImportTest(TrainingBase):
    def test_bad_rows_reported_with_lines(self):
        path = self.write("courses.csv",
                          "code,title,organizer,start,end,components\n"
                          "K1,好班,SZDX,2026-04-01,2026-04-03,exam:1\n"
                          "K2,坏班,SZDX,2026-04-05,2026-04-01,\n"
                          "K3,坏班,NOPE,2026-04-01,2026-04-03,\n"
                          "K4,坏班,SZDX,2026-04-01,2026-04-03,exam:0.5\n")
        r = self.assertFailsUnchanged(4, "import", "courses", path)
        for line in ("3", "4", "5"):
            self.assertIn(line, r.err)
        self.assertNotIn(":2:", r.err)

    def test_attendance_import_all_or_nothing(self):
        self.load_examples("courses", "sessions", "enrolments")
        path = self.write("att.csv", "course,session_no,staff_no,status,note\n"
                                     "QN2026-1,1,A1001,present,\n"
                                     "QN2026-1,1,A1001,sleeping,\n"
                                     "QN2026-1,99,A1002,present,\n")
        r = self.assertFailsUnchanged(4, "import", "attendance", path)
        self.assertIn("3", r.err)
        self.assertIn("4", r.err)
        dry = self.write("good.csv", "course,session_no,staff_no,status\nQN2026-1,1,A1001,present\n")
        self.ok("import", "attendance", dry, "--dry-run")
        self.assertFailsUnchanged(3, "import", "sessions", self.write(
            "s.csv", "course,date,start,end,title\nQN2026-1,2026-03-20,08:00,09:00,late\n"))
        self.assertFailsUnchanged(5, "import", "enrolments", self.write(
            "e.csv", "course,staff_no\nQN2026-1,A1001\n"))


if __name__ == "__main__":
    unittest.main()
