"""Issue 12, part B: duty trips (报备), make-up punches (补卡), spot checks (抽查) and the village rules,
end to end: every command, every bad input refused with nothing written, each rule at its boundary,
the JSON keys of both secondment reports, the settings, the import, the C-free surfaces in Chinese."""
import os
import unittest

from helpers import CliTest

GRADES = ["excellent", "competent", "basically_competent", "incompetent"]


class PresenceTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")

    def secondment(self, staff_no="A1003", *extra, start="2026-03-02", end="2026-12-31"):
        return self.ok("secondment", "add", staff_no, "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长",
                       "--start", start, "--end", end, "--batch", "b1", *extra).out.strip()

    def report(self, sid, as_of="2026-03-31"):
        return self.json("report", "secondment", sid, "--as-of", as_of)

    def row(self, sid, as_of="2026-03-31"):
        rows = self.json("report", "secondments", "--as-of", as_of)["rows"]
        return next(r for r in rows if r["id"] == int(sid))

    def alerts(self, data, code):
        return [a for a in data["alerts"] if a["code"] == code]

    def checkin(self, staff_no, day, *extra):
        return self.ok("checkin", staff_no, "--at", f"{day}T09:00:00", *extra)

    def makeup(self, staff_no, day, time="09:00:00"):
        return self.ok("checkin", staff_no, "--at", f"{day}T{time}", "--makeup", "--reason", "忘记打卡",
                       "--approved-by", "李书记")

    # --- duty trips ------------------------------------------------------------------------------

    def test_trip_add_prints_the_id_and_counts_as_in_post(self):
        sid = self.secondment()
        self.assertEqual(self.ok("trip", "add", sid, "--from", "2026-03-10", "--to", "2026-03-11",
                                 "--purpose", "县里培训", "--place", "县委党校").out.strip(), "1")
        out = self.json("trip", "add", sid, "--from", "2026-03-12", "--to", "2026-03-12", "--purpose", "开会")
        self.assertEqual((out["ok"], out["id"]), (True, 2))
        rep = self.report(sid)
        self.assertEqual((rep["trip_days"], rep["present_days"], rep["working_days"]), (3, 0, 22))
        self.assertAlmostEqual(rep["presence_rate"], round(3 / 22, 4))
        self.assertEqual([t["purpose"] for t in rep["trips"]], ["县里培训", "开会"])
        self.assertEqual(rep["trips"][0]["place"], "县委党校")
        audit = [e for e in self.json("audit", "log")["entries"] if e["entity"] == "trip"]
        self.assertEqual(len(audit), 2)

    def test_trip_day_leave_day_and_checkin_on_the_same_day(self):
        sid = self.secondment()
        # A check-in on a trip day: present, not a trip day.
        self.checkin("A1003", "2026-03-09")
        self.ok("trip", "add", sid, "--from", "2026-03-09", "--to", "2026-03-11", "--purpose", "项目")
        # Approved leave: a trip over it is refused (exit 5), nothing written.
        leave = self.ok("leave", "request", sid, "--from", "2026-03-16", "--to", "2026-03-17", "--kind",
                        "personal").out.strip()
        self.ok("leave", "approve", leave, "--by", "李书记", "--level", "host")
        self.assertFailsUnchanged(5, "trip", "add", sid, "--from", "2026-03-17", "--to", "2026-03-18",
                                  "--purpose", "x", message="overlaps approved leave 1")
        # A requested leave does not block a trip; once approved, leave wins over the trip's days.
        leave2 = self.ok("leave", "request", sid, "--from", "2026-03-18", "--to", "2026-03-19", "--kind",
                         "sick").out.strip()
        self.ok("trip", "add", sid, "--from", "2026-03-18", "--to", "2026-03-20", "--purpose", "项目")
        self.ok("leave", "approve", leave2, "--by", "李书记", "--level", "host")
        # A check-in on a leave day counts neither as present nor as a trip day.
        self.checkin("A1003", "2026-03-19")
        rep = self.report(sid)
        self.assertEqual((rep["working_days"], rep["leave_days"], rep["present_days"], rep["trip_days"]),
                         (22, 4, 1, 3))  # present 03-09; trips 03-10, 03-11, 03-20
        self.assertAlmostEqual(rep["presence_rate"], round(4 / 18, 4))
        march = rep["months"][0]
        self.assertEqual((march["trip_days"], march["present_days"]), (3, 1))
        self.assertAlmostEqual(march["presence_rate"], round(4 / 18, 4))
        # Days in post (any weekday): 03-09, 03-10, 03-11, 03-20 and the check-in on 03-19.
        self.assertEqual(rep["days_in_post"], 5)

    def test_trip_bad_input_refused_naming_the_field(self):
        sid = self.secondment()
        self.ok("trip", "add", sid, "--from", "2026-03-10", "--to", "2026-03-11", "--purpose", "p")
        cases = [
            (3, ["--from", "2026-03-20", "--to", "2026-03-19", "--purpose", "p"], "--to (2026-03-19) is before --from"),
            (3, ["--from", "2026-02-27", "--to", "2026-03-03", "--purpose", "p"], "--from: the trip 2026-02-27"),
            (3, ["--from", "2026-12-30", "--to", "2027-01-02", "--purpose", "p"], "--to: the trip 2026-12-30"),
            (3, ["--from", "2026-03-20", "--to", "2026-03-20", "--purpose", " "], "--purpose"),
            (3, ["--from", "2026-03-32", "--to", "2026-03-20", "--purpose", "p"], "--from"),
            (5, ["--from", "2026-03-11", "--to", "2026-03-12", "--purpose", "p"], "overlaps trip 1"),
            (2, ["--from", "2026-03-20", "--to", "2026-03-20"], "--purpose"),
        ]
        for code, args, message in cases:
            with self.subTest(args=args):
                self.assertFailsUnchanged(code, "trip", "add", sid, *args, message=message)
        self.assertFailsUnchanged(4, "trip", "add", "99", "--from", "2026-03-20", "--to", "2026-03-20",
                                  "--purpose", "p", message="99")
        self.assertFailsUnchanged(2, "trip", "remove", sid)

    def test_import_trips_all_or_nothing(self):
        sid = self.secondment()
        good = self.write("trips.csv", "secondment_id,from,to,purpose,place\n"
                                       f"{sid},2026-03-10,2026-03-11,培训,党校\n{sid},2026-03-16,2026-03-16,开会,\n")
        bad = self.write("bad.csv", "secondment_id,from,to,purpose\n"
                                    f"{sid},2026-04-10,2026-04-11,培训\n{sid},2026-04-16,2026-04-15,开会\n"
                                    f"{sid},2027-04-16,2027-04-16,开会\n")
        r = self.assertFailsUnchanged(3, "import", "trips", bad)
        self.assertIn("bad.csv:3", r.err)
        self.assertIn("bad.csv:4", r.err)
        self.assertEqual(self.json("import", "trips", good)["written"], 2)
        self.assertEqual(self.report(sid)["trip_days"], 3)

    # --- make-up punches -------------------------------------------------------------------------

    def test_makeup_needs_reason_and_approver(self):
        self.secondment()
        base = ["checkin", "A1003", "--at", "2026-03-02T09:00:00"]
        self.assertFailsUnchanged(3, *base, "--makeup", "--approved-by", "李书记", message="--reason")
        self.assertFailsUnchanged(3, *base, "--makeup", "--reason", "忘记", message="--approved-by")
        self.assertFailsUnchanged(3, *base, "--makeup", "--reason", " ", "--approved-by", "李书记", message="--reason")
        self.assertFailsUnchanged(3, *base, "--reason", "忘记", message="--reason applies to a make-up punch (--makeup)")
        self.assertFailsUnchanged(3, *base, "--approved-by", "李", message="--approved-by applies")
        r = self.assertFailsUnchanged(3, "--lang", "zh", *base, "--makeup", "--reason", "忘记")
        self.assertIn("--approved-by", r.err)

    def test_makeup_days_counted_apart(self):
        sid = self.secondment()
        self.makeup("A1003", "2026-03-02")          # only a make-up: a make-up day
        self.makeup("A1003", "2026-03-03")          # a make-up beside an ordinary check-in: not one
        self.ok("checkin", "A1003", "--at", "2026-03-03T17:30:00", "--kind", "field")
        self.makeup("A1003", "2026-03-07")          # a Saturday: no working day, still a punch
        rep = self.report(sid)
        self.assertEqual((rep["present_days"], rep["makeup_days"], rep["days_in_post"]), (2, 1, 3))
        self.assertEqual((rep["months"][0]["makeup_days"], rep["months"][0]["makeups"]), (1, 3))
        row = self.row(sid)
        self.assertEqual((row["present_days"], row["makeup_days"]), (2, 1))
        entry = [e for e in self.json("audit", "log")["entries"] if e["entity"] == "checkin"][0]
        self.assertIn('"approved_by":"李书记"', entry["after"].replace(" ", ""))

    def test_three_makeups_in_a_month_pass_the_fourth_is_flagged(self):
        sid = self.secondment()
        for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
            self.makeup("A1003", day)
        self.assertEqual(self.alerts(self.report(sid), "makeup_over_limit"), [])
        self.makeup("A1003", "2026-04-01")  # another month: March stays at 3
        self.assertEqual(self.alerts(self.report(sid, "2026-04-30"), "makeup_over_limit"), [])
        self.makeup("A1003", "2026-03-05")
        rep = self.report(sid)
        flagged = self.alerts(rep, "makeup_over_limit")
        self.assertEqual(len(flagged), 1)
        self.assertIn("4 make-up punches in 2026-03, more than 3", flagged[0]["message"])
        self.assertIn("local policy", flagged[0]["message"])
        batch = self.json("report", "secondments", "--as-of", "2026-03-31")["alerts"]
        self.assertEqual([a["code"] for a in batch if a["code"] == "makeup_over_limit"], ["makeup_over_limit"])
        self.ok("settings", "set", "max_makeup_per_month", "4")
        self.assertEqual(self.alerts(self.report(sid), "makeup_over_limit"), [])

    # --- spot checks -----------------------------------------------------------------------------

    def test_spotcheck_add_and_bad_input(self):
        sid = self.secondment()
        self.assertEqual(self.ok("spotcheck", "add", sid, "--on", "2026-03-12", "--result", "absent", "--by",
                                 "组织部", "--note", "不在村").out.strip(), "1")
        rep = self.report(sid)
        self.assertEqual(rep["spot_check_absences"], 1)
        self.assertEqual(rep["spot_checks"][0]["by"], "组织部")
        self.assertFailsUnchanged(3, "spotcheck", "add", sid, "--on", "2027-01-04", "--result", "absent",
                                  message="--on (2027-01-04) is outside the period")
        self.assertFailsUnchanged(3, "spotcheck", "add", sid, "--on", "2026-03-01", "--result", "present",
                                  message="--on")
        self.assertFailsUnchanged(3, "spotcheck", "add", sid, "--on", "2026-03-12", "--result", "away",
                                  message="--result: unknown value away")
        self.assertFailsUnchanged(2, "spotcheck", "add", sid, "--on", "2026-03-12", message="--result")
        self.assertFailsUnchanged(4, "spotcheck", "add", "7", "--on", "2026-03-12", "--result", "absent")
        # A spot check after the as-of date does not count yet.
        self.ok("spotcheck", "add", sid, "--on", "2026-04-02", "--result", "absent")
        self.assertEqual(self.report(sid)["spot_check_absences"], 1)

    def test_absences_cap_each_grade(self):
        # One secondee per grade; 0, 1, 2, 3 absences against each.
        ids = {}
        for staff_no, grade in zip(["A1001", "A1002", "A1003", "A1004"], GRADES):
            sid = self.secondment(staff_no)
            ids[grade] = sid
            self.ok("evaluate", sid, "--period", "final", "--rater", "org", "--conduct", "90", "--competence", "90",
                    "--diligence", "90", "--performance", "90", "--integrity", "90", "--grade", grade)
        expected = {
            0: GRADES,
            1: ["competent", "competent", "basically_competent", "incompetent"],
            2: ["basically_competent", "basically_competent", "basically_competent", "incompetent"],
            3: ["incompetent"] * 4,
        }
        for absences in range(4):
            if absences:
                for sid in ids.values():
                    self.ok("spotcheck", "add", sid, "--on", f"2026-03-1{absences}", "--result", "absent")
            for given, want in zip(GRADES, expected[absences]):
                with self.subTest(absences=absences, grade=given):
                    rep = self.report(ids[given])
                    self.assertEqual(rep["overall"]["grade"], want)
                    self.assertEqual(rep["spot_check_absences"], absences)
                    self.assertEqual(self.row(ids[given])["overall_grade"], want)
                    capped = self.alerts(rep, "grade_capped_by_spot_checks")
                    self.assertEqual(len(capped), int(want != given))
                    if capped:
                        self.assertIn("spotcheck_caps, local policy", capped[0]["message"])
        # A present result is no absence; the batch's excellent count follows the capped grade.
        self.assertEqual(self.json("report", "secondments", "--as-of", "2026-03-31")["excellent"], 0)

    def test_spotcheck_caps_setting(self):
        self.assertFailsUnchanged(3, "settings", "set", "spotcheck_caps", "2:competent,1:incompetent",
                                  message="must rise")
        self.assertFailsUnchanged(3, "settings", "set", "spotcheck_caps", "1:incompetent,2:competent",
                                  message="cannot allow a better grade")
        self.assertFailsUnchanged(3, "settings", "set", "spotcheck_caps", "1:great", message="unknown value great")
        self.assertFailsUnchanged(3, "settings", "set", "spotcheck_caps", "competent", message="ABSENCES:GRADE")
        self.assertFailsUnchanged(3, "settings", "set", "spotcheck_caps", "0:competent", message="spotcheck_caps")
        self.ok("settings", "set", "spotcheck_caps", " 2 : basically_competent ")
        self.assertEqual(self.json("settings", "get", "spotcheck_caps")["settings"][0]["value"], "2:basically_competent")
        sid = self.secondment()
        self.ok("evaluate", sid, "--period", "final", "--rater", "org", "--conduct", "95", "--competence", "95",
                "--diligence", "95", "--performance", "95", "--integrity", "95", "--grade", "excellent")
        self.ok("spotcheck", "add", sid, "--on", "2026-03-12", "--result", "absent")
        self.assertEqual(self.report(sid)["overall"]["grade"], "excellent")  # 1 absence: no cap now
        self.ok("spotcheck", "add", sid, "--on", "2026-03-13", "--result", "absent")
        self.assertEqual(self.report(sid)["overall"]["grade"], "basically_competent")
        self.ok("settings", "set", "spotcheck_caps", "")  # no cap at all
        self.assertEqual(self.report(sid)["overall"]["grade"], "excellent")

    # --- village rules ---------------------------------------------------------------------------

    def test_village_month_of_19_and_20_days(self):
        village = self.secondment("A1001", "--type", "village", start="2026-03-01")
        standard = self.secondment("A1003", start="2026-03-01")
        for sid in (village, standard):
            self.ok("trip", "add", sid, "--from", "2026-03-01", "--to", "2026-03-19", "--purpose", "驻村走访")
        rep = self.report(village)
        self.assertEqual(rep["days_in_post"], 19)
        flagged = self.alerts(rep, "village_month_below_minimum")
        self.assertEqual(len(flagged), 1)
        self.assertIn("19 days in post in 2026-03, fewer than 20", flagged[0]["message"])
        self.assertIn("local policy", flagged[0]["message"])
        self.assertEqual(self.alerts(self.report(standard), "village_month_below_minimum"), [])
        self.assertEqual(self.report(standard)["village_years"], [])
        # April is not complete as of 2026-04-10: not flagged.
        self.assertEqual([a for a in self.alerts(self.report(village, "2026-04-10"), "village_month_below_minimum")
                          if "2026-04" in a["message"]], [])
        self.checkin("A1001", "2026-03-21")  # a Saturday counts for a village secondee
        rep = self.report(village)
        self.assertEqual(rep["days_in_post"], 20)
        self.assertEqual(self.alerts(rep, "village_month_below_minimum"), [])
        self.ok("settings", "set", "village_min_days_month", "21")
        self.assertEqual(len(self.alerts(self.report(village), "village_month_below_minimum")), 1)
        self.assertEqual(self.row(village)["days_in_post"], 20)

    def test_village_year_pro_rata(self):
        village = self.secondment("A1001", "--type", "village", start="2026-03-01", end="2027-02-28")
        self.ok("trip", "add", village, "--from", "2026-03-01", "--to", "2026-09-30", "--purpose", "驻村")
        years = self.report(village, "2026-12-31")["village_years"]
        # 306 days of 2026: 200 * 306 / 365 = 167.7, rounded 168; 214 days in post.
        self.assertEqual(years, [{"year": 2026, "days": 306, "days_in_post": 214, "required": 168,
                                  "complete": True}])
        self.assertEqual(self.alerts(self.report(village, "2026-12-31"), "village_year_below_minimum"), [])
        self.ok("settings", "set", "village_min_days_year", "300")  # 300 * 306 / 365 = 251.5 → 252
        rep = self.report(village, "2027-01-05")
        flagged = self.alerts(rep, "village_year_below_minimum")
        self.assertEqual(len(flagged), 1)
        self.assertIn("214 days in post in 2026, fewer than 252", flagged[0]["message"])
        self.assertEqual(rep["village_years"][1]["complete"], False)  # 2027 is under way

    def test_settings_shown_and_validated(self):
        rows = {r["key"]: (r["value"], r["default"]) for r in self.json("settings", "get")["settings"]}
        self.assertEqual(rows["max_makeup_per_month"], ("3", "3"))
        self.assertEqual(rows["spotcheck_caps"][1], "1:competent,2:basically_competent,3:incompetent")
        self.assertEqual(rows["village_min_days_month"], ("20", "20"))
        self.assertEqual(rows["village_min_days_year"], ("200", "200"))
        for key, value in (("max_makeup_per_month", "32"), ("max_makeup_per_month", "2.5"),
                           ("village_min_days_month", "32"), ("village_min_days_year", "367"),
                           ("village_min_days_year", "many")):
            with self.subTest(key=key, value=value):
                self.assertFailsUnchanged(3, "settings", "set", key, value, message=key)

    # --- the reports' keys, Chinese, formats -----------------------------------------------------

    def test_json_keys_of_both_reports(self):
        sid = self.secondment()
        keys = ("trip_days", "makeup_days", "days_in_post", "spot_check_absences")
        rep = self.report(sid)
        row = self.row(sid)
        for key in keys:
            self.assertEqual(rep[key], 0)
            self.assertEqual(row[key], 0)
        self.assertEqual(list(row)[-4:], list(keys))
        for key in ("trips", "spot_checks", "village_years"):
            self.assertEqual(rep[key], [])

    def test_chinese(self):
        sid = self.secondment("A1001", "--type", "village", start="2026-03-01")
        self.ok("trip", "add", sid, "--from", "2026-03-02", "--to", "2026-03-03", "--purpose", "开会")
        self.makeup("A1001", "2026-03-04")
        self.ok("spotcheck", "add", sid, "--on", "2026-03-05", "--result", "absent")
        text = self.ok("--lang", "zh", "report", "secondment", sid, "--as-of", "2026-03-31").out
        for label in ("报备天数", "补卡天数", "在岗日历天数", "抽查不在岗次数", "报备记录", "抽查记录", "不在岗",
                      "驻村月度天数不足", "地方政策"):
            self.assertIn(label, text)
        r = self.assertFailsUnchanged(3, "--lang", "zh", "trip", "add", sid, "--from", "2026-02-02", "--to",
                                      "2026-02-03", "--purpose", "x")
        self.assertIn("不在挂职期间", r.err)
        r = self.assertFailsUnchanged(3, "--lang", "zh", "checkin", "A1001", "--reason", "x")
        self.assertIn("仅用于补卡", r.err)
        html = self.ok("--lang", "zh", "--format", "html", "report", "secondment", sid, "--as-of", "2026-03-31").out
        self.assertIn("报备天数", html)
        out = os.path.join(self.dir, "r.xlsx")
        self.ok("--format", "xlsx", "-o", out, "report", "secondment", sid, "--as-of", "2026-03-31")
        self.assertTrue(os.path.getsize(out) > 0)
        self.assertIn("报备", self.ok("--lang", "zh", "trip", "add", sid, "--from", "2026-03-09", "--to", "2026-03-09",
                                    "--purpose", "x", "--format", "json").out)


if __name__ == "__main__":
    unittest.main()
