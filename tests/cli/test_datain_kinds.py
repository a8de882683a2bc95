"""Issue 15: the record kinds an office keeps in spreadsheets (secondments, leave, evaluations,
assessments, feedback, hours), each from CSV in UTF-8, GB18030 and UTF-16 and from workbooks
written by openpyxl (and by cadre's own xlsx export where a list exists); a bad row names the
file, the line and the column, and leaves the database as it was."""
import csv
import datetime
import io
import os

import openpyxl

from helpers import EXAMPLES, CliTest, query

SETUP = ["units", "people", "courses", "sessions", "enrolments", "attendance"]
STAFF = ["A1001", "A1002", "A1003"]
DATES = {"secondments": {"start", "end"}, "leave": {"from", "to"}, "hours": {"date"}}
NUMBERS = {"evaluations": {"conduct", "competence", "diligence", "performance", "integrity"},
           "assessments": {"score"}, "feedback": {"session_no", "relevance", "theory", "information", "delivery",
                                                  "manner"}, "hours": {"hours"}}
# What each kind writes, read past the CLI (the same on both backends).
TABLES = {
    "secondments": "SELECT p.staff_no, h.code AS home, u.code AS host, s.post, s.start_date, s.planned_end, s.batch, s.direction, "
                   "s.type FROM secondments s JOIN people p ON p.id = s.person_id JOIN units h ON h.id = "
                   "s.home_unit_id JOIN units u ON u.id = s.host_unit_id ORDER BY p.staff_no",
    "leave": "SELECT secondment_id, from_date, to_date, kind, reason, status, approver, level FROM leaves "
             "ORDER BY from_date",
    "evaluations": "SELECT secondment_id, period, rater, conduct, competence, diligence, performance, integrity, "
                   "grade, comment FROM evaluations ORDER BY secondment_id, rater",
    "assessments": "SELECT c.code, p.staff_no, a.component, a.score FROM assessments a JOIN courses c ON "
                   "c.id = a.course_id JOIN people p ON p.id = a.person_id ORDER BY 1, 2, 3",
    "feedback": "SELECT s.no, p.staff_no, f.relevance, f.theory, f.information, f.delivery, f.manner "
                "FROM feedback f JOIN sessions s ON s.id = f.session_id JOIN people p ON p.id = f.person_id "
                "ORDER BY 1, 2",
    "hours": "SELECT p.staff_no, h.date, h.kind, h.hours, h.title FROM training_hours h JOIN people p ON "
             "p.id = h.person_id ORDER BY 1, 2, 4",
}


def example(kind):
    with open(os.path.join(EXAMPLES, f"{kind}.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def tables(ids):
    """The rows of each kind; leave and evaluations name the secondments by the ids they got."""
    s = [["staff_no", "from", "to", "post", "start", "end", "batch", "direction", "type"],
         ["A1001", "QXFGW", "HXZ", "党委副书记", "2026-03-02", "2027-03-01", "2026-青溪-1", "", ""],
         ["A1002", "QXGOV", "HXZ", "副镇长", "2026-03-02", "2027-03-01", "2026-青溪-1", "down", "village"],
         ["A1003", "QXFGW", "DSZ", "副镇长", "2026-03-02", "2027-03-01", "", "", ""]]
    out = {"secondments": s}
    if ids:
        out["leave"] = [["secondment_id", "from", "to", "kind", "reason", "approved_by", "level"],
                        [ids["A1001"], "2026-04-08", "2026-04-10", "personal", "家事", "河西镇党委", "host"],
                        [ids["A1002"], "2026-04-20", "2026-04-24", "sick", "", "青溪区委组织部", "district"],
                        [ids["A1003"], "2026-05-11", "2026-05-20", "annual", "", "", ""]]
        out["evaluations"] = [["secondment_id", "period", "rater", "conduct", "competence", "diligence",
                               "performance", "integrity", "grade", "comment"],
                              [ids["A1001"], "midterm", "host", "95", "92", "94", "93", "96", "", "表现突出"],
                              [ids["A1001"], "midterm", "home", "92", "90", "91", "90.5", "95", "excellent", ""],
                              [ids["A1002"], "midterm", "org", "85", "82", "88", "80", "90", "competent", ""]]
    for kind in ("assessments", "feedback", "hours"):
        header, rows = example(kind)
        out[kind] = [header] + rows
    return out


def typed(kind, column, text):
    if text == "":
        return None
    if column in DATES.get(kind, ()):
        return datetime.datetime.strptime(text, "%Y-%m-%d")
    if column in NUMBERS.get(kind, ()) or column == "secondment_id":
        return float(text) if "." in str(text) else int(text)
    return text


class KindsTest(CliTest):
    def fresh(self, name):
        """A database of its own with the example units, people, courses and attendance."""
        self.new_database(name)
        self.load_examples(*SETUP)

    def ids(self):
        return {s["staff_no"]: s["id"] for s in self.json("secondment", "list")["secondments"]}

    def write_variant(self, variant, kind, rows):
        if variant == "xlsx":
            path = os.path.join(self.dir, f"{kind}.xlsx")
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = kind
            ws.append(rows[0])
            for r in rows[1:]:
                ws.append([typed(kind, c, str(v)) for c, v in zip(rows[0], r)])
            wb.save(path)
            return path
        buf = io.StringIO()
        csv.writer(buf, delimiter="\t" if variant == "utf-16" else ",", lineterminator="\r\n").writerows(rows)
        path = os.path.join(self.dir, f"{kind}.{variant}.csv")
        with open(path, "wb") as f:
            f.write(buf.getvalue().encode({"utf-8": "utf-8-sig"}.get(variant, variant)))
        return path

    def load(self, variant):
        """Every kind from files of `variant`; the rows each table then holds."""
        self.fresh(variant)
        written = {}
        for kind in ("secondments", "leave", "evaluations", "assessments", "feedback", "hours"):
            rows = tables(self.ids())[kind]
            r = self.json("import", kind, self.write_variant(variant, kind, rows))
            self.assertEqual((r["rows"], r["written"]), (len(rows) - 1, len(rows) - 1), kind)
            written[kind] = query(self.db, TABLES[kind])
        return written

    def test_every_kind_from_utf8_gb18030_utf16_and_openpyxl(self):
        expected = self.load("utf-8")
        self.assertEqual(expected["secondments"][1], ("A1002", "QXGOV", "HXZ", "副镇长", "2026-03-02", "2027-03-01",
                                                      "2026-青溪-1", "down", "village"))
        leave = expected["leave"]
        self.assertEqual([(l[3], l[4], l[5], l[6], l[7]) for l in leave],
                         [("personal", "家事", "approved", "河西镇党委", "host"),
                          ("sick", None, "approved", "青溪区委组织部", "district"),
                          ("annual", None, "requested", None, None)])
        self.assertEqual(expected["evaluations"][0][1:], ("midterm", "home", 92, 90, 91, 90.5, 95, "excellent", None))
        self.assertEqual(len(expected["assessments"]), len(example("assessments")[1]))
        self.assertEqual(len(expected["feedback"]), len(example("feedback")[1]))
        self.assertIn(("A1001", "2026-06-30", "online", 20, "中国干部网络学院 专题学习"), expected["hours"])
        for variant in ("gb18030", "utf-16", "xlsx"):
            with self.subTest(variant=variant):
                self.assertEqual(self.load(variant), expected)

    def test_chinese_headers_and_words(self):
        self.fresh("zh")
        sid = self.ids()
        self.ok("import", "secondments", self.write("s.csv", "工号,派出单位,接收单位,挂职岗位,开始日期,结束日期,挂职方向,类型\n"
                                                              "A1001,QXFGW,HXZ,副书记,2026-03-02,2027-03-01,下派,驻村\n"))
        sid = self.ids()["A1001"]
        self.ok("import", "leave", self.write("l.csv", f"挂职编号,起始日期,截止日期,类别,原因,批准人,审批层级\n"
                                                       f"{sid},2026-04-08,2026-04-10,事假,家事,河西镇党委,接收单位\n"))
        self.ok("import", "evaluations", self.write("e.csv", "挂职编号,考核期,评价主体,德,能,勤,绩,廉,等级,评语\n"
                                                             f"{sid},midterm,接收单位,95,92,94,93,96,优秀,好\n"))
        self.ok("import", "hours", self.write("h.csv", "工号,日期,学时,类别,课程\nA1001,2026-06-30,20,网络培训,专题\n"
                                              .replace("课程", "title")))
        self.assertEqual(query(self.db, "SELECT direction, type FROM secondments"), [("down", "village")])
        self.assertEqual(query(self.db, "SELECT kind, level FROM leaves"), [("personal", "host")])
        self.assertEqual(query(self.db, "SELECT rater, grade FROM evaluations"), [("host", "excellent")])
        self.assertEqual(query(self.db, "SELECT kind FROM training_hours"), [("online",)])

    def test_cadre_own_secondment_list_xlsx_imports_back(self):
        self.fresh("a")
        self.ok("import", "secondments", self.write_variant("utf-8", "secondments", tables({})["secondments"]))
        before = query(self.db, TABLES["secondments"])
        for lang in ("zh", "en"):
            with self.subTest(lang=lang):
                path = os.path.join(self.dir, f"s-{lang}.xlsx")
                self.ok("--lang", lang, "--format", "xlsx", "-o", path, "secondment", "list")
                self.fresh(f"back-{lang}")
                r = self.json("import", "secondments", path)
                self.assertEqual(r["written"], 3)
                self.assertEqual(query(self.db, TABLES["secondments"]), before)

    def test_a_bad_row_names_file_line_and_column_and_writes_nothing(self):
        self.fresh("bad")
        self.ok("import", "secondments", self.write_variant("utf-8", "secondments", tables({})["secondments"]))
        ids = self.ids()
        rows = tables(ids)
        cases = {
            # kind: (row index to spoil, column, bad value, message)
            "secondments": (2, "start", "2026-02-30", "secondments.bad.csv:3: start:"),
            "leave": (1, "level", "", "leave.bad.csv:2: level: required with approved_by"),
            "evaluations": (3, "integrity", "100.5", "evaluations.bad.csv:4: integrity:"),
            "assessments": (1, "score", "abc", "assessments.bad.csv:2: score:"),
            "feedback": (2, "manner", "21", "feedback.bad.csv:3: manner:"),
            "hours": (1, "hours", "0", "hours.bad.csv:2: hours:"),
        }
        for kind, (index, column, value, message) in cases.items():
            with self.subTest(kind=kind):
                bad = [list(r) for r in rows[kind]]
                bad[index][bad[0].index(column)] = value
                if kind == "secondments":  # the others of its rows hold secondments already
                    bad = [bad[0], ["A1007", "QXORG", "DSZ", "组织委员", "2026-03-02", "2027-03-01", "", "", ""],
                           bad[index]]
                    bad[2][0] = "A1009"
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerows(bad)
                path = self.write(f"{kind}.bad.csv", buf.getvalue())
                self.assertFailsUnchanged(3, "import", kind, path, message=message)
                self.assertFailsUnchanged(3, "import", kind, path, "--dry-run", message=message)
        # The limits are the commands' own: exactly at them is taken.
        ok = [list(r) for r in rows["feedback"][:2]]
        for c in ("relevance", "theory", "information", "delivery", "manner"):
            ok[1][ok[0].index(c)] = "20"
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(ok)
        self.assertEqual(self.json("import", "feedback", self.write("f.csv", buf.getvalue()))["written"], 1)
        # A rule of the command (the approval level a 5-day leave needs) refuses the row as it would.
        self.assertFailsUnchanged(5, "import", "leave", self.write(
            "l5.csv", f"secondment_id,from,to,kind,approved_by,level\n{ids['A1002']},2026-04-20,2026-04-24,sick,x,host\n"),
            message="l5.csv:2: a leave of 5 days needs approval at district level")
        # A dry run of good rows reads them all and writes nothing.
        before = query(self.db, TABLES["hours"])
        r = self.json("import", "hours", self.write_variant("utf-8", "hours", rows["hours"]), "--dry-run")
        self.assertEqual((r["rows"], r["dry_run"]), (len(rows["hours"]) - 1, True))
        self.assertEqual(query(self.db, TABLES["hours"]), before)


class CalendarEncodingTest(CliTest):
    def test_calendar_import_reads_every_encoding_and_takes_encoding(self):
        self.ok("db", "init")
        text = "date,kind,name,name_zh\n2027-02-06,holiday,Spring Festival,春节\n2027-02-20,workday,Make-up day,调休上班\n"
        day = "SELECT day, kind, name_zh FROM calendar_days WHERE day IN ('2027-02-06', '2027-02-20') ORDER BY day"
        expected = [("2027-02-06", "holiday", "春节"), ("2027-02-20", "workday", "调休上班")]
        for encoding, forced in (("gb18030", None), ("gbk", "gbk"), ("utf-16", None), ("utf-16", "utf-16")):
            with self.subTest(encoding=encoding, forced=forced):
                path = os.path.join(self.dir, f"cal-{encoding}.csv")
                with open(path, "wb") as f:
                    f.write(text.replace(",", "\t").encode(encoding) if encoding == "utf-16" else text.encode(encoding))
                args = ["--encoding", forced] if forced else []
                self.assertEqual(self.json("calendar", "import", path, *args)["rows"], 2)
                self.assertEqual(query(self.db, day), expected)
        gbk = os.path.join(self.dir, "cal-gb18030.csv")
        self.assertFailsUnchanged(3, "calendar", "import", gbk, "--encoding", "utf-8", message="cal-gb18030.csv:2: not UTF-8")
        self.assertFailsUnchanged(3, "calendar", "import", gbk, "--encoding", "latin1", message="--encoding")
