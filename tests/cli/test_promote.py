"""Course types, promotions (position history), appointment training (任职培训) and "days or hours",
end to end: each rule at its boundary, every JSON field, bad values leaving the database unchanged."""
import os
import unittest

import openpyxl

from helpers import CliTest

HOURS_FIELDS = {"staff_no", "name", "tier", "centralised_hours", "online_hours", "required_hours", "window_hours",
                "online_required", "compliant", "reasons", "shortfall_hours", "online_shortfall_hours", "message",
                "centralised_days", "required_days", "window_days", "appointment_training"}
APPOINTMENT_FIELDS = {"promoted_on", "due", "course", "status", "from", "completed_on"}

# Twelve weekdays of March 2025, one 1-hour session each (course D12).
DAYS = ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07", "2025-03-10", "2025-03-11",
        "2025-03-12", "2025-03-13", "2025-03-14", "2025-03-17", "2025-03-18"]


class PromoteBase(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")
        self.ok("unit", "add", "SZDX", "--name", "市委党校", "--kind", "party_school")
        self.ok("unit", "add", "QX", "--name", "青溪区", "--kind", "government")

    def people(self, *staff_nos, tier="general"):
        rows = "".join(f"{s},干部{s},QX,{tier},一级主任科员,科长\n" for s in staff_nos)
        self.ok("import", "people", self.write("people.csv", "staff_no,name,unit,tier,rank,title\n" + rows))

    def appointment_course(self, code="RZ", start="2025-03-03", end="2025-03-04"):
        """A two-session course of type appointment."""
        self.ok("course", "add", code, "--title", "任职培训班", "--organizer", "SZDX", "--start", start, "--end", end,
                "--type", "appointment")
        self.ok("session", "add", code, "--date", start, "--start", "09:00", "--end", "12:00", "--title", "开班")
        self.ok("session", "add", code, "--date", end, "--start", "09:00", "--end", "12:00", "--title", "结业")

    def attend_all(self, course, sessions, *staff_nos, status="present"):
        for no in range(1, sessions + 1):
            self.ok("attend", course, str(no), *staff_nos, "--status", status)

    def promote(self, staff_no, on, *extra, rank="四级调研员"):
        return self.ok("person", "promote", staff_no, "--on", on, "--rank", rank, *extra)

    def appointment(self, staff_no, as_of):
        return self.json("report", "person", staff_no, "--as-of", as_of)["appointment_training"]

    def hours_rows(self, year, *extra):
        return {p["staff_no"]: p for p in self.json("report", "hours", "--year", str(year), *extra)["people"]}


class CourseTypeTest(PromoteBase):
    def test_type_shown_filtered_and_defaulted(self):
        self.appointment_course()
        self.ok("course", "add", "ZT", "--title", "专题班", "--organizer", "SZDX", "--start", "2025-04-01",
                "--end", "2025-04-02", "--type", "thematic", "--category", "主体班")
        self.ok("course", "add", "OT", "--title", "其他班", "--organizer", "SZDX", "--start", "2025-05-01",
                "--end", "2025-05-02")
        rows = {c["code"]: c for c in self.json("course", "list")["courses"]}
        self.assertEqual({k: v["type"] for k, v in rows.items()}, {"RZ": "appointment", "ZT": "thematic", "OT": "other"})
        self.assertEqual(rows["ZT"]["category"], "主体班")  # the free label stays
        only = self.json("course", "list", "--type", "appointment")["courses"]
        self.assertEqual([c["code"] for c in only], ["RZ"])
        self.assertEqual(self.json("course", "show", "ZT")["course"]["type"], "thematic")
        self.assertEqual(self.json("report", "course", "RZ")["course"]["type"], "appointment")
        zh = self.ok("--lang", "zh", "course", "list").out
        for word in ("培训类型", "任职培训", "专题培训", "其他"):
            self.assertIn(word, zh)
        self.assertIn("thematic|rotation|initial|appointment|in_service|online|other",
                      self.ok("course", "--help").out)

    def test_bad_type_changes_nothing(self):
        self.assertFailsUnchanged(3, "course", "add", "X", "--title", "x", "--organizer", "SZDX", "--start",
                                  "2025-01-01", "--end", "2025-01-02", "--type", "seminar",
                                  message="--type: unknown value seminar")
        self.assertFailsUnchanged(3, "course", "list", "--type", "seminar", message="--type")

    def test_import_courses_with_type_english_and_chinese(self):
        path = self.write("courses.csv", "code,title,organizer,start,end,type\n"
                                         "A,专题班,SZDX,2025-01-01,2025-01-02,thematic\n"
                                         "B,任职班,SZDX,2025-02-01,2025-02-02,任职培训\n"
                                         "C,其他班,SZDX,2025-03-01,2025-03-02,\n")
        self.ok("import", "courses", path)
        zh = self.write("courses-zh.csv", "code,title,organizer,start,end,培训类型\n"
                                          "D,轮训班,SZDX,2025-04-01,2025-04-02,集中轮训\n")
        self.ok("import", "courses", zh)
        types = {c["code"]: c["type"] for c in self.json("course", "list")["courses"]}
        self.assertEqual(types, {"A": "thematic", "B": "appointment", "C": "other", "D": "rotation"})
        bad = self.write("bad.csv", "code,title,organizer,start,end,type\n"
                                    "E,x,SZDX,2025-01-01,2025-01-02,thematic\n"
                                    "F,x,SZDX,2025-01-01,2025-01-02,研讨\n")
        r = self.assertFailsUnchanged(3, "import", "courses", bad, message="bad.csv:3")
        self.assertIn("研讨", r.err)


class PromotionTest(PromoteBase):
    def test_history_and_current_values_latest_by_date(self):
        self.people("H1")
        r = self.json("person", "promote", "H1", "--on", "2025-01-01", "--rank", "四级调研员", "--title", "副局长",
                      "--tier", "leader")
        self.assertEqual(r["current"], True)
        old = self.ok("person", "promote", "H1", "--on", "2023-01-01", "--rank", "二级主任科员")
        self.assertIn("history only", old.out)
        person = self.json("person", "show", "H1")
        self.assertEqual((person["person"]["rank"], person["person"]["title"], person["person"]["tier"]),
                         ("四级调研员", "副局长", "leader"))
        # A later promotion without --title or --tier: the rank changes, the rest stays.
        self.promote("H1", "2026-01-01", rank="三级调研员")
        person = self.json("person", "show", "H1")
        self.assertEqual((person["person"]["rank"], person["person"]["title"], person["person"]["tier"]),
                         ("三级调研员", "副局长", "leader"))
        self.assertEqual(person["promotions"], [
            {"on": "2023-01-01", "rank": "二级主任科员", "title": None, "tier": None},
            {"on": "2025-01-01", "rank": "四级调研员", "title": "副局长", "tier": "leader"},
            {"on": "2026-01-01", "rank": "三级调研员", "title": None, "tier": None},
        ])
        table = self.ok("person", "show", "H1").out
        self.assertIn("Promotions", table)
        self.assertIn("二级主任科员", table)
        self.assertIn("职务职级变动", self.ok("--lang", "zh", "person", "show", "H1").out)
        log = self.json("audit", "log")
        entries = log["entries"] if isinstance(log, dict) and "entries" in log else log[next(iter(log))]
        self.assertEqual(sum(1 for e in entries if e.get("operation") == "promote"), 3)
        self.ok("db", "check")
        self.ok("audit", "verify")

    def test_bad_values_leave_the_database_unchanged(self):
        self.people("H1")
        self.promote("H1", "2025-01-01")
        base = ["person", "promote", "H1"]
        self.assertFailsUnchanged(2, *base, "--on", "2025-02-01", message="--rank")
        self.assertFailsUnchanged(2, *base, "--rank", "x", message="--on")
        self.assertFailsUnchanged(3, *base, "--on", "2025-02-01", "--rank", " ", message="--rank")
        self.assertFailsUnchanged(3, *base, "--on", "2025-02-30", "--rank", "x", message="--on")
        self.assertFailsUnchanged(3, *base, "--on", "2025-02-01", "--rank", "x", "--tier", "boss",
                                  message="--tier: unknown value boss")
        self.assertFailsUnchanged(3, *base, "--on", "2025-02-01", "--rank", "x\x1b[31m", message="--rank")
        self.assertFailsUnchanged(4, "person", "promote", "NOBODY", "--on", "2025-02-01", "--rank", "x",
                                  message="NOBODY")
        self.assertFailsUnchanged(5, *base, "--on", "2025-01-01", "--rank", "x",
                                  message="H1 was already promoted on 2025-01-01")
        r = self.assertFailsUnchanged(5, "--format", "json", *base, "--on", "2025-01-01", "--rank", "x")
        self.assertIn('"code"', r.err)


class AppointmentTrainingTest(PromoteBase):
    def test_due_date_inclusive_then_overdue_with_the_flag(self):
        self.people("P1")
        self.promote("P1", "2025-03-10", "--tier", "leader")
        on_time = self.json("report", "person", "P1", "--as-of", "2026-03-10")
        self.assertEqual(on_time["appointment_training"],
                         {"promoted_on": "2025-03-10", "due": "2026-03-10", "course": None, "status": "due",
                          "from": "2024-03-10", "completed_on": None})
        self.assertEqual(on_time["alerts"], [])
        late = self.json("report", "person", "P1", "--as-of", "2026-03-11")
        self.assertEqual(late["appointment_training"]["status"], "overdue")
        self.assertEqual([a["code"] for a in late["alerts"]], ["appointment_training_overdue"])
        self.assertIn("2026-03-10", late["alerts"][0]["message"])
        self.assertIn("条例", late["alerts"][0]["rule"])
        # report hours judges it on 31 December or today: overdue, flagged, not compliant.
        row = self.hours_rows(2026)["P1"]
        self.assertEqual(row["appointment_training"]["status"], "overdue")
        self.assertIn("appointment_training_overdue", row["reasons"])
        self.assertFalse(row["compliant"])
        self.assertIn("2026-03-10", row["message"])
        self.assertIn("任职培训", self.ok("--lang", "zh", "report", "person", "P1", "--as-of", "2026-03-11").out)

    def test_report_hours_judges_on_the_last_day_of_the_year(self):
        self.people("Q1", "Q2", "Q3")
        self.promote("Q1", "2024-12-31", "--tier", "leader")  # due 2025-12-31: still on time that day
        self.promote("Q2", "2024-12-30", "--tier", "leader")  # due 2025-12-30: overdue on the 31st
        rows = self.hours_rows(2025)
        self.assertEqual(rows["Q1"]["appointment_training"]["status"], "due")
        self.assertNotIn("appointment_training_overdue", rows["Q1"]["reasons"])
        self.assertEqual(rows["Q2"]["appointment_training"]["status"], "overdue")
        self.assertIn("appointment_training_overdue", rows["Q2"]["reasons"])
        self.assertIsNone(rows["Q3"]["appointment_training"])  # never promoted into the leader tier
        self.assertEqual(self.json("report", "hours", "--year", "2025")["as_of"], "2025-12-31")
        # A promotion without --tier leader asks for nothing.
        self.promote("Q3", "2024-01-01")
        self.assertIsNone(self.hours_rows(2025)["Q3"]["appointment_training"])

    def test_done_with_an_appointment_course_from_one_year_before(self):
        self.people("P2", "P3", "P4")
        self.appointment_course()  # ends 2025-03-04
        self.ok("enrol", "RZ", "P2", "P3", "P4")
        self.attend_all("RZ", 2, "P2", "P3")
        self.ok("attend", "RZ", "1", "P4", "--status", "present")
        self.ok("attend", "RZ", "2", "P4", "--status", "absent")  # not completed: never counts
        self.promote("P2", "2026-03-04", "--tier", "leader")  # exactly a year after the course ended
        self.promote("P3", "2026-03-05", "--tier", "leader")  # a year and a day
        self.promote("P4", "2025-06-01", "--tier", "leader")
        done = self.appointment("P2", "2026-06-01")
        self.assertEqual(done, {"promoted_on": "2026-03-04", "due": "2027-03-04", "course": "RZ", "status": "done",
                                "from": "2025-03-04", "completed_on": "2025-03-04"})
        self.assertEqual(self.appointment("P3", "2026-06-01")["status"], "due")
        self.assertEqual(self.appointment("P3", "2027-03-06")["status"], "overdue")
        self.assertEqual(self.appointment("P4", "2026-06-02")["status"], "overdue")
        # The latest promotion into the leader tier on or before the date counts.
        self.promote("P2", "2010-01-01", "--tier", "leader")
        self.assertEqual(self.appointment("P2", "2020-01-01")["promoted_on"], "2010-01-01")
        self.assertEqual(self.appointment("P2", "2020-01-01")["status"], "overdue")
        self.assertEqual(self.appointment("P2", "2026-06-01")["status"], "done")
        self.assertIsNone(self.appointment("P2", "2009-12-31"))
        # report hours far from the course (2031): the window reaches back before its five years.
        self.assertEqual(self.hours_rows(2031)["P2"]["appointment_training"]["status"], "done")
        self.assertEqual(self.hours_rows(2031)["P2"]["appointment_training"]["course"], "RZ")

    def test_29_february_is_due_on_28_february(self):
        self.people("Z1")
        self.promote("Z1", "2024-02-29", "--tier", "leader")
        a = self.appointment("Z1", "2025-02-28")
        self.assertEqual((a["from"], a["due"], a["status"]), ("2023-02-28", "2025-02-28", "due"))
        self.assertEqual(self.appointment("Z1", "2025-03-01")["status"], "overdue")


class DaysOrHoursTest(PromoteBase):
    def setUp(self):
        super().setUp()
        self.people("G1", "G2", "G3", "G4")
        self.people("L1", tier="leader")
        self.ok("course", "add", "D12", "--title", "十二天班", "--organizer", "SZDX", "--start", DAYS[0],
                "--end", DAYS[-1])
        self.ok("import", "sessions", self.write("sessions.csv", "course,date,start,end,title\n" + "".join(
            f"D12,{d},09:00,10:00,第{i + 1}讲\n" for i, d in enumerate(DAYS))))
        self.ok("enrol", "D12", "G1", "G2", "G3", "G4", "L1")
        rows = []
        for no in range(1, 13):
            for s in ("G1", "G2", "G3", "G4", "L1"):
                rows.append(f"D12,{no},{s},{'leave' if no == 12 and s in ('G2', 'G4') else 'present'}\n")
        self.ok("import", "attendance", self.write("att.csv", "course,session_no,staff_no,status\n" + "".join(rows)))
        for s in ("G1", "G2", "G3", "G4", "L1"):
            self.ok("hours", "add", s, "--date", "2025-06-01", "--hours", "50", "--kind", "online")

    def test_eleven_vs_twelve_days_and_89_5_hours(self):
        # G3, G4: 77.5 / 78.5 external hours dated on a day they already attended (no new day).
        self.ok("hours", "add", "G3", "--date", DAYS[0], "--hours", "77.5", "--kind", "external")
        self.ok("hours", "add", "G4", "--date", DAYS[0], "--hours", "78.5", "--kind", "external")
        rows = self.hours_rows(2025)
        g1, g2, g3, g4 = rows["G1"], rows["G2"], rows["G3"], rows["G4"]
        self.assertEqual((g1["centralised_hours"], g1["centralised_days"], g1["compliant"]), (12, 12, True))
        self.assertEqual((g2["centralised_hours"], g2["centralised_days"], g2["compliant"]), (11, 11, False))
        self.assertEqual(g2["reasons"], ["annual_hours_short"])
        self.assertIn("1 days short of 12", g2["message"])
        self.assertEqual((g3["centralised_hours"], g3["centralised_days"], g3["compliant"]), (89.5, 12, True))
        self.assertEqual((g4["centralised_hours"], g4["centralised_days"], g4["compliant"]), (89.5, 11, False))
        self.assertEqual((g1["required_days"], g1["window_days"]), (12, 12))
        # An external record on a day not attended is one more day: G2 reaches 12.
        self.ok("hours", "add", "G2", "--date", "2025-04-01", "--hours", "1", "--kind", "external")
        g2 = self.hours_rows(2025)["G2"]
        self.assertEqual((g2["centralised_days"], g2["compliant"], g2["reasons"]), (12, True, []))
        # Days of another year do not count for 2026.
        self.assertEqual(self.hours_rows(2026)["G1"]["centralised_days"], 0)
        # report person: days per year, the course's type, the types.
        p = self.json("report", "person", "G1")
        self.assertEqual([(h["year"], h["centralised_days"]) for h in p["hours"]], [(2025, 12)])
        self.assertEqual(p["courses"][0]["type"], "other")
        self.assertEqual(p["by_type"], [{"type": "other", "courses": 1, "completed": 1, "attended_hours": 12}])

    def test_leader_days_over_five_years(self):
        # 2027 (online hours are 2025's: only the tier's rule is looked at here).
        row = self.hours_rows(2027)["L1"]
        self.assertEqual((row["required_days"], row["window_days"], row["centralised_days"]), (60, 12, 0))
        self.assertIn("five_year_hours_short", row["reasons"])
        self.assertIn("48 days short of 60 over five years", row["message"])
        self.ok("settings", "set", "leader_min_days", "12")
        row = self.hours_rows(2027)["L1"]
        self.assertEqual(row["required_days"], 12)
        self.assertNotIn("five_year_hours_short", row["reasons"])
        self.assertEqual(self.hours_rows(2025)["L1"]["compliant"], True)
        self.ok("settings", "set", "leader_min_days", "13")
        self.assertIn("five_year_hours_short", self.hours_rows(2027)["L1"]["reasons"])
        self.assertEqual(self.hours_rows(2030)["L1"]["window_days"], 0)  # 2025 is the sixth year back
        self.assertFailsUnchanged(3, "settings", "set", "leader_min_days", "0", message="leader_min_days")

    def test_every_json_field_and_every_format(self):
        self.appointment_course()
        self.ok("enrol", "RZ", "G1")
        self.attend_all("RZ", 2, "G1")
        self.promote("G1", "2025-06-01", "--tier", "leader")
        report = self.json("report", "hours", "--year", "2025")
        self.assertEqual(set(report), {"year", "people", "non_compliant", "as_of", "by_type"})
        for row in report["people"]:
            self.assertEqual(set(row), HOURS_FIELDS)
        g1 = {p["staff_no"]: p for p in report["people"]}["G1"]
        self.assertEqual(set(g1["appointment_training"]), APPOINTMENT_FIELDS)
        self.assertEqual(g1["appointment_training"]["status"], "done")
        self.assertEqual(report["by_type"], [{"type": "appointment", "people": 1, "hours": 6},
                                             {"type": "other", "people": 5, "hours": 58}])
        person = self.json("report", "person", "G1", "--as-of", "2025-12-31")
        self.assertEqual(set(person), {"person", "courses", "hours", "by_type", "appointment_training", "alerts",
                                       "secondments"})
        self.assertEqual(set(person["courses"][0]), {"code", "title", "organizer", "organizer_name", "type", "start",
                                                     "end", "attended_hours", "final_score", "grade", "completed",
                                                     "reasons", "outcome"})
        self.assertEqual(set(person["hours"][0]), {"year", "centralised_hours", "online_hours", "centralised_days"})
        self.assertEqual(set(person["by_type"][0]), {"type", "courses", "completed", "attended_hours"})
        for fmt in ("table", "csv", "md", "html"):
            for args in (("report", "hours", "--year", "2025"), ("report", "person", "G1")):
                self.ok("--format", fmt, *args)
                self.ok("--lang", "zh", "--format", fmt, *args)
        xlsx = os.path.join(self.dir, "hours.xlsx")
        self.ok("--format", "xlsx", "-o", xlsx, "report", "hours", "--year", "2025")
        self.assertGreaterEqual(len(openpyxl.load_workbook(xlsx).sheetnames), 1)
        zh = self.ok("--lang", "zh", "report", "hours", "--year", "2025").out
        for word in ("集中培训天数", "应训天数", "任职培训", "按培训类型"):
            self.assertIn(word, zh)


if __name__ == "__main__":
    unittest.main()
