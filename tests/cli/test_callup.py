"""Issue 14, the call-up (调训) and the trainee outcomes, end to end: quota set, nominate, nomination
approve|reject, arrive, report callup, no-shows after arrival_grace_days, the outcome of every trainee
in report course (completed | not_completed | dismissed | withdrawn | no_show), imports of quotas,
nominations and arrivals. Each rule at its boundary; every refusal leaves the database unchanged."""
import os

from helpers import CliTest, query

START, END = "2026-03-09", "2026-03-13"


class CallupTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        self.ok("course", "add", "C1", "--title", "调训班", "--organizer", "SZDX", "--start", START, "--end", END,
                "--capacity", "2")

    def callup(self, as_of="2026-03-20", course="C1"):
        return self.json("report", "callup", course, "--as-of", as_of)

    def people(self, as_of="2026-03-20"):
        return {p["staff_no"]: p["status"] for p in self.callup(as_of)["people"]}

    def trainees(self, as_of="2026-03-20", course="C1"):
        r = self.json("report", "course", course, "--as-of", as_of)
        return {t["staff_no"]: t for t in r["trainees"]}, r["summary"]

    def enrol_by_callup(self, *staff):
        self.ok("quota", "set", "C1", "QXGOV", "--places", str(len(staff)))
        self.ok("nominate", "C1", *staff)
        for s in staff:
            self.ok("nomination", "approve", "C1", s, "--by", "市委组织部")

    # --- places ---------------------------------------------------------------------------------

    def test_exactly_the_units_places_then_one_more_is_refused(self):
        self.ok("quota", "set", "C1", "QXGOV", "--places", "2")
        # A1003 is in QXFGW, below QXGOV: the nearest unit up the chain with places takes it.
        out = self.json("nominate", "C1", "A1002", "A1003", "--by", "区政府办")
        self.assertEqual(out["nominations"], [{"staff_no": "A1002", "unit": "QXGOV"},
                                              {"staff_no": "A1003", "unit": "QXGOV"}])
        self.assertFailsUnchanged(5, "nominate", "C1", "A1001", message="QXGOV has 2 places in course C1, all taken")
        # All or none: a good nominee beside one over the places is not written either.
        self.ok("quota", "set", "C1", "HXZ", "--places", "1")
        self.assertFailsUnchanged(5, "nominate", "C1", "A1004", "A1001")
        self.assertEqual(set(self.people()), {"A1002", "A1003"})

    def test_no_places_anywhere_up_the_chain(self):
        self.ok("quota", "set", "C1", "HXZ", "--places", "3")
        r = self.assertFailsUnchanged(5, "nominate", "C1", "A1002")  # QXGOV: no places, no parent
        self.assertIn("nor a unit above it has places", r.err)

    def test_places_cannot_go_below_the_standing_nominations(self):
        self.ok("quota", "set", "C1", "QXGOV", "--places", "2")
        self.ok("nominate", "C1", "A1002", "A1003")
        self.assertFailsUnchanged(5, "quota", "set", "C1", "QXGOV", "--places", "1", message="--places")
        self.ok("nomination", "reject", "C1", "A1003", "--by", "市委组织部", "--reason", "名额调整")
        self.ok("quota", "set", "C1", "QXGOV", "--places", "1")  # the rejected one holds no place
        self.assertEqual(self.callup()["units"][0]["places"], 1)

    def test_bad_quota_values(self):
        self.assertFailsUnchanged(3, "quota", "set", "C1", "QXGOV", "--places", "-1", message="--places")
        self.assertFailsUnchanged(3, "quota", "set", "C1", "QXGOV", "--places", "两个", message="--places")
        self.assertFailsUnchanged(4, "quota", "set", "NOPE", "QXGOV", "--places", "1")
        self.assertFailsUnchanged(4, "quota", "set", "C1", "NOPE", "--places", "1", message="UNIT")
        self.assertFailsUnchanged(2, "quota", "set", "C1", "QXGOV")
        self.assertFailsUnchanged(2, "quota", "grant", "C1", "QXGOV", "--places", "1")

    # --- nominations --------------------------------------------------------------------------

    def test_reject_frees_the_place_for_another_nominee(self):
        self.ok("quota", "set", "C1", "QXGOV", "--places", "1")
        self.ok("nominate", "C1", "A1002")
        self.assertFailsUnchanged(5, "nominate", "C1", "A1003")
        self.assertFailsUnchanged(3, "nomination", "reject", "C1", "A1002", "--by", "市委组织部", "--reason", " ")
        self.assertFailsUnchanged(2, "nomination", "reject", "C1", "A1002", "--by", "市委组织部")
        self.ok("nomination", "reject", "C1", "A1002", "--by", "市委组织部", "--reason", "不符合条件")
        self.ok("nominate", "C1", "A1003")
        self.assertEqual(self.people(), {"A1002": "rejected", "A1003": "nominated"})
        # Decided already: neither can be decided again.
        self.assertFailsUnchanged(5, "nomination", "approve", "C1", "A1002", "--by", "市委组织部")
        self.assertFailsUnchanged(5, "nomination", "reject", "C1", "A1002", "--by", "x", "--reason", "y")
        self.assertFailsUnchanged(4, "nomination", "approve", "C1", "A1001", "--by", "市委组织部")
        self.assertFailsUnchanged(2, "nomination", "approve", "C1", "A1003", "--by", "x", "--reason", "y")
        self.assertFailsUnchanged(3, "nomination", "approve", "C1", "A1003", "--by", " ")
        rejected = [p for p in self.callup()["people"] if p["status"] == "rejected"][0]
        self.assertEqual(rejected["reason"], "不符合条件")

    def test_approve_enrols_or_waitlists(self):
        self.ok("quota", "set", "C1", "QXGOV", "--places", "3")
        self.ok("nominate", "C1", "A1001", "A1002", "A1003")
        statuses = [self.json("nomination", "approve", "C1", s, "--by", "市委组织部")["status"]
                    for s in ("A1001", "A1002", "A1003")]
        self.assertEqual(statuses, ["enrolled", "enrolled", "waitlisted"])  # capacity 2
        enrolments = {e["staff_no"]: e["status"] for e in self.json("course", "show", "C1")["enrolments"]}
        self.assertEqual(enrolments, {"A1001": "enrolled", "A1002": "enrolled", "A1003": "waitlisted"})
        # Nominated or enrolled already: refused.
        self.assertFailsUnchanged(5, "nominate", "C1", "A1001")
        self.ok("course", "add", "C2", "--title", "班2", "--organizer", "SZDX", "--start", START, "--end", END)
        self.ok("enrol", "C2", "A1004")
        self.ok("quota", "set", "C2", "HXZ", "--places", "2")
        self.assertFailsUnchanged(5, "nominate", "C2", "A1004", message="already")

    def test_renominate_after_rejection_and_audit(self):
        self.ok("quota", "set", "C1", "QXGOV", "--places", "1")
        self.ok("nominate", "C1", "A1002", "--on", "2026-02-20")
        self.ok("nomination", "reject", "C1", "A1002", "--by", "市委组织部", "--reason", "材料不全")
        self.ok("nominate", "C1", "A1002", "--on", "2026-02-25")
        self.assertEqual(self.people(), {"A1002": "nominated"})
        ops = [(e["operation"], e["entity"]) for e in self.json("audit", "log")["entries"]]
        for op in (("add", "quota"), ("nominate", "nomination"), ("reject", "nomination")):
            self.assertIn(op, ops)
        self.assertEqual(ops.count(("nominate", "nomination")), 2)
        self.ok("db", "check")

    # --- arrival and no-shows -----------------------------------------------------------------

    def test_arrival_on_day_3_vs_day_4(self):
        self.enrol_by_callup("A1001", "A1002")
        self.ok("arrive", "C1", "A1001", "--on", "2026-03-12")  # start + 3: on time
        r = self.assertFailsUnchanged(5, "arrive", "C1", "A1002", "--on", "2026-03-13")  # start + 4
        self.assertIn("arrival_grace_days", r.err)
        self.assertIn("no-show", r.err)
        # As of day 3 A1002 may still come; from day 4 on a no-show.
        self.assertEqual(self.people("2026-03-12"), {"A1001": "arrived", "A1002": "approved"})
        self.assertEqual(self.people("2026-03-13"), {"A1001": "arrived", "A1002": "no_show"})
        report = self.callup("2026-03-13")
        self.assertEqual(report["arrival_deadline"], "2026-03-12")
        unit = report["units"][0]
        self.assertEqual((unit["unit"], unit["places"], unit["nominated"], unit["approved"], unit["arrived"],
                          unit["no_show"]), ("QXGOV", 2, 2, 2, 1, 1))
        self.assertEqual([(a["code"], a["unit"]) for a in report["alerts"]], [("no_show", "QXGOV")])
        trainees, summary = self.trainees("2026-03-13")
        self.assertEqual(trainees["A1002"]["outcome"], "no_show")
        self.assertEqual(trainees["A1002"]["reasons"], ["no_show"])
        self.assertFalse(trainees["A1002"]["completed"])
        self.assertEqual(summary["outcomes"]["no_show"], 1)
        trainees, _ = self.trainees("2026-03-12")
        self.assertNotEqual(trainees["A1002"]["outcome"], "no_show")

    def test_grace_days_is_a_setting(self):
        self.enrol_by_callup("A1001")
        self.ok("settings", "set", "arrival_grace_days", "0")
        self.assertFailsUnchanged(5, "arrive", "C1", "A1001", "--on", "2026-03-10")
        self.ok("arrive", "C1", "A1001", "--on", "2026-03-09")
        self.assertEqual(self.callup()["arrival_deadline"], START)
        for bad in ("366", "2.5", "三", ""):
            self.assertFailsUnchanged(3, "settings", "set", "arrival_grace_days", bad)

    def test_arrival_refusals(self):
        self.enrol_by_callup("A1001")
        self.assertFailsUnchanged(3, "arrive", "C1", "A1002", "--on", START, message="not enrolled")
        self.assertFailsUnchanged(3, "arrive", "C1", "A1001", "--on", "2026-03-01", message="--on")  # 8 days early
        self.ok("arrive", "C1", "A1001", "--on", "2026-03-02")  # 7 days early: fine
        self.assertFailsUnchanged(5, "arrive", "C1", "A1001", "--on", START, message="already")
        self.assertFailsUnchanged(3, "arrive", "C1", "A1001", "--on", "2026-02-30")
        self.assertFailsUnchanged(4, "arrive", "NOPE", "A1001")

    def test_no_show_only_where_arrivals_are_tracked(self):
        # A course without places or arrivals does not judge arrival at all.
        self.ok("course", "add", "C2", "--title", "班2", "--organizer", "SZDX", "--start", START, "--end", END)
        self.ok("enrol", "C2", "A1001")
        trainees, _ = self.trainees("2026-04-01", course="C2")
        self.assertNotEqual(trainees["A1001"]["outcome"], "no_show")
        # One arrival makes the course track arrivals: the others are no-shows past the deadline.
        self.ok("enrol", "C2", "A1002")
        self.ok("arrive", "C2", "A1002", "--on", START)
        trainees, _ = self.trainees("2026-04-01", course="C2")
        self.assertEqual(trainees["A1001"]["outcome"], "no_show")
        # report person carries the outcome too.
        person = self.json("report", "person", "A1001", "--as-of", "2026-04-01")
        self.assertEqual([c["outcome"] for c in person["courses"] if c["code"] == "C2"], ["no_show"])

    def test_places_unused_flag_from_the_start(self):
        self.ok("quota", "set", "C1", "QXGOV", "--places", "2")
        self.ok("quota", "set", "C1", "HXZ", "--places", "1")
        self.ok("nominate", "C1", "A1002")
        self.ok("nomination", "approve", "C1", "A1002", "--by", "市委组织部")
        self.assertEqual(self.callup("2026-03-08")["alerts"], [])  # before the start: still time
        alerts = self.callup(START)["alerts"]
        self.assertEqual([(a["code"], a["unit"]) for a in alerts], [("places_unused", "HXZ"), ("places_unused", "QXGOV")])
        self.assertIn("1", alerts[1]["message"])
        zh = self.ok("--lang", "zh", "report", "callup", "C1", "--as-of", START).out
        for text in ("调训情况", "名额", "申报人数", "未使用"):
            self.assertIn(text, zh)

    def test_report_callup_fields_and_formats(self):
        self.enrol_by_callup("A1001", "A1002")
        self.ok("arrive", "C1", "A1001", "--on", START)
        r = self.callup()
        self.assertEqual(list(r), ["course", "as_of", "arrival_deadline", "units", "people", "alerts"])
        self.assertEqual(r["course"], {"code": "C1", "title": "调训班", "start": START, "end": END})
        self.assertEqual(list(r["units"][0]), ["unit", "unit_name", "places", "nominated", "approved", "rejected",
                                               "arrived", "no_show"])
        self.assertEqual(list(r["people"][0]), ["staff_no", "name", "unit", "status", "arrived_on", "reason"])
        self.assertEqual(r["people"][0]["arrived_on"], START)
        for fmt in ("table", "csv", "md", "html"):
            self.assertIn("QXGOV", self.ok("--format", fmt, "report", "callup", "C1").out, fmt)
        out = os.path.join(self.dir, "callup.xlsx")
        self.ok("--format", "xlsx", "-o", out, "report", "callup", "C1")
        self.assertTrue(os.path.getsize(out) > 0)
        self.assertFailsUnchanged(4, "report", "callup", "NOPE")
        self.assertFailsUnchanged(3, "report", "callup", "C1", "--as-of", "2026-13-01")

    def test_markup_in_a_reason_stays_text(self):
        self.ok("quota", "set", "C1", "QXGOV", "--places", "1")
        self.ok("nominate", "C1", "A1002")
        self.ok("nomination", "reject", "C1", "A1002", "--by", "市委组织部", "--reason", "<script>x</script>=1+1")
        html = self.ok("--format", "html", "report", "callup", "C1").out
        self.assertNotIn("<script>x", html)
        self.assertIn("&lt;script&gt;", html)
        csv = self.ok("--format", "csv", "report", "callup", "C1").out
        self.assertNotIn(",=1+1", csv)

    # --- outcomes -------------------------------------------------------------------------------

    def test_outcome_of_every_trainee(self):
        self.ok("course", "add", "C3", "--title", "七课班", "--organizer", "SZDX", "--start", START, "--end", END)
        for i in range(7):  # 7 hours: leave of exactly 1 hour is 1/7
            self.ok("session", "add", "C3", "--date", START, "--start", f"{8 + i:02}:00", "--end", f"{9 + i:02}:00",
                    "--title", f"第{i + 1}讲", "--hours", "1")
        staff = ["A1001", "A1002", "A1003", "A1004", "A1005"]
        self.ok("enrol", "C3", *staff)
        for s in range(1, 8):
            self.ok("attend", "C3", str(s), "A1001", "A1002", "A1003", "--status", "present")
        self.ok("attend", "C3", "1", "A1002", "--status", "leave")  # exactly 1/7: completed
        self.ok("attend", "C3", "2", "A1003", "--status", "leave")
        self.ok("attend", "C3", "3", "A1003", "--status", "leave")  # 2/7: dismissed
        for s in range(1, 8):
            self.ok("attend", "C3", str(s), "A1004", "--status", "absent" if s == 1 else "present")  # absent: dismissed
        self.ok("withdraw", "C3", "A1005")
        self.ok("enrol", "C3", "A1006")  # no attendance recorded: not completed
        trainees, summary = self.trainees(course="C3")
        outcomes = {s: t["outcome"] for s, t in trainees.items()}
        self.assertEqual(outcomes, {"A1001": "completed", "A1002": "completed", "A1003": "dismissed",
                                    "A1004": "dismissed", "A1005": "withdrawn", "A1006": "not_completed"})
        self.assertEqual(trainees["A1003"]["reasons"], ["leave_over_limit"])
        self.assertEqual(trainees["A1004"]["reasons"], ["unexcused_absence"])
        self.assertEqual(summary["outcomes"], {"completed": 2, "not_completed": 1, "dismissed": 2, "withdrawn": 1,
                                               "no_show": 0})
        zh = self.ok("--lang", "zh", "report", "course", "C3").out
        self.assertIn("退学", zh)

    # --- imports --------------------------------------------------------------------------------

    def test_import_quotas_nominations_arrivals(self):
        quotas = self.write("quotas.csv", "course,unit,places\nC1,QXGOV,2\nC1,HXZ,1\n")
        noms = self.write("noms.csv", "course,staff_no,by,on\nC1,A1002,区政府办,2026-02-20\nC1,A1004,,\n")
        self.ok("import", "quotas", quotas)
        self.ok("import", "nominations", noms)
        self.assertEqual(self.people(), {"A1002": "nominated", "A1004": "nominated"})
        self.ok("nomination", "approve", "C1", "A1002", "--by", "市委组织部")
        arrivals = self.write("arrivals.csv", "course,staff_no,on\nC1,A1002,2026-03-10\n")
        self.ok("import", "arrivals", arrivals)
        self.assertEqual(self.people(), {"A1002": "arrived", "A1004": "nominated"})
        # All or nothing, the bad line named: A1003 takes QXGOV's second place, A1001 would be a third.
        bad = self.write("bad.csv", "course,staff_no\nC1,A1003\nC1,A1001\n")
        units = {r[0]: r[1] for r in query(self.db, "SELECT p.staff_no, u.code FROM people p "
                                                    "JOIN units u ON u.id = p.unit_id")}
        self.assertEqual((units["A1003"], units["A1001"]), ("QXFGW", "QXFGW"))
        r = self.assertFailsUnchanged(5, "import", "nominations", bad)
        self.assertIn("bad.csv:3", r.err)
        self.assertFailsUnchanged(3, "import", "quotas", self.write("neg.csv", "course,unit,places\nC1,DSZ,-2\n"))

    def test_import_from_gb18030_with_chinese_headers_and_from_a_workbook(self):
        import datetime

        import openpyxl
        path = os.path.join(self.dir, "quotas.csv")
        with open(path, "wb") as f:
            f.write("课程,单位,名额\r\nC1,DSZ,2\r\n".encode("gb18030"))
        self.ok("import", "quotas", path)
        book = os.path.join(self.dir, "nominations.xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["course", "staff_no", "on"])
        ws.append(["C1", "A1005", datetime.datetime(2026, 3, 2)])
        ws.append(["C1", "A1010", datetime.datetime(2026, 3, 3)])
        wb.save(book)
        self.ok("import", "nominations", book)
        self.assertEqual(self.people(), {"A1005": "nominated", "A1010": "nominated"})
        on = query(self.db, "SELECT nominated_on FROM nominations ORDER BY nominated_on")
        self.assertEqual([r[0] for r in on], ["2026-03-02", "2026-03-03"])
