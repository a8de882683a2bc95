"""Reports people read: HTML in headless Chromium, xlsx through openpyxl, tables in 80 columns, --lang zh."""
import datetime
import os
import re
import subprocess
import tempfile
import unicodedata
import unittest
import zipfile

from helpers import BIN, EXAMPLES, CliTest

CHROMIUM = "/usr/bin/chromium"
UNIT_TESTS = os.path.join(os.path.dirname(os.path.abspath(BIN)), "tests", "cadre_unit_tests")

try:
    import openpyxl
except ImportError:  # pragma: no cover - Debian's python3-openpyxl is a test dependency
    openpyxl = None


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def chromium(path, *extra):
    """Loads a local file in headless Chromium; returns (exit code, DOM, stderr)."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *extra, "file://" + os.path.abspath(path)]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr


# The HTML reports the CLI can produce now: (arguments, text the DOM must show).
CLI_REPORTS = [
    (("unit", "list"), "QXFGW"),
    (("person", "list"), "王建国"),
    (("person", "show", "A1001"), "王建国"),
    (("calendar", "show", "2026-02"), "2026-02-17"),
    (("db", "info"), "audit_log"),
    (("audit", "log"), "QXFGW"),
]


class RenderTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")

    def assertSelfContained(self, html):
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertNotIn("<script", html)
        self.assertNotIn("<link", html)
        self.assertNotIn("https:", html)
        self.assertNotIn("url(", html)
        self.assertIn("@page { size: A4", html)

    # ---- HTML --------------------------------------------------------------------------------

    def test_html_files_are_self_contained(self):
        for args, text in CLI_REPORTS:
            for lang in ("en", "zh"):
                out = os.path.join(self.dir, f"{args[0]}-{lang}.html")
                self.ok("--format", "html", "--lang", lang, "-o", out, *args)
                with open(out, encoding="utf-8") as f:
                    html = f.read()
                self.assertSelfContained(html)
                self.assertIn(text, html)
                self.assertIn(f'lang="{"zh-CN" if lang == "zh" else "en"}"', html)
        # Chinese labels in the Chinese file, English ones by default.
        with open(os.path.join(self.dir, "person-zh.html"), encoding="utf-8") as f:
            zh = f.read()
        self.assertIn("工号", zh)
        self.assertIn("领导干部", zh)
        with open(os.path.join(self.dir, "person-en.html"), encoding="utf-8") as f:
            self.assertIn("Staff no", f.read())

    def test_html_to_stdout(self):
        r = self.ok("--format", "html", "unit", "list")
        self.assertSelfContained(r.out)
        self.assertIn("<table", r.out)

    @unittest.skipUnless(os.path.exists(CHROMIUM), "chromium is not installed")
    def test_html_renders_in_chromium(self):
        for i, (args, text) in enumerate(CLI_REPORTS):
            lang = "zh" if i % 2 == 0 else "en"  # both languages, one browser start per report
            out = os.path.join(self.dir, f"browse-{args[0]}-{args[1]}.html")
            self.ok("--format", "html", "--lang", lang, "-o", out, *args)
            code, dom, err = chromium(out, "--dump-dom")
            self.assertEqual(code, 0, err)
            self.assertIn("<table", dom)
            self.assertIn(text, dom)
            self.assertNotIn("Uncaught", err)

    # ---- synthetic reports with charts (written by the unit tests' "render samples" case) -------

    def samples(self):
        if not os.path.exists(UNIT_TESTS):
            self.skipTest(f"unit test binary not built: {UNIT_TESTS}")
        out = os.path.join(self.dir, "samples")
        os.mkdir(out)
        p = subprocess.run([UNIT_TESTS, "-tc=render samples"], capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, CADRE_RENDER_SAMPLES=out))
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return out

    @unittest.skipUnless(os.path.exists(CHROMIUM), "chromium is not installed")
    def test_charts_render_in_chromium(self):
        out = self.samples()
        for name, svgs, texts in (("secondment-zh", 2, ["王建国", "各月在岗情况", "期满", "87.5%"]),
                                  ("secondments-en", 1, ["Min presence 80%", "Wu Min (吴敏)", "61.0%"]),
                                  ("course-zh", 2, ["成绩等级分布", "未结业", "请假超过限额"])):
            path = os.path.join(out, name + ".html")
            with open(path, encoding="utf-8") as f:
                self.assertSelfContained(f.read())
            code, dom, err = chromium(path, "--dump-dom")
            self.assertEqual(code, 0, err)
            self.assertEqual(dom.count("<svg"), svgs, name)
            self.assertIn("<rect", dom)
            self.assertIn("<table", dom)
            for t in texts:
                self.assertIn(t, dom)
        # The batch chart draws the min_presence reference as a dashed line.
        code, dom, _ = chromium(os.path.join(out, "secondments-zh.html"), "--dump-dom")
        self.assertIn('class="reference"', dom)
        self.assertIn("stroke-dasharray", dom)
        self.assertIn("最低在岗率 80%", dom)
        # And it paints: a screenshot of the secondment report is a real picture.
        shot = os.path.join(self.dir, "secondment.png")
        code, _, err = chromium(os.path.join(out, "secondment-zh.html"), f"--screenshot={shot}",
                                "--window-size=900,1400", "--hide-scrollbars")
        self.assertEqual(code, 0, err)
        with open(shot, "rb") as f:
            png = f.read()
        self.assertTrue(png.startswith(b"\x89PNG"))
        self.assertGreater(len(png), 10000)

    # ---- xlsx --------------------------------------------------------------------------------

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_xlsx_of_every_cli_report(self):
        for args, text in CLI_REPORTS:
            out = os.path.join(self.dir, f"{args[0]}-{args[1]}.xlsx")
            self.ok("--format", "xlsx", "--lang", "zh", "-o", out, *args)
            self.assertTrue(zipfile.is_zipfile(out))
            wb = openpyxl.load_workbook(out)
            cells = [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
            texts = [v.date().isoformat() if isinstance(v, datetime.datetime) else str(v) for v in cells]
            self.assertTrue(any(text in t for t in texts), f"{args}: {text} not in {texts}")
            for ws in wb:
                self.assertLessEqual(len(ws.title), 31)
                self.assertIsNone(re.search(r"[\[\]:*?/\\]", ws.title))

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_xlsx_people_cells(self):
        out = os.path.join(self.dir, "people.xlsx")
        self.ok("--format", "xlsx", "--lang", "zh", "-o", out, "person", "list")
        wb = openpyxl.load_workbook(out)
        ws = wb["人员"]
        header = [c.value for c in ws[1]]
        self.assertEqual(header[:4], ["工号", "姓名", "单位", "干部类别"])
        self.assertTrue(all(c.font.b for c in ws[1]))
        col = {h: i for i, h in enumerate(header)}
        row = [c for c in ws[2]]
        self.assertEqual(row[col["工号"]].value, "A1001")
        self.assertEqual(row[col["干部类别"]].value, "领导干部")
        birth = row[col["出生日期"]]
        self.assertIsInstance(birth.value, datetime.datetime)  # a real date, not text
        self.assertEqual(birth.value.date(), datetime.date(1978, 5, 12))
        self.assertIn("yy", birth.number_format)
        self.assertTrue(row[col["身份证号"]].value.endswith("0015"))
        self.assertIn("*", row[col["身份证号"]].value)  # still masked in the spreadsheet
        # Chinese names are two columns wide each: the name column is wider than 2 characters.
        self.assertGreaterEqual(ws.column_dimensions["B"].width, 8)

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_xlsx_numbers_are_numbers(self):
        out = os.path.join(self.dir, "info.xlsx")
        self.ok("--format", "xlsx", "-o", out, "db", "info")
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames[0], "summary")
        tables = wb["Tables"]
        self.assertEqual([c.value for c in tables[1]], ["Table", "Rows"])
        counts = {r[0].value: r[1].value for r in tables.iter_rows(min_row=2)}
        self.assertEqual(counts["people"], 10)
        self.assertIsInstance(counts["units"], int)
        summary = {r[0].value: r[1].value for r in wb["summary"].iter_rows(min_row=2)}
        info = self.json("db", "info")
        self.assertEqual(summary["Schema version"], info["schema_version"])
        self.assertIsInstance(summary["Schema version"], int)

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_xlsx_synthetic_reports(self):
        out = self.samples()
        wb = openpyxl.load_workbook(os.path.join(out, "secondment-zh.xlsx"))
        self.assertEqual(wb.sheetnames[0], "汇总")
        months = wb["月度情况"]
        self.assertEqual([c.value for c in months[1]], ["月份", "工作日数", "在岗天数", "请假天数", "月报"])
        self.assertEqual([c.value for c in months[2]], ["2026-03", 22, 20, 0, "已交"])
        self.assertEqual(months["E7"].value, "未交")
        summary = {r[0].value: r[1] for r in wb["汇总"].iter_rows(min_row=3)}
        rate = summary["在岗率"]
        self.assertAlmostEqual(rate.value, 0.875)
        self.assertIn("%", rate.number_format)
        self.assertEqual(summary["统计截止日期"].value, datetime.datetime(2026, 8, 31))
        self.assertEqual(summary["挂职·状态"].value, "期满")
        dims = wb["分项评价"]
        self.assertEqual([c.value for c in dims["A"]][1:], ["德", "能", "勤", "绩", "廉"])
        self.assertEqual(dims["B4"].value, 90)
        # Chinese text is sized at two columns a character.
        self.assertGreaterEqual(wb["提示"].column_dimensions["A"].width, 12)

        wb = openpyxl.load_workbook(os.path.join(out, "course-en.xlsx"))
        t = wb["Trainees"]
        header = [c.value for c in t[1]]
        self.assertIn("Attendance rate", header)
        rates = [r[header.index("Attendance rate")] for r in t.iter_rows(min_row=2)]
        self.assertAlmostEqual(rates[0].value, 1.0)
        self.assertIn("%", rates[0].number_format)
        self.assertEqual(t.cell(row=4, column=header.index("Completed") + 1).value, "No")
        sessions = wb["Sessions"]
        self.assertIsInstance(sessions["B2"].value, datetime.datetime)

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_xlsx_sheet_names_are_valid(self):
        out = self.samples()
        wb = openpyxl.load_workbook(os.path.join(out, "edge-en.xlsx"))
        names = wb.sheetnames
        self.assertEqual(len(names), 5, names)  # summary + 4 tables
        self.assertEqual(len({n.lower() for n in names}), len(names), names)
        for n in names:
            self.assertLessEqual(len(n), 31, n)
            self.assertIsNone(re.search(r"[\[\]:*?/\\]", n), n)
        self.assertIn("Rows", names)
        self.assertIn("Rows (2)", names)
        for n in names[1:]:
            self.assertEqual(wb[n]["A2"].value, 1)

    def test_xlsx_needs_an_output_file(self):
        r = self.run_cli("--format", "xlsx", "unit", "list")
        self.assertEqual(r.code, 2, r)
        self.assertIn("-o FILE", r.err)
        r = self.run_cli("--format", "xlsx", "--lang", "zh", "unit", "list")
        self.assertEqual(r.code, 2, r)
        self.assertIn("需要", r.err)

    # ---- tables in a terminal ----------------------------------------------------------------

    def test_table_fits_80_columns(self):
        for lang in ("en", "zh"):
            for args, _ in CLI_REPORTS:
                for width in (80, 50):
                    r = self.ok("--lang", lang, *args, env={"COLUMNS": str(width)})
                    for line in r.out.splitlines():
                        self.assertLessEqual(display_width(line), width, f"{args} {lang}: {line!r}")

    def test_table_aligns_chinese_and_latin(self):
        r = self.ok("--lang", "zh", "person", "list", env={"COLUMNS": "200"})
        lines = [l for l in r.out.splitlines() if re.match(r"A10\d\d", l)]
        self.assertEqual(len(lines), 10)
        # The birth date starts in the same display column on every line.
        cols = {display_width(l[:l.index("19")]) for l in lines}
        self.assertEqual(len(cols), 1, r.out)

    def test_table_without_columns_is_not_cut(self):
        r = self.ok("audit", "log")
        self.assertNotIn("…", r.out)  # piped output with no COLUMNS keeps everything
        r = self.ok("audit", "log", env={"COLUMNS": "80"})
        self.assertIn("…", r.out)

    # ---- Chinese messages --------------------------------------------------------------------

    def test_chinese_errors(self):
        r = self.assertFailsUnchanged(4, "--lang", "zh", "person", "show", "NOPE")
        self.assertIn("未知人员 NOPE", r.err)
        r = self.assertFailsUnchanged(3, "--lang", "zh", "person", "add", "Z9", "--name", "某", "--unit", "QXFGW",
                                      "--birth", "1990-13-01")
        self.assertIn("--birth：日期不存在：1990-13-01", r.err)
        r = self.run_cli("--lang", "zh", "--format", "pdf", "unit", "list")
        self.assertEqual(r.code, 2)
        self.assertIn("未知格式 pdf", r.err)
        r = self.assertFailsUnchanged(2, "--lang", "zh", "unit", "add", "NEWU", "--name", "新单位", "--bogus")
        self.assertIn("未知选项 --bogus", r.err)
        r = self.assertFailsUnchanged(2, "--lang", "zh", "unit", "list", "extra")
        self.assertIn("参数过多", r.err)
        r = self.ok("--lang", "zh", "unit", "add", "NEWU", "--name", "新单位")
        self.assertIn("单位 NEWU 已添加", r.out)

    def test_json_stays_english(self):
        zh = self.json("--lang", "zh", "person", "list")
        en = self.json("person", "list")
        self.assertEqual(zh, en)
        self.assertEqual(zh["people"][0]["tier"], "leader")


if __name__ == "__main__":
    unittest.main()
