"""The five reports in Chinese (--lang zh --format table) on the example data: no English label is left.

The data: units, people, courses, sessions, enrolments and attendance from examples/ through `import`, the
assessments of examples/assessments.csv, one online-hours record, and a secondment with check-ins, a leave
(approved, then closed by 销假), a monthly report and evaluations by CLI commands.
"""
import csv
import html
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from helpers import BIN, EXAMPLES

# A word in a zh report that is English: letters (and underscores) with at least one lower-case letter. Codes
# (A1001, QXFGW, QN2026-1), dates and numbers have none. Setting keys are what the user types in
# `settings set KEY`: an alert names them as they are.
ENGLISH_WORD = re.compile(r"[A-Za-z_]*[a-z][A-Za-z_]*")
SETTING_KEYS = {"min_presence", "excellent_quota"}
DASHES = re.compile(r"^[- ]*-[- ]*$")
AS_OF = "2026-06-10"


def run(db, *args, lang=None):
    cmd = [BIN, "--db", db] + (["--lang", lang] if lang else []) + [str(a) for a in args]
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def labels(table_text):
    """Section titles, column headers and row labels of a table-format report."""
    lines = table_text.splitlines()
    out = [lines[0]] if lines else []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if DASHES.match(nxt) and line.strip():
            out += re.split(r"\s{2,}", line.strip())  # a column header row
        elif line.startswith("  ") and line.strip() and not line.strip().startswith("("):
            out.append(re.split(r"\s{2,}", line.strip())[0])  # "  label  value"
        elif line.strip() and not line.startswith(" ") and (not nxt.strip() or nxt.startswith("  ") or
                                                             (i + 2 < len(lines) and DASHES.match(lines[i + 2]))):
            if not DASHES.match(line) and i > 0 and not lines[i - 1].strip():
                out.append(line.strip())  # a section title after a blank line
    return out


class ZhReportsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.db = os.path.join(cls.tmp, "zh.db")

        def ok(*args):
            r = run(cls.db, "--actor", "test", *args)
            if r.returncode != 0:
                raise AssertionError(f"{args}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
            return r.stdout.strip()

        for kind in ("units", "people", "courses", "sessions", "enrolments", "attendance"):
            ok("import", kind, os.path.join(EXAMPLES, f"{kind}.csv"))
        with open(os.path.join(EXAMPLES, "assessments.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                ok("assess", row["course"], row["staff_no"], "--component", row["component"], "--score", row["score"])
        ok("hours", "add", "A1001", "--date", "2026-06-30", "--hours", "20", "--kind", "online")
        sid = ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "DSZ", "--post", "副镇长",
                 "--start", "2026-03-02", "--end", "2027-03-01", "--batch", "2026-青溪-1")
        cls.sid = sid
        for day in ("2026-03-02", "2026-03-03", "2026-03-04", "2026-04-01", "2026-05-06", "2026-06-01"):
            ok("checkin", "A1003", "--at", f"{day}T08:30:00+08:00", "--place", "大山镇政府")
        leave = ok("leave", "request", sid, "--from", "2026-05-11", "--to", "2026-05-15", "--kind", "sick")
        ok("leave", "approve", leave, "--by", "青溪区委组织部", "--level", "district")
        ok("leave", "return", leave, "--on", "2026-05-14")
        ok("log", "add", sid, "--month", "2026-03", "--text", "三月：熟悉镇情", "--on", "2026-04-03")
        for rater, s in (("host", 80), ("home", 78)):
            ok("evaluate", sid, "--period", "midterm", "--rater", rater, "--conduct", s, "--competence", s,
               "--diligence", s, "--performance", s, "--integrity", s)
        cls.reports = {
            "course": ("report", "course", "QN2026-1"),
            "person": ("report", "person", "A1003"),
            "hours": ("report", "hours", "--year", "2026"),
            "secondment": ("report", "secondment", sid, "--as-of", AS_OF),
            "secondments": ("report", "secondments", "--as-of", AS_OF),
        }
        cls.zh = {}
        for name, args in cls.reports.items():
            r = run(cls.db, "--format", "table", *args, lang="zh")
            if r.returncode != 0:
                raise AssertionError(f"{args}: exit {r.returncode}\n{r.stderr}")
            cls.zh[name] = r.stdout

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_labels_have_no_english_words(self):
        for name, text in self.zh.items():
            with self.subTest(report=name):
                found = labels(text)
                self.assertGreater(len(found), 5, text)
                english = [l for l in found if ENGLISH_WORD.search(l)]
                self.assertEqual(english, [], f"English labels in the zh {name} report:\n{text}")

    def test_no_english_word_anywhere(self):
        # Enum words in cells (status, grade, reasons, alert codes) and the alert texts are Chinese too; the
        # example data holds no English text, so any English word is a gap.
        for name, text in self.zh.items():
            with self.subTest(report=name):
                self.assertEqual([w for w in ENGLISH_WORD.findall(text) if w not in SETTING_KEYS], [], text)

    def test_html_text_and_chart_titles_in_chinese(self):
        # The HTML report's visible text, chart captions and SVG labels: no English word either.
        for name, args in self.reports.items():
            with self.subTest(report=name):
                r = run(self.db, "--format", "html", *args, lang="zh")
                self.assertEqual(r.returncode, 0, r.stderr)
                page = re.sub(r"(?s)<(style|script)\b.*?</\1>", "", r.stdout)
                shown = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', page)
                shown.append(re.sub(r"<[^>]*>", " ", page))
                text = html.unescape(" ".join(shown))
                self.assertEqual([w for w in ENGLISH_WORD.findall(text) if w not in SETTING_KEYS], [], text)
        r = run(self.db, "--format", "html", "report", "course", "QN2026-1", lang="zh")
        self.assertIn("各课次出勤情况", r.stdout)
        self.assertIn("成绩等级分布", r.stdout)
        r = run(self.db, "--format", "html", "report", "secondment", self.sid, "--as-of", AS_OF, lang="zh")
        self.assertIn("各月在岗情况", r.stdout)
        self.assertIn("分项考核得分", r.stdout)

    def test_key_terms(self):
        expect = {
            "course": ["学时", "出勤率", "未结业", "结业率", "优秀", "良好", "合格", "不合格", "请假学时", "旷课学时",
                       "无故缺勤", "成绩未达合格线", "教学评估", "教风教态", "课次"],
            "person": ["培训档案", "实参学时", "集中培训学时", "网络培训学时", "挂职经历", "在岗", "接收单位", "结业"],
            "hours": ["年度培训学时", "应修学时", "五年累计学时", "达标", "未达标", "年度学时不足", "领导干部", "一般干部",
                      "学时尚差"],
            "secondment": ["在岗率", "工作日数", "请假天数", "派出单位", "接收单位", "称职", "销假日期", "中期", "德", "廉",
                           "月度工作报告", "缺报", "在岗率低于下限", "月度报告缺报", "病假", "已批准", "区县", "下派"],
            "secondments": ["挂职人员", "在岗率", "在岗", "称职", "缺报月数", "优秀比例", "已评定等级人数"],
        }
        for name, terms in expect.items():
            with self.subTest(report=name):
                for t in terms:
                    self.assertIn(t, self.zh[name], f"{t} missing from the zh {name} report")

    def test_labels_parser_sees_headers(self):
        # The check above must be able to fail: the same reports in English have English labels.
        for name, args in self.reports.items():
            with self.subTest(report=name):
                r = run(self.db, "--format", "table", *args)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertTrue([l for l in labels(r.stdout) if ENGLISH_WORD.search(l)], r.stdout)
        self.assertIn("Attendance rate", labels(run(self.db, "report", "course", "QN2026-1").stdout))

    def test_figures_same_in_both_languages(self):
        # Translation changes words, never numbers.
        for name, args in self.reports.items():
            with self.subTest(report=name):
                en = run(self.db, "--format", "table", *args).stdout
                nums = lambda t: re.findall(r"\d+(?:\.\d+)?%?", t)  # noqa: E731
                self.assertEqual(sorted(nums(self.zh[name])), sorted(nums(en)))

    def test_messages_in_chinese(self):
        r = run(self.db, "course", "add", "ZH-T1", "--title", "测试班", "--organizer", "SZDX", "--start",
                "2026-09-01", "--end", "2026-09-02", lang="zh")
        self.assertEqual((r.returncode, r.stdout.strip()), (0, "课程 ZH-T1 已添加"), r.stderr)
        r = run(self.db, "course", "add", "ZH-T2", "--title", "Test", "--organizer", "SZDX", "--start",
                "2026-09-01", "--end", "2026-09-02")
        self.assertEqual((r.returncode, r.stdout.strip()), (0, "course ZH-T2 added"), r.stderr)
        leave = run(self.db, "leave", "request", self.sid, "--from", "2026-07-06", "--to", "2026-07-10", "--kind",
                    "personal").stdout.strip()
        r = run(self.db, "leave", "approve", leave, "--by", "大山镇党委", "--level", "host", lang="zh")
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertIn(f"请假 5 天须由区县或更高层级审批，不能由接收单位审批", r.stderr)
        r = run(self.db, "leave", "approve", leave, "--by", "x", "--level", "host")
        self.assertIn("a leave of 5 days needs approval at district level or above, not host", r.stderr)
        r = run(self.db, "evaluate", self.sid, "--period", "midterm", "--rater", "host", "--conduct", 1,
                "--competence", 1, "--diligence", 1, "--performance", 1, "--integrity", 1, lang="zh")
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertIn("已有接收单位作出的中期评价", r.stderr)


if __name__ == "__main__":
    unittest.main()
