"""Issue 15: DingTalk's 原始记录 export (`import checkins FILE --input-format dingtalk`), from CSV and
from xlsx, title rows above the header, 未打卡 rows (no punch) and make-ups (补卡 or a manager's change),
`--person-map` by UserId or by name; a bad row names the file, the line and the column."""
import csv
import datetime
import io
import os

import openpyxl

from helpers import CliTest, query

HEADER = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "考勤日期", "考勤时间", "打卡时间", "打卡结果", "打卡地址",
          "打卡备注", "异常打卡原因", "打卡设备", "管理员修改备注"]
TITLE = [["原始记录表"], ["统计日期：2026-03-01 至 2026-03-31", "", "导出时间：2026-04-01 09:12"]]
# (name, staff_no, UserId, date, time, result, address, note, manager's remark)
ROWS = [
    ("王建国", "A1001", "0125", "2026-03-02 星期一", "08:52", "正常", "河西镇政府", "", ""),
    ("王建国", "A1001", "0125", "2026-03-03 星期二", "", "未打卡", "", "", ""),
    ("王建国", "A1001", "0125", "2026-03-04 星期三", "2026-03-04 08:40:15", "补卡", "河西镇政府", "忘记打卡", ""),
    ("李秀英", "A1002", "0342", "2026-03-02", "08:41:10", "正常", "东山镇政府", "", ""),
    ("李秀英", "A1002", "0342", "2026-03-03 星期二", "09:30", "迟到", "东山镇政府", "下村走访", "同意：镇党委 张明"),
]
CHECKINS = "SELECT p.staff_no, c.at_utc, c.place FROM checkins c JOIN people p ON p.id = c.person_id ORDER BY 1, 2"
MAKEUPS = ("SELECT p.staff_no, m.reason, m.approved_by FROM checkin_makeups m JOIN checkins c ON c.id = m.checkin_id "
           "JOIN people p ON p.id = c.person_id ORDER BY 1")


def utc(day, clock):
    local = datetime.datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H:%M:%S")
    return int(local.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=8))).timestamp())


def table(rows, staff=True):
    out = []
    for name, staff_no, user, day, clock, result, address, note, changed in rows:
        out.append([name, "镇机关", "党政办", staff_no if staff else "", "挂职干部", user, day, "上班 09:00", clock,
                    result, address, note, "", "手机", changed])
    return out


class DingTalkTest(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")
        self.load_examples("units", "people")
        for staff in ("A1001", "A1002"):
            self.ok("secondment", "add", staff, "--from", "QXGOV", "--to", "HXZ", "--post", "挂职", "--start",
                    "2026-03-01", "--end", "2026-12-31")

    def csv_file(self, name, rows, encoding="utf-8", staff=True):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(TITLE + [HEADER] + table(rows, staff))
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(buf.getvalue().encode(encoding))
        return path

    def xlsx_file(self, name, rows):
        path = os.path.join(self.dir, name)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "原始记录"
        for r in TITLE:
            ws.append(r)
        ws.merge_cells("A1:O1")  # DingTalk merges its title over the table
        ws.append(HEADER)
        for r in table(rows):
            ws.append([c or None for c in r])
        wb.save(path)
        return path

    def expected(self):
        return [("A1001", utc("2026-03-02", "08:52:00"), "河西镇政府"), ("A1001", utc("2026-03-04", "08:40:15"), "河西镇政府"),
                ("A1002", utc("2026-03-02", "08:41:10"), "东山镇政府"), ("A1002", utc("2026-03-03", "09:30:00"), "东山镇政府")]

    def test_csv_and_xlsx_with_title_rows_makeups_and_no_punch(self):
        for variant in ("utf-8", "gb18030", "xlsx"):
            with self.subTest(variant=variant):
                if variant != "utf-8":
                    self.fresh(variant)
                path = (self.xlsx_file("dt.xlsx", ROWS) if variant == "xlsx"
                        else self.csv_file(f"dt.{variant}.csv", ROWS, variant))
                dry = self.json("import", "checkins", path, "--input-format", "dingtalk", "--dry-run")
                self.assertEqual((dry["rows"], dry["written"]), (5, 4))
                self.assertEqual(query(self.db, CHECKINS), [])
                r = self.json("import", "checkins", path, "--input-format", "dingtalk")
                self.assertEqual((r["rows"], r["written"]), (5, 4))  # the 未打卡 row is no punch
                self.assertEqual(query(self.db, CHECKINS), self.expected())
                self.assertEqual(query(self.db, MAKEUPS), [("A1001", "忘记打卡", "补卡"),
                                                           ("A1002", "下村走访", "同意：镇党委 张明")])
                # The same export again: every punch a duplicate.
                self.assertEqual(self.json("import", "checkins", path, "--input-format", "dingtalk")["duplicates"], 4)

    def fresh(self, name):
        self.new_database(name)
        self.load_examples("units", "people")
        for staff in ("A1001", "A1002"):
            self.ok("secondment", "add", staff, "--from", "QXGOV", "--to", "HXZ", "--post", "挂职", "--start",
                    "2026-03-01", "--end", "2026-12-31")

    def test_person_map_by_user_id_and_by_name(self):
        path = self.csv_file("dt.csv", ROWS, staff=False)  # no 工号 in the export
        self.assertFailsUnchanged(3, "import", "checkins", path, "--input-format", "dingtalk",
                                  message="dt.csv:4: 工号: required (or give --person-map FILE for UserId or 姓名)")
        by_id = self.write("by-id.csv", "userid,staff_no\n0125,A1001\n0342,A1002\n")
        by_name = self.write("by-name.csv", "name,staff_no\n王建国,A1001\n李秀英,A1002\n")
        self.ok("import", "checkins", path, "--input-format", "dingtalk", "--person-map", by_id, "--dry-run")
        self.assertEqual(self.json("import", "checkins", path, "--input-format", "dingtalk", "--person-map",
                                   by_name)["written"], 4)
        self.assertEqual(query(self.db, CHECKINS), self.expected())
        # An unmapped person: the line and the column, nothing written.
        partial = self.write("partial.csv", "userid,staff_no\n0125,A1001\n")
        before = query(self.db, "SELECT count(*) FROM checkins")
        self.assertFailsUnchanged(3, "import", "checkins", self.csv_file("new.csv", [ROWS[3]], staff=False),
                                  "--input-format", "dingtalk", "--person-map", partial,
                                  message="new.csv:4: UserId: 0342 is not in the person map")
        self.assertEqual(query(self.db, "SELECT count(*) FROM checkins"), before)
        # A staff number the database does not know (no map): exit 4 with the line.
        ghost = [("无名", "Z9999", "0999", "2026-03-05", "08:30", "正常", "", "", "")]
        self.assertFailsUnchanged(4, "import", "checkins", self.csv_file("ghost.csv", ghost), "--input-format",
                                  "dingtalk", message="ghost.csv:4: unknown person Z9999")
        self.assertFailsUnchanged(2, "import", "checkins", path, "--person-map", by_id, message="--person-map")
        self.assertFailsUnchanged(3, "import", "checkins", path, "--input-format", "dingtalk", "--person-map",
                                  self.write("dup.csv", "userid,staff_no\n0125,A1001\n0125,A1002\n"),
                                  message="dup.csv:3: userid 0125 appears twice")

    def test_bad_values_name_the_line_and_column(self):
        cases = [
            (("王建国", "A1001", "0125", "2026-02-30 星期一", "08:52", "正常", "", "", ""), "bad1.csv:4: 考勤日期:"),
            (("王建国", "A1001", "0125", "2026-03-02", "8点52", "正常", "", "", ""), "bad2.csv:4: 打卡时间: not a time"),
            (("王建国", "A1001", "0125", "2026-03-02", "2026-03-02 25:00", "正常", "", "", ""), "bad3.csv:4: 打卡时间"),
            (("王建国", "A1001", "0125", "2026-03-02", "08:52:1", "正常", "", "", ""), "bad4.csv:4: 打卡时间"),
        ]
        for i, (row, message) in enumerate(cases, 1):
            with self.subTest(message=message):
                path = self.csv_file(f"bad{i}.csv", [ROWS[0], row])
                self.assertFailsUnchanged(3, "import", "checkins", path, "--input-format", "dingtalk",
                                          message=message.replace(":4:", ":5:"))
        # Exactly HH:MM and HH:MM:SS are taken; a file without the header in its first rows is refused.
        ok = self.csv_file("ok.csv", [("王建国", "A1001", "0125", "2026-03-02", "23:59:59", "正常", "", "", "")])
        self.assertEqual(self.json("import", "checkins", ok, "--input-format", "dingtalk")["written"], 1)
        self.assertFailsUnchanged(3, "import", "checkins", self.write("no.csv", "a,b\n1,2\n"), "--input-format",
                                  "dingtalk", message="no header row with the columns 考勤日期, 打卡时间")
