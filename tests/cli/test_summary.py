"""Issue 13: the end-of-term summary and appraisal form (干部挂职锻炼总结鉴定表), end to end: `log add`'s
sections, `opinion add` (one per rater role, a replacement audited), `import logs`, `report summary` in
JSON (every field of DESIGN.md), the Chinese HTML form printed by headless Chromium (1 or 2 A4 pages),
the docx read by python-docx, the batch, and bad values that leave the database as it was."""
import os
import re
import subprocess
import tempfile
import unittest

import openpyxl

from helpers import CliTest

try:
    import docx  # Debian's python3-docx
except ImportError:  # pragma: no cover - a test dependency (scripts/deps --test)
    docx = None

CHROMIUM = "/usr/bin/chromium"
AS_OF = "2026-06-10"


def pdf_pages(html_path, pdf_path):
    with tempfile.TemporaryDirectory() as profile:
        p = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
                            "file://" + os.path.abspath(html_path)], capture_output=True, text=True, timeout=120)
    if p.returncode != 0 or not os.path.exists(pdf_path):
        raise AssertionError(f"chromium failed: {p.stderr}")
    with open(pdf_path, "rb") as f:
        return len(re.findall(rb"/Type\s*/Page(?![s\w])", f.read()))


class SummaryTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        self.sid = self.secondment("A1003", "DSZ", "b1")

    def secondment(self, staff_no, host, batch):
        return self.ok("secondment", "add", staff_no, "--from", "QXFGW", "--to", host, "--post", "副镇长",
                       "--start", "2026-03-02", "--end", "2027-03-01", "--batch", batch).out.strip()

    def fill(self):
        """A term so far: check-ins, a trip, approved leave, a make-up, spot checks, tasks, three monthly
        reports with their sections, three evaluations, two opinions (the organisation's left blank)."""
        sid = self.sid
        for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
            self.ok("checkin", "A1003", "--at", f"{day}T08:31:00+08:00")
        self.ok("checkin", "A1003", "--at", "2026-03-05T08:40:00+08:00", "--makeup", "--reason", "考勤机故障",
                "--approved-by", "东山镇党委")
        self.ok("trip", "add", sid, "--from", "2026-03-16", "--to", "2026-03-17", "--purpose", "参加全区项目推进会")
        leave = self.ok("leave", "request", sid, "--from", "2026-04-20", "--to", "2026-04-21", "--kind",
                        "sick").out.strip()
        self.ok("leave", "approve", leave, "--by", "东山镇党委", "--level", "host")
        self.ok("spotcheck", "add", sid, "--on", "2026-03-04", "--result", "present", "--by", "区委组织部")
        self.ok("spotcheck", "add", sid, "--on", "2026-03-10", "--result", "absent", "--by", "区委组织部")
        t = self.ok("task", "add", sid, "--title", "防汛预案", "--objective", "修订全镇防汛预案并组织演练",
                    "--due", "2026-05-31", "--mentor", "陈明", "--requirement", "每月报告进展",
                    "--on", "2026-03-02").out.strip()
        self.ok("task", "progress", t, "--on", "2026-04-10", "--text", "完成初稿")
        self.ok("task", "done", t, "--on", "2026-05-28", "--outcome", "预案已印发，演练一次")
        self.ok("task", "add", sid, "--title", "招商引资", "--objective", "引进项目 2 个", "--due", "2026-06-05",
                "--on", "2026-03-10")
        self.ok("log", "add", sid, "--month", "2026-03", "--text", "熟悉镇情，走访 12 个村", "--insights",
                "基层工作要接地气", "--problems", "对农业政策不熟", "--plans", "学习农业政策", "--on", "2026-04-03")
        self.ok("log", "add", sid, "--month", "2026-04", "--text", "牵头修订防汛预案", "--on", "2026-05-04")
        self.ok("log", "add", sid, "--month", "2026-05", "--text", "组织防汛演练", "--insights", "预案要能落地",
                "--plans", "推进招商项目落地", "--on", "2026-06-03")
        for rater, score in (("host", "94"), ("home", "90"), ("org", "92")):
            self.ok("evaluate", sid, "--period", "final", "--rater", rater, "--conduct", score, "--competence",
                    score, "--diligence", score, "--performance", score, "--integrity", score)
        self.ok("opinion", "add", sid, "--by", "host", "--text", "该同志工作扎实，成效明显。", "--signed-by", "东山镇党委",
                "--on", "2026-06-08")
        self.ok("opinion", "add", sid, "--by", "home", "--text", "同意接收单位意见。", "--signed-by", "区发改局党组",
                "--on", "2026-06-09")

    def summary(self, *extra):
        return self.json("report", "summary", self.sid, "--as-of", AS_OF, *extra)

    # --- JSON ----------------------------------------------------------------------------------

    def test_every_json_field(self):
        self.fill()
        s = self.summary()
        self.assertEqual(list(s), ["person", "secondment", "as_of", "attendance", "work", "tasks", "trips", "leaves",
                                   "spot_checks", "evaluations", "overall", "opinions", "alerts"])
        self.assertEqual(s["person"], {"staff_no": "A1003", "name": "张伟", "gender": "m", "birth": "1990-02-17",
                                       "unit": "QXFGW", "unit_name": "青溪区发展和改革局", "rank": "二级主任科员",
                                       "title": "副科长"})
        sec = s["secondment"]
        self.assertEqual(list(sec), ["id", "type", "host", "host_name", "home", "home_name", "post", "start", "end",
                                     "status"])
        self.assertEqual((sec["id"], sec["type"], sec["host"], sec["home"], sec["start"], sec["end"], sec["status"]),
                         (int(self.sid), "standard", "DSZ", "QXFGW", "2026-03-02", "2027-03-01", "active"))
        self.assertEqual(s["as_of"], AS_OF)
        # The attendance is the secondment report's, figure for figure (computed there, once).
        r = self.json("report", "secondment", self.sid, "--as-of", AS_OF)
        a = s["attendance"]
        self.assertEqual(list(a), ["working_days", "present_days", "trip_days", "leave_days", "makeup_days",
                                   "days_in_post", "presence_rate"])
        for k in a:
            self.assertEqual(a[k], r[k], k)
        self.assertEqual((a["present_days"], a["trip_days"], a["leave_days"], a["makeup_days"]), (4, 2, 2, 1))
        self.assertEqual([w["month"] for w in s["work"]], ["2026-03", "2026-04", "2026-05"])
        self.assertEqual(s["work"][0], {"month": "2026-03", "text": "熟悉镇情，走访 12 个村", "insights": "基层工作要接地气",
                                        "problems": "对农业政策不熟", "plans": "学习农业政策", "filed_on": "2026-04-03"})
        self.assertEqual((s["work"][1]["insights"], s["work"][1]["plans"]), (None, None))
        done, open_ = s["tasks"]
        self.assertEqual(list(done), ["id", "title", "objective", "requirement", "mentor", "due", "status", "done_on",
                                      "outcome", "progress"])
        self.assertEqual((done["title"], done["objective"], done["requirement"], done["mentor"], done["status"],
                          done["done_on"], done["outcome"]),
                         ("防汛预案", "修订全镇防汛预案并组织演练", "每月报告进展", "陈明", "done", "2026-05-28", "预案已印发，演练一次"))
        self.assertEqual(done["progress"], [{"on": "2026-04-10", "text": "完成初稿"}])
        self.assertEqual((open_["status"], open_["done_on"], open_["outcome"]), ("overdue", None, None))
        self.assertEqual([(t["from"], t["to"], t["purpose"]) for t in s["trips"]],
                         [("2026-03-16", "2026-03-17", "参加全区项目推进会")])
        self.assertEqual([(l["from"], l["to"], l["status"], l["days"]) for l in s["leaves"]],
                         [("2026-04-20", "2026-04-21", "approved", 2)])
        self.assertEqual(s["spot_checks"], {"total": 2, "absent": 1})
        self.assertEqual([(e["period"], e["rater"], e["score"], e["grade"]) for e in s["evaluations"]],
                         [("final", "host", 94.0, "excellent"), ("final", "home", 90.0, "excellent"),
                          ("final", "org", 92.0, "excellent")])
        # One absence found by a spot check caps the grade (setting spotcheck_caps), as in report secondment.
        self.assertEqual(s["overall"], {"score": r["overall"]["score"], "grade": "competent"})
        self.assertEqual(r["overall"]["grade"], "competent")
        self.assertEqual(s["opinions"], [
            {"by": "host", "text": "该同志工作扎实，成效明显。", "signed_by": "东山镇党委", "on": "2026-06-08"},
            {"by": "home", "text": "同意接收单位意见。", "signed_by": "区发改局党组", "on": "2026-06-09"}])
        self.assertEqual([x["code"] for x in s["alerts"]], [x["code"] for x in r["alerts"]])
        self.assertIn("grade_capped_by_spot_checks", [x["code"] for x in s["alerts"]])
        self.assertIn("task_overdue", [x["code"] for x in s["alerts"]])
        self.assertEqual(list(s["alerts"][0]), ["code", "message"])

    def test_as_of_leaves_out_what_came_later(self):
        self.fill()
        s = self.json("report", "summary", self.sid, "--as-of", "2026-05-27")
        self.assertEqual([w["month"] for w in s["work"]], ["2026-03", "2026-04"])  # May's filed 3 June
        self.assertEqual(s["opinions"], [])
        self.assertEqual(s["tasks"][0]["status"], "open")  # done on 28 May: after the summary's day
        self.assertEqual((s["tasks"][0]["done_on"], s["tasks"][0]["outcome"]), (None, None))
        self.assertEqual(s["tasks"][0]["progress"], [{"on": "2026-04-10", "text": "完成初稿"}])
        self.assertEqual(s["tasks"][1]["status"], "open")  # due 5 June
        # Exactly at the due date vs one past.
        self.assertEqual(self.json("report", "summary", self.sid, "--as-of", "2026-06-05")["tasks"][1]["status"], "open")
        self.assertEqual(self.json("report", "summary", self.sid, "--as-of", "2026-06-06")["tasks"][1]["status"],
                         "overdue")

    # --- opinions and monthly reports ----------------------------------------------------------

    def test_opinion_replaced_and_audited(self):
        first = self.json("opinion", "add", self.sid, "--by", "org", "--text", "初稿", "--signed-by", "区委组织部",
                          "--on", "2026-06-01")
        self.assertFalse(first["replaced"])
        second = self.json("opinion", "add", self.sid, "--by", "org", "--text", "同意评为称职", "--signed-by",
                           "区委组织部", "--on", "2026-06-02")
        self.assertTrue(second["replaced"])
        ops = self.summary()["opinions"]
        self.assertEqual(ops, [{"by": "org", "text": "同意评为称职", "signed_by": "区委组织部", "on": "2026-06-02"}])
        entries = [e for e in self.json("audit", "log")["entries"] if e["entity"] == "opinion"]
        self.assertEqual([e["operation"] for e in entries], ["add", "replace"])
        self.assertIn("初稿", entries[1]["before"])
        self.assertIn("同意评为称职", entries[1]["after"])
        self.ok("db", "check")
        self.ok("audit", "verify")

    def test_bad_values_leave_the_database_unchanged(self):
        sid = self.sid
        add = ["opinion", "add", sid, "--text", "x", "--signed-by", "y"]
        self.assertFailsUnchanged(3, *add, "--by", "peer", message="--by: unknown value peer")
        self.assertFailsUnchanged(4, "opinion", "add", "999", "--by", "host", "--text", "x", "--signed-by", "y",
                                  message="unknown secondment 999")
        self.assertFailsUnchanged(3, *add, "--by", "host", "--on", "2026-02-30", message="--on")
        self.assertFailsUnchanged(3, *add, "--by", "host", "--on", "2026-03-01",
                                  message="is before the secondment starts")  # one day early
        self.ok(*add, "--by", "host", "--on", "2026-03-02")  # the first day is fine
        self.assertFailsUnchanged(3, "opinion", "add", sid, "--by", "home", "--text", " ", "--signed-by", "y",
                                  message="text")
        self.assertFailsUnchanged(2, "opinion", "add", sid, "--by", "home", "--text", "x", message="--signed-by")
        self.assertFailsUnchanged(3, "log", "add", sid, "--month", "2026-03", "--text", "x", "--insights", "a\x1bb",
                                  message="--insights")
        self.assertFailsUnchanged(3, "log", "add", sid, "--month", "2026-03", "--text", "x", "--on", "2026-04-31",
                                  message="--on")
        self.assertFailsUnchanged(4, "report", "summary", "999", message="unknown secondment 999")
        self.assertFailsUnchanged(3, "report", "summary", sid, "--as-of", "2026-13-01", message="--as-of")
        self.assertFailsUnchanged(2, "--format", "docx", "report", "summary", sid, message="-o FILE")
        self.assertFailsUnchanged(3, "--format", "docx", "-o", os.path.join(self.dir, "u.docx"), "unit", "list",
                                  message="docx")

    def test_import_logs_all_or_nothing(self):
        good = self.write("logs.csv", "secondment_id,month,text,insights,problems,plans,on\n"
                                      f"{self.sid},2026-03,三月工作,三月体会,,三月打算,2026-04-02\n"
                                      f"{self.sid},2026-04,四月工作,,四月不足,,2026-05-03\n")
        bad = self.write("bad.csv", "secondment_id,month,text,on\n"
                                    f"{self.sid},2026-05,五月工作,2026-06-01\n"
                                    f"{self.sid},2026-06,,2026-07-01\n")
        self.assertFailsUnchanged(3, "import", "logs", bad, message="bad.csv:3")
        self.ok("import", "logs", good)
        work = self.summary()["work"]
        self.assertEqual([(w["month"], w["text"], w["insights"], w["problems"], w["plans"]) for w in work],
                         [("2026-03", "三月工作", "三月体会", None, "三月打算"), ("2026-04", "四月工作", None, "四月不足", None)])
        # From a workbook too.
        wb = openpyxl.Workbook()
        wb.active.append(["secondment_id", "month", "text", "plans"])
        wb.active.append([int(self.sid), "2026-05", "五月工作", "六月打算"])
        path = os.path.join(self.dir, "logs.xlsx")
        wb.save(path)
        self.ok("import", "logs", path)
        self.assertEqual(self.json("report", "summary", self.sid)["work"][-1]["plans"], "六月打算")  # filed today

    # --- the form ------------------------------------------------------------------------------

    def test_chinese_html_form(self):
        self.fill()
        self.ok("log", "add", self.sid, "--month", "2026-06", "--text", "<script>alert(1)</script> & 其他",
                "--on", "2026-06-10")
        path = os.path.join(self.dir, "summary.html")
        self.ok("--lang", "zh", "--format", "html", "-o", path, "report", "summary", self.sid, "--as-of", AS_OF)
        html = open(path, encoding="utf-8").read()
        for heading in ("干部挂职锻炼总结鉴定表", "基本情况", "挂职情况", "个人总结", "主要工作", "心得体会", "存在不足",
                        "下一步打算", "任务完成情况", "考勤情况", "考核情况", "鉴定意见", "接收单位意见", "派出单位意见",
                        "组织部门意见"):
            self.assertIn(heading, html, heading)
        for text in ("张伟", "东山镇人民政府", "熟悉镇情，走访 12 个村", "基层工作要接地气", "预案要能落地", "对农业政策不熟",
                     "修订全镇防汛预案并组织演练", "预案已印发，演练一次", "参加全区项目推进会", "该同志工作扎实，成效明显。",
                     "东山镇党委", "2026-06-08", "称职"):
            self.assertIn(text, html, text)
        # 下一步打算 is the latest plans given (May's), not the first.
        plans = html[html.index("下一步打算"):]
        self.assertIn("推进招商项目落地", plans[:400])
        self.assertNotIn("学习农业政策", plans[:400])
        # Typed text is shown, never obeyed.
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 其他", html)
        # Three signature lines; the organisation's box is blank, to be signed on paper.
        self.assertEqual(html.count('class="sign"'), 3)
        org = html[html.index("组织部门意见"):]
        self.assertRegex(org, r'<div class="box"></div><div class="sign">签字（盖章）：[\u3000 ]+日期')
        self.assertIn("@page { size: A4", html)
        self.assertIn("Noto Serif CJK SC", html)
        self.assertIn("page-break-inside: avoid", html)
        if not os.path.exists(CHROMIUM):
            self.skipTest("chromium is not installed (scripts/deps --test installs it)")
        pages = pdf_pages(path, os.path.join(self.dir, "summary.pdf"))
        self.assertIn(pages, (1, 2))

    @unittest.skipIf(docx is None, "python3-docx is not installed (scripts/deps --test installs it)")
    def test_docx_form(self):
        self.fill()
        path = os.path.join(self.dir, "summary.docx")
        self.ok("--lang", "zh", "--format", "docx", "-o", path, "report", "summary", self.sid, "--as-of", AS_OF)
        d = docx.Document(path)
        self.assertEqual(d.paragraphs[0].text, "干部挂职锻炼总结鉴定表")
        self.assertEqual([t.rows[0].cells[0].text for t in d.tables],
                         ["基本情况", "挂职情况", "个人总结", "任务完成情况", "考勤情况", "考核情况", "鉴定意见"])
        text = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
        for part in ("张伟", "副镇长", "熟悉镇情，走访 12 个村", "基层工作要接地气", "对农业政策不熟", "推进招商项目落地",
                     "防汛预案", "预案已印发，演练一次", "出勤率", "参加全区项目推进会", "优秀", "称职",
                     "该同志工作扎实，成效明显。", "同意接收单位意见。", "区发改局党组", "组织部门意见"):
            self.assertIn(part, text, part)
        section = d.sections[0]
        self.assertEqual((section.page_width.mm // 1, section.page_height.mm // 1), (210, 297))  # A4

    def test_every_other_format(self):
        self.fill()
        for fmt in ("table", "csv", "md"):
            out = self.ok("--lang", "zh", "--format", fmt, "report", "summary", self.sid, "--as-of", AS_OF).out
            self.assertIn("熟悉镇情", out, fmt)
        path = os.path.join(self.dir, "summary.xlsx")
        self.ok("--format", "xlsx", "-o", path, "report", "summary", self.sid, "--as-of", AS_OF)
        cells = [str(c.value) for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
        self.assertIn("防汛预案", cells)

    def test_batch_one_file_per_secondee(self):
        self.secondment("A1001", "HXZ", "b1")
        self.secondment("A1002", "HXZ", "other")
        out_dir = os.path.join(self.dir, "forms")
        os.mkdir(out_dir)
        for fmt in ("html", "docx"):
            r = self.ok("--lang", "zh", "--format", fmt, "-o", out_dir, "report", "summary", "--batch", "b1",
                        "--as-of", AS_OF)
            written = r.out.splitlines()
            self.assertEqual([os.path.basename(p) for p in written],
                             [f"summary-2-A1001.{fmt}", f"summary-1-A1003.{fmt}"])
            for p in written:
                self.assertTrue(os.path.isfile(p), p)
                self.assertEqual(os.stat(p).st_mode & 0o777, 0o600)
        self.assertEqual(len(os.listdir(out_dir)), 4)  # no temporary file left behind
        if docx is not None:
            self.assertIn("王建国", "\n".join(c.text for t in docx.Document(os.path.join(out_dir, "summary-2-A1001.docx"))
                                             .tables for row in t.rows for c in row.cells))
        self.assertFailsUnchanged(4, "--format", "html", "-o", out_dir, "report", "summary", "--batch", "nope",
                                  message="no secondment in batch nope")
        self.assertFailsUnchanged(2, "--format", "json", "-o", out_dir, "report", "summary", "--batch", "b1")
        self.assertFailsUnchanged(2, "--format", "html", "-o", os.path.join(self.dir, "none"), "report", "summary",
                                  "--batch", "b1", message="not a folder")
        self.assertFailsUnchanged(2, "--format", "html", "report", "summary", "--batch", "b1", message="-o DIR")


if __name__ == "__main__":
    unittest.main()
