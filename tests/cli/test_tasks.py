"""Issue 12, part A: tasks set by the host (task add/progress/done/list, import tasks), task_overdue and
the task columns of both secondment reports, the term rule (term_outside_rule) and the host rule
(host_over_limit, setting max_secondees_per_host), end to end: every command, every bad input with
nothing written, each rule at its boundary, every format, Chinese."""
import datetime
import os

import openpyxl

from helpers import CliTest

START, END = "2026-03-02", "2027-03-01"  # exactly one year: the day before the anniversary


class TasksTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        self.sid = self.secondment("A1003")

    def secondment(self, staff_no, start=START, end=END, host="HXZ"):
        return self.ok("secondment", "add", staff_no, "--from", "QXFGW", "--to", host, "--post", "副镇长",
                       "--start", start, "--end", end, "--batch", "b1").out.strip()

    def task(self, *extra, title="招商引资", due="2026-06-30", on="2026-03-02"):
        args = ["task", "add", self.sid, "--title", title, "--objective", "引进项目 2 个", "--due", due]
        if on:
            args += ["--on", on]
        return self.ok(*args, *extra).out.strip()

    def report(self, as_of):
        return self.json("report", "secondment", self.sid, "--as-of", as_of)

    def codes(self, alerts):
        return [a["code"] for a in alerts]

    # --- commands --------------------------------------------------------------------------

    def test_add_progress_done_list(self):
        t = self.task("--requirement", "每月报告进展", "--mentor", "李四")
        self.assertEqual(t, "1")
        added = self.json("task", "add", self.sid, "--title", "调研", "--objective", "写报告", "--due", "2026-12-31",
                          "--on", "2026-03-10")
        self.assertEqual(added["id"], 2)
        self.ok("task", "progress", t, "--on", "2026-04-15", "--text", "洽谈两家企业")
        self.ok("task", "progress", t, "--on", "2026-05-15", "--text", "签约一家")
        done = self.json("task", "done", t, "--on", "2026-06-20", "--outcome", "引进 1 个")
        self.assertTrue(done["ok"])
        rows = self.json("task", "list", "--secondment", self.sid)["tasks"]
        self.assertEqual(list(rows[0]), ["id", "secondment", "staff_no", "name", "title", "objective", "requirement",
                                         "mentor", "set_on", "due", "status", "done_on", "done_late", "outcome",
                                         "progress"])
        first = rows[0]
        self.assertEqual((first["title"], first["mentor"], first["requirement"]), ("招商引资", "李四", "每月报告进展"))
        self.assertEqual((first["status"], first["done_on"], first["done_late"], first["outcome"], first["progress"]),
                         ("done", "2026-06-20", False, "引进 1 个", 2))
        self.assertEqual((rows[1]["id"], rows[1]["set_on"]), (2, "2026-03-10"))
        # Every format renders the list.
        for fmt in ("table", "csv", "md", "html"):
            self.assertIn("招商引资", self.ok("--format", fmt, "task", "list").out, fmt)
        xlsx = os.path.join(self.dir, "tasks.xlsx")
        self.ok("--format", "xlsx", "-o", xlsx, "task", "list")
        self.assertEqual(openpyxl.load_workbook(xlsx).active.max_row >= 3, True)
        # Every write is audited, and the digests of the new tables vouch for the data.
        entities = [e["entity"] for e in self.json("audit", "log")["entries"]]
        self.assertEqual(entities.count("task"), 3)  # two added, one done
        self.assertEqual(entities.count("task_progress"), 2)
        self.ok("db", "check")

    def test_done_twice_is_a_conflict(self):
        t = self.task()
        self.ok("task", "done", t, "--on", "2026-06-01")
        r = self.assertFailsUnchanged(5, "task", "done", t, "--on", "2026-06-02", message="already done on 2026-06-01")
        self.assertFailsUnchanged(5, "task", "progress", t, "--on", "2026-06-02", "--text", "x",
                                  message="was done on 2026-06-01")
        self.assertNotIn("Traceback", r.err)

    def test_bad_input_names_the_field_and_writes_nothing(self):
        t = self.task(on="2026-04-01")
        add = ["task", "add", self.sid, "--title", "x", "--objective", "y", "--on", "2026-03-02"]
        self.assertFailsUnchanged(3, *add, "--due", "2026-03-01", message="--due 2026-03-01 is outside the secondment")
        self.assertFailsUnchanged(3, *add, "--due", "2027-03-02", message="--due 2027-03-02 is outside the secondment")
        self.assertFailsUnchanged(3, *add, "--due", "2026-02-30", message="--due")
        self.assertFailsUnchanged(3, "task", "add", self.sid, "--title", "x", "--objective", "y", "--due", "2026-05-01",
                                  "--on", "2026-03-01", message="--on 2026-03-01 is outside the secondment")
        self.assertFailsUnchanged(3, "task", "add", self.sid, "--title", "x", "--objective", "y", "--due", "2026-05-01",
                                  "--on", "2026-05-02", message="--due (2026-05-01) is before --on (2026-05-02)")
        self.assertFailsUnchanged(3, "task", "add", self.sid, "--title", " ", "--objective", "y", "--due", "2026-05-01",
                                  message="--title")
        self.assertFailsUnchanged(3, "task", "add", self.sid, "--title", "x", "--objective", "", "--due", "2026-05-01",
                                  message="--objective")
        self.assertFailsUnchanged(2, "task", "add", self.sid, "--title", "x", "--due", "2026-05-01",
                                  message="--objective")
        # Without --on the task is set today (after this period): its due date is refused, saying so.
        self.assertFailsUnchanged(3, "task", "add", self.sid, "--title", "x", "--objective", "y", "--due", "2026-05-01",
                                  message="give --on for the day the host set the task")
        self.assertFailsUnchanged(4, "task", "add", "99", "--title", "x", "--objective", "y", "--due", "2026-05-01",
                                  message="unknown secondment 99")
        self.assertFailsUnchanged(3, "task", "add", "0", "--title", "x", "--objective", "y", "--due", "2026-05-01",
                                  message="SECONDMENT_ID")
        # Progress and completion: a day of the period, not before the task was set.
        self.assertFailsUnchanged(3, "task", "progress", t, "--on", "2026-03-31", "--text", "x",
                                  message="--on (2026-03-31) is before task 1 was set (2026-04-01)")
        self.assertFailsUnchanged(3, "task", "progress", t, "--on", "2027-03-02", "--text", "x",
                                  message="--on 2027-03-02 is outside the secondment")
        self.assertFailsUnchanged(3, "task", "progress", t, "--on", "2026-05-01", "--text", "",
                                  message="--text")
        self.assertFailsUnchanged(3, "task", "done", t, "--on", "2026-03-31",
                                  message="--on (2026-03-31) is before task 1 was set")
        self.assertFailsUnchanged(3, "task", "done", t, "--on", "2027-03-02", message="--on 2027-03-02 is outside")
        self.assertFailsUnchanged(4, "task", "done", "7", "--on", "2026-05-01", message="unknown task 7")
        self.assertFailsUnchanged(4, "task", "progress", "7", "--on", "2026-05-01", "--text", "x",
                                  message="unknown task 7")
        self.assertFailsUnchanged(4, "task", "list", "--secondment", "99", message="unknown secondment 99")
        self.assertFailsUnchanged(3, "task", "list", "--overdue-on", "2026-13-01", message="--overdue-on")
        self.assertFailsUnchanged(2, "task", "frobnicate", message="task")

    # --- status and the reports ------------------------------------------------------------

    def test_overdue_from_the_day_after_the_due_date(self):
        self.task(due="2026-06-30")
        on_due = self.report("2026-06-30")
        self.assertEqual((on_due["tasks_open"], on_due["tasks_overdue"]), (1, 0))
        self.assertNotIn("task_overdue", self.codes(on_due["alerts"]))
        self.assertEqual(self.json("task", "list", "--overdue-on", "2026-06-30")["tasks"], [])
        after = self.report("2026-07-01")
        self.assertEqual((after["tasks_open"], after["tasks_overdue"]), (0, 1))
        self.assertEqual(after["tasks"], [{"id": 1, "title": "招商引资", "due": "2026-06-30", "status": "overdue",
                                           "done_on": None, "done_late": False}])
        alert = [a for a in after["alerts"] if a["code"] == "task_overdue"]
        self.assertEqual(alert[0]["message"], "张伟: task 1 (招商引资) was due on 2026-06-30 and is not done")
        listed = self.json("task", "list", "--overdue-on", "2026-07-01")
        self.assertEqual((listed["as_of"], [t["id"] for t in listed["tasks"]]), ("2026-07-01", [1]))
        # Done late: done from that day on, and the row says it was late; as of the day before, overdue.
        self.ok("task", "done", "1", "--on", "2026-07-03")
        late = self.report("2026-07-03")
        self.assertEqual(late["tasks"][0]["status"], "done")
        self.assertEqual((late["tasks"][0]["done_on"], late["tasks"][0]["done_late"]), ("2026-07-03", True))
        self.assertNotIn("task_overdue", self.codes(late["alerts"]))
        before = self.report("2026-07-02")["tasks"][0]
        self.assertEqual((before["status"], before["done_on"]), ("overdue", None))
        # Done on the due date: not late.
        self.task(title="准时", due="2026-08-31")
        self.ok("task", "done", "2", "--on", "2026-08-31")
        self.assertFalse(self.report("2026-09-01")["tasks"][1]["done_late"])

    def test_batch_report_rows_and_alerts(self):
        other = self.secondment("A1001", host="DSZ")
        self.task(due="2026-04-30")
        self.task(title="调研", due="2026-12-31")
        data = self.json("report", "secondments", "--batch", "b1", "--as-of", "2026-05-01")
        rows = {r["id"]: r for r in data["rows"]}
        self.assertEqual((rows[int(self.sid)]["tasks_open"], rows[int(self.sid)]["tasks_overdue"]), (1, 1))
        self.assertEqual((rows[int(other)]["tasks_open"], rows[int(other)]["tasks_overdue"]), (0, 0))
        overdue = [a for a in data["alerts"] if a["code"] == "task_overdue"]
        self.assertEqual([(a["id"], a["staff_no"]) for a in overdue], [(int(self.sid), "A1003")])

    def test_html_and_xlsx_show_a_task_table(self):
        self.task()
        html = self.ok("--format", "html", "report", "secondment", self.sid, "--as-of", "2026-07-01").out
        self.assertIn("招商引资", html)
        self.assertIn("Tasks", html)
        path = os.path.join(self.dir, "r.xlsx")
        self.ok("--format", "xlsx", "-o", path, "report", "secondment", self.sid, "--as-of", "2026-07-01")
        cells = [c.value for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
        self.assertIn("招商引资", cells)

    def test_chinese(self):
        self.task(due="2026-06-30")
        table = self.ok("--lang", "zh", "task", "list", "--overdue-on", "2026-07-01").out
        for word in ("任务名称", "任务目标", "完成期限", "逾期未完成", "下达日期", "导师", "完成日期"):
            self.assertIn(word, table)
        report = self.ok("--lang", "zh", "report", "secondment", self.sid, "--as-of", "2026-07-01").out
        self.assertIn("工作任务", report)
        self.assertIn("任务 1（招商引资）应于 2026-06-30 前完成，尚未完成", report)
        self.ok("task", "done", "1", "--on", "2026-07-02")
        r = self.assertFailsUnchanged(5, "--lang", "zh", "task", "done", "1", "--on", "2026-07-03")
        self.assertIn("任务 1 已于 2026-07-02 完成", r.err)
        r = self.assertFailsUnchanged(3, "--lang", "zh", "task", "add", self.sid, "--title", "x", "--objective", "y",
                                      "--due", "2027-05-01", "--on", "2026-03-02")
        self.assertIn("不在挂职期间", r.err)

    # --- import ----------------------------------------------------------------------------

    def test_import_csv_all_or_nothing_and_xlsx(self):
        head = "secondment,title,objective,due,requirement,mentor,on\n"
        bad = self.write("bad.csv", head + f"{self.sid},甲,目标甲,2026-06-30,,王五,2026-03-02\n"
                                           f"{self.sid},乙,目标乙,2027-06-30,,,2026-03-02\n"
                                           f"{self.sid},,目标丙,2026-06-30,,,2026-03-02\n")
        r = self.assertFailsUnchanged(3, "import", "tasks", bad)
        self.assertIn("bad.csv:3: due 2027-06-30 is outside the secondment", r.err)
        self.assertIn("bad.csv:4: title", r.err)
        unknown = self.write("unknown.csv", head + "99,丁,目标丁,2026-06-30,,,2026-03-02\n")
        self.assertFailsUnchanged(4, "import", "tasks", unknown, message="unknown.csv:2:")
        self.assertIn("unknown secondment 99", self.run_cli("import", "tasks", unknown).err)
        good = self.write("good.csv", head + f"{self.sid},甲,目标甲,2026-06-30,每周汇报,王五,2026-03-02\n")
        self.assertEqual(self.json("import", "tasks", good)["written"], 1)
        # Chinese headers (the --lang zh labels) and a workbook with real date cells.
        zh = self.write("zh.csv", "挂职,任务名称,任务目标,完成期限,日期\n" f"{self.sid},乙,目标乙,2026-09-30,2026-03-05\n")
        self.assertEqual(self.json("import", "tasks", zh)["written"], 1)
        path = os.path.join(self.dir, "tasks.xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["secondment", "title", "objective", "due", "on"])
        ws.append([int(self.sid), "丙", "目标丙", datetime.datetime(2026, 10, 31), datetime.datetime(2026, 3, 6)])
        wb.save(path)
        self.assertEqual(self.json("import", "tasks", path)["written"], 1)
        rows = self.json("task", "list")["tasks"]
        self.assertEqual([(t["title"], t["due"], t["set_on"]) for t in rows],
                         [("甲", "2026-06-30", "2026-03-02"), ("乙", "2026-09-30", "2026-03-05"),
                          ("丙", "2026-10-31", "2026-03-06")])
        self.assertEqual(rows[0]["requirement"], "每周汇报")


class TermAndHostTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")

    def add(self, staff_no, start, end, host="HXZ"):
        return self.ok("secondment", "add", staff_no, "--from", "QXFGW", "--to", host, "--post", "挂职",
                       "--start", start, "--end", end).out.strip()

    def term_alerts(self, sid):
        return [a for a in self.json("report", "secondment", sid, "--as-of", "2026-04-01")["alerts"]
                if a["code"] == "term_outside_rule"]

    def test_term_of_exactly_one_year_and_one_day_less(self):
        year = self.add("A1001", "2026-03-02", "2027-03-01", host="HXZ")
        short = self.add("A1002", "2026-03-02", "2027-02-28", host="DSZ")
        self.assertEqual(self.term_alerts(year), [])
        alert = self.term_alerts(short)
        self.assertEqual(alert[0]["message"], "李秀英: the term 2026-03-02 to 2027-02-28 is shorter than 1 year "
                                              "(a secondment lasts 1 to 3 years)")
        batch = self.json("report", "secondments", "--as-of", "2026-04-01")["alerts"]
        self.assertEqual([(a["id"], a["code"]) for a in batch if a["code"] == "term_outside_rule"],
                         [(int(short), "term_outside_rule")])
        # An extension to a full year clears it.
        self.ok("secondment", "extend", short, "--until", "2027-03-01", "--reason", "延长")
        self.assertEqual(self.term_alerts(short), [])
        zh = self.ok("--lang", "zh", "report", "secondment", year, "--as-of", "2026-04-01").out
        self.assertNotIn("挂职期限", zh)

    def test_term_of_exactly_three_years_and_one_day_more(self):
        three = self.add("A1001", "2026-03-02", "2029-03-01")
        longer = self.add("A1002", "2026-03-02", "2029-03-02", host="DSZ")
        self.assertEqual(self.term_alerts(three), [])
        self.assertIn("is longer than 3 years", self.term_alerts(longer)[0]["message"])
        zh = self.ok("--lang", "zh", "report", "secondment", longer, "--as-of", "2026-04-01").out
        self.assertIn("挂职期限 2026-03-02 至 2029-03-02 超过 3 年", zh)

    def test_two_and_three_secondees_at_one_host(self):
        self.add("A1001", "2026-03-02", "2027-03-01")
        self.add("A1002", "2026-03-02", "2027-03-01")
        self.add("A1005", "2026-03-02", "2027-03-01", host="DSZ")

        def host_alerts(as_of="2026-04-01", *extra):
            data = self.json("report", "secondments", "--as-of", as_of, *extra)
            return [a for a in data["alerts"] if a["code"] == "host_over_limit"]

        self.assertEqual(host_alerts(), [])  # two at HXZ: the limit
        third = self.add("A1003", "2026-04-01", "2027-03-31")
        self.assertEqual(host_alerts("2026-03-31"), [])  # the third not yet started
        alert = host_alerts()
        self.assertEqual(alert, [{"id": None, "staff_no": None, "code": "host_over_limit",
                                  "message": "host HXZ has 3 secondees active on 2026-04-01, more than 2 "
                                             "(setting max_secondees_per_host, local policy)"}])
        self.assertEqual(len(host_alerts("2026-04-01", "--host", "HXZ")), 1)
        self.assertEqual(host_alerts("2026-04-01", "--host", "DSZ"), [])
        # Ended early: no longer active there.
        self.ok("secondment", "end", third, "--on", "2026-05-01", "--reason", "召回")
        self.assertEqual(host_alerts("2026-05-02"), [])
        self.assertEqual(len(host_alerts("2026-05-01")), 1)
        # The limit is a setting: shown, validated, and raising it clears the alert.
        settings = {s["key"]: s for s in self.json("settings", "get")["settings"]}
        self.assertEqual((settings["max_secondees_per_host"]["value"], settings["max_secondees_per_host"]["default"]),
                         ("2", "2"))
        for bad in ("0", "1.5", "abc", ""):
            self.assertFailsUnchanged(3, "settings", "set", "max_secondees_per_host", bad,
                                      message="max_secondees_per_host")
        self.ok("settings", "set", "max_secondees_per_host", "3")
        self.assertEqual(self.ok("settings", "get", "max_secondees_per_host").out.count("3") >= 1, True)
        self.assertEqual(host_alerts("2026-04-01"), [])
        zh = self.ok("--lang", "zh", "settings", "set", "max_secondees_per_host", "2").out
        self.assertTrue(zh)
        zh = self.ok("--lang", "zh", "report", "secondments", "--as-of", "2026-04-01").out
        self.assertIn("接收单位 HXZ 在 2026-04-01 有 3 名在岗挂职干部，超过 2 名（设置 max_secondees_per_host，本地政策）", zh)
