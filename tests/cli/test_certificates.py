"""Issue 14, completion certificates (结业证书) end to end: `certificate issue` to the completers of
`report course` only (a named non-completer: exit 5 naming why, nothing written), numbers unique and
never reused (a revocation keeps its number), skipping a valid holder, `certificate verify` with every
JSON field and every format, `certificate revoke` (twice: exit 5), an unknown number (exit 4), and
`certificate show`: the A4 HTML page escaped, with the QR code as inline SVG, read back by a real QR
reader (zbarimg) from a headless-Chromium screenshot and compared with the verification text."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

from helpers import CliTest, query

CHROMIUM = "/usr/bin/chromium"
ZBARIMG = shutil.which("zbarimg")
VERIFY_FIELDS = ["number", "status", "staff_no", "name", "course", "title", "start", "end", "hours", "grade",
                 "issued_on", "revoked_reason", "revoked_on", "organizer_name"]


def verification_text(c):
    """What the QR code of a certificate holds, made from `certificate verify`'s JSON."""
    hours = c["hours"]
    hours = str(int(hours)) if float(hours).is_integer() else f"{hours:g}"
    return "\n".join([f"cadre certificate {c['number']}", f"staff_no: {c['staff_no']}", f"name: {c['name']}",
                      f"course: {c['course']}", f"title: {c['title']}", f"start: {c['start']}", f"end: {c['end']}",
                      f"hours: {hours}", f"grade: {c['grade']}", f"issued_on: {c['issued_on']}",
                      f"organizer: {c['organizer_name']}"])


class CertificateTest(CliTest):
    """Course C1 (2 sessions of 3.5 hours, exam 1.0): A1001 and A1002 complete (exam 92 and 75),
    A1003 was on leave for half the hours, A1004 on leave and absent and not assessed, A1005 is
    waitlisted (capacity 4), A1006 is not enrolled."""

    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        self.ok("course", "add", "C1", "--title", "2026年<b>青年</b>干部培训班 & 研讨", "--organizer", "SZDX",
                "--start", "2026-03-09", "--end", "2026-03-10", "--capacity", "4", "--components", "exam:1")
        self.ok("session", "add", "C1", "--date", "2026-03-09", "--start", "08:30", "--end", "12:00", "--title", "一")
        self.ok("session", "add", "C1", "--date", "2026-03-10", "--start", "08:30", "--end", "12:00", "--title", "二")
        self.ok("enrol", "C1", "A1001", "A1002", "A1003", "A1004", "A1005")
        self.ok("attend", "C1", "1", "A1001", "A1002", "--status", "present")
        self.ok("attend", "C1", "2", "A1001", "A1002", "A1003", "--status", "present")
        self.ok("attend", "C1", "1", "A1003", "A1004", "--status", "leave")
        self.ok("attend", "C1", "2", "A1004", "--status", "absent")
        for who, score in (("A1001", "92"), ("A1002", "75"), ("A1003", "88")):
            self.ok("assess", "C1", who, "--component", "exam", "--score", score)

    def issue(self, *who, on="2026-03-11"):
        return self.json("certificate", "issue", "C1", *who, "--on", on)

    def verify(self, number):
        return self.json("certificate", "verify", number)["certificate"]

    def rows(self):
        return query(self.db, "SELECT number, revoked_on FROM certificates ORDER BY number")

    def test_issue_to_the_completers_of_report_course_only(self):
        course = self.json("report", "course", "C1")
        completers = [t["staff_no"] for t in course["trainees"] if t["completed"]]
        self.assertEqual(completers, ["A1001", "A1002"])
        out = self.issue()
        self.assertTrue(out["ok"])
        self.assertEqual(out["issued"], [{"number": "C1-001", "staff_no": "A1001"},
                                         {"number": "C1-002", "staff_no": "A1002"}])
        self.assertEqual(out["skipped"], [])
        self.assertEqual(self.rows(), [("C1-001", None), ("C1-002", None)])
        log = self.json("audit", "log")
        issued = [e for e in log["entries"] if e["operation"] == "issue" and e["entity"] == "certificate"]
        self.assertEqual(sorted(e["key"] for e in issued), ["C1-001", "C1-002"])
        self.ok("db", "check")
        text = self.ok("certificate", "issue", "C1", "--on", "2026-03-11").out
        self.assertIn("A1001 holds C1-001 already: skipped", text)

    def test_a_named_non_completer_is_refused_with_the_reasons_and_nothing_is_written(self):
        r = self.assertFailsUnchanged(5, "certificate", "issue", "C1", "A1001", "A1003", "--on", "2026-03-11",
                                      message="A1003")
        self.assertIn("leave_over_limit", r.err)
        self.assertNotIn("A1001 ", r.err.split("completed:")[1])  # the completer is not named as refused
        r = self.assertFailsUnchanged(5, "certificate", "issue", "C1", "A1004", "A1005", "A1006",
                                      "--on", "2026-03-11")
        for part in ("A1004", "leave_over_limit", "unexcused_absence", "below_pass_mark", "A1005 ", "waitlisted",
                     "A1006", "not_enrolled"):
            self.assertIn(part, r.err)
        r = self.assertFailsUnchanged(5, "--lang", "zh", "certificate", "issue", "C1", "A1003", "--on", "2026-03-11")
        self.assertIn("请假超过限额", r.err)
        self.assertIn("未结业", r.err)
        r = self.assertFailsUnchanged(5, "--format", "json", "certificate", "issue", "C1", "A1003",
                                      "--on", "2026-03-11")
        self.assertEqual(json.loads(r.err)["error"]["code"], "conflict")
        self.assertEqual(self.rows(), [])

    def test_unknowns_and_dates_leave_the_database_unchanged(self):
        self.assertFailsUnchanged(4, "certificate", "issue", "NOPE", "--on", "2026-03-11", message="NOPE")
        self.assertFailsUnchanged(4, "certificate", "issue", "C1", "A1001", "Z9999", "--on", "2026-03-11",
                                  message="Z9999")
        # Before the course ends (2026-03-10): exit 3; on the last day: issued.
        self.assertFailsUnchanged(3, "certificate", "issue", "C1", "A1001", "--on", "2026-03-09", message="--on")
        self.assertFailsUnchanged(3, "certificate", "issue", "C1", "--on", "2026-02-30")
        self.assertEqual(self.issue("A1001", on="2026-03-10")["issued"], [{"number": "C1-001", "staff_no": "A1001"}])

    def test_numbers_are_unique_and_never_reused_after_a_revocation(self):
        self.issue("A1002")
        self.assertEqual(self.issue()["issued"], [{"number": "C1-002", "staff_no": "A1001"}])
        again = self.issue("A1001", "A1002")
        self.assertEqual(again["issued"], [])
        self.assertEqual(again["skipped"], [{"number": "C1-002", "staff_no": "A1001"},
                                            {"number": "C1-001", "staff_no": "A1002"}])
        self.ok("certificate", "revoke", "C1-002", "--reason", "姓名打印错误", "--on", "2026-03-12")
        out = self.issue("A1001", on="2026-03-12")
        self.assertEqual(out["issued"], [{"number": "C1-003", "staff_no": "A1001"}])
        # The highest number revoked: still never made again.
        self.ok("certificate", "revoke", "C1-003", "--reason", "再次更正", "--on", "2026-03-13")
        self.assertEqual(self.issue("A1001", on="2026-03-13")["issued"], [{"number": "C1-004", "staff_no": "A1001"}])
        self.assertEqual(self.rows(), [("C1-001", None), ("C1-002", "2026-03-12"), ("C1-003", "2026-03-13"),
                                       ("C1-004", None)])
        numbers = [r[0] for r in self.rows()]
        self.assertEqual(len(numbers), len(set(numbers)))
        self.assertEqual(self.verify("C1-002")["status"], "revoked")
        self.assertEqual(self.verify("C1-004")["status"], "valid")
        self.ok("db", "check")

    def test_verify_shows_every_field(self):
        self.issue()
        c = self.verify("C1-001")
        self.assertEqual(list(c), VERIFY_FIELDS)
        self.assertEqual(c, {"number": "C1-001", "status": "valid", "staff_no": "A1001", "name": "王建国",
                             "course": "C1", "title": "2026年<b>青年</b>干部培训班 & 研讨", "start": "2026-03-09",
                             "end": "2026-03-10", "hours": 7, "grade": "excellent", "issued_on": "2026-03-11",
                             "revoked_reason": None, "revoked_on": None, "organizer_name": "市委党校"})
        self.assertEqual(self.verify("C1-002")["grade"], "pass")
        # What was printed stays: a later change of the records does not change the certificate.
        self.ok("assess", "C1", "A1002", "--component", "exam", "--score", "95")
        self.assertEqual(self.verify("C1-002")["grade"], "pass")
        self.ok("certificate", "revoke", "C1-001", "--reason", "成绩录入错误", "--on", "2026-03-20")
        c = self.verify("C1-001")
        self.assertEqual((c["status"], c["revoked_on"], c["revoked_reason"]), ("revoked", "2026-03-20", "成绩录入错误"))

    def test_verify_in_every_format(self):
        self.issue("A1001")
        self.ok("certificate", "revoke", "C1-001", "--reason", "=1+2 <i>x</i>", "--on", "2026-03-12")
        for fmt in ("table", "csv", "md", "html"):
            out = self.ok("--format", fmt, "certificate", "verify", "C1-001").out
            self.assertIn("C1-001", out, fmt)
            self.assertIn("revoked", out.lower(), fmt)
        self.assertIn("'=1+2", self.ok("--format", "csv", "certificate", "verify", "C1-001").out)
        html = self.ok("--format", "html", "certificate", "verify", "C1-001").out
        self.assertNotIn("<i>x</i>", html)
        self.assertNotIn("<b>青年</b>", html)
        zh = self.ok("--lang", "zh", "certificate", "verify", "C1-001").out
        for part in ("证书编号", "已撤销", "优秀", "撤销原因"):
            self.assertIn(part, zh)
        path = os.path.join(self.dir, "cert.xlsx")
        self.ok("--format", "xlsx", "-o", path, "certificate", "verify", "C1-001")
        cells = [c.value for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
        self.assertIn("C1-001", cells)
        self.assertIn("=1+2 <i>x</i>", cells)

    def test_an_unknown_number_is_exit_4(self):
        self.issue("A1001")
        for verb in ("verify", "show"):
            r = self.assertFailsUnchanged(4, "certificate", verb, "C1-999", message="C1-999")
            self.assertIn("unknown certificate", r.err)
        self.assertFailsUnchanged(4, "certificate", "revoke", "C1-999", "--reason", "x")
        r = self.assertFailsUnchanged(4, "--format", "json", "certificate", "verify", "C1-999")
        self.assertEqual(json.loads(r.err)["error"]["code"], "not_found")

    def test_revoke_is_audited_and_twice_is_a_conflict(self):
        self.issue("A1001")
        self.assertFailsUnchanged(3, "certificate", "revoke", "C1-001", "--reason", "  ", message="--reason")
        self.assertFailsUnchanged(2, "certificate", "revoke", "C1-001")
        self.assertFailsUnchanged(3, "certificate", "revoke", "C1-001", "--reason", "x", "--on", "2026-03-10",
                                  message="issued")
        self.ok("certificate", "revoke", "C1-001", "--reason", "撤销", "--on", "2026-03-11")
        r = self.assertFailsUnchanged(5, "certificate", "revoke", "C1-001", "--reason", "again",
                                      message="C1-001 was revoked already on 2026-03-11")
        self.assertIn("cadre: error:", r.err)
        entries = [e for e in self.json("audit", "log")["entries"] if e["operation"] == "revoke"]
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["key"], "C1-001")
        self.ok("audit", "verify")
        self.ok("db", "check")

    def test_help_in_english_and_chinese(self):
        self.assertIn("  certificate issue COURSE [STAFF_NO...] | verify NUMBER | revoke NUMBER --reason R | show NUMBER\n",
                      self.ok("help").out)
        out = self.ok("certificate", "--help").out
        for part in ("cadre certificate issue COURSE [STAFF_NO...]", "cadre certificate verify NUMBER",
                     "cadre certificate revoke NUMBER --reason R", "cadre certificate show NUMBER"):
            self.assertIn(part, out)
        zh = self.ok("--lang", "zh", "certificate", "--help").out
        self.assertTrue(zh.startswith("用法： cadre certificate issue"), zh)
        self.assertIn("永不重复使用", zh)
        self.assertIn("结业证书", self.ok("--lang", "zh", "help").out)
        self.assertFailsUnchanged(2, "certificate", "nope")

    def show(self, number, *extra):
        path = os.path.join(self.dir, f"{number}.html")
        self.ok("--format", "html", "-o", path, *extra, "certificate", "show", number)
        with open(path, encoding="utf-8") as f:
            return path, f.read()

    def test_show_is_an_escaped_a4_page_with_the_qr_code_inline(self):
        self.issue()
        path, html = self.show("C1-001", "--lang", "zh")
        self.assertIn("@page { size: A4 landscape", html)
        self.assertIn("<h1>结业证书</h1>", html)
        self.assertIn("证书编号：C1-001", html)
        self.assertIn("王建国同志（工号 A1001）于2026年3月9日至2026年3月10日参加", html)
        self.assertIn("共计 7 学时，成绩优秀，准予结业。", html)
        self.assertIn("特发此证。", html)
        self.assertIn("2026年3月11日", html)
        # Typed text is escaped; the only markup is the page's own.
        self.assertIn("2026年&lt;b&gt;青年&lt;/b&gt;干部培训班 &amp; 研讨", html)
        self.assertNotIn("<b>", html)
        # The QR code: inline SVG, one path of modules; nothing loaded from elsewhere.
        svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 (\d+) \1"[^>]*>.*?</svg>', html)
        self.assertIsNotNone(svg)
        self.assertRegex(svg.group(0), r'<path fill="#000" d="(M\d+ \d+h1v1h-1z)+"/>')
        self.assertGreaterEqual(int(svg.group(1)), 21 + 8)  # version 1 and the quiet zone at least
        for external in ("<script", "<img", "<link", "src=", "url(", "@import"):
            self.assertNotIn(external, html)
        self.assertEqual(html.count("http"), 1)  # the SVG namespace only
        en = self.show("C1-001")[1]
        self.assertIn("Certificate of Completion", en)
        self.assertIn("No. C1-001", en)
        # The data of show in JSON: verify's fields and the text of the QR code.
        out = self.json("certificate", "show", "C1-001")
        self.assertEqual(out["certificate"], self.verify("C1-001"))
        self.assertEqual(out["verification_text"], verification_text(out["certificate"]))

    def test_a_revoked_certificate_is_printed_marked_void(self):
        self.issue("A1001")
        self.ok("certificate", "revoke", "C1-001", "--reason", "<script>x</script>", "--on", "2026-03-12")
        html = self.show("C1-001", "--lang", "zh")[1]
        self.assertIn('<div class="void">已于2026年3月12日撤销：&lt;script&gt;x&lt;/script&gt;</div>', html)
        self.assertNotIn("<script", html)

    def test_the_qr_code_reads_back_as_the_verification_text(self):
        """A real reader: Chromium draws the page, zbarimg decodes the QR code from the screenshot."""
        if not os.path.exists(CHROMIUM):
            self.skipTest("chromium is not installed (scripts/deps --test installs it)")
        if not ZBARIMG:
            self.skipTest("zbarimg is not installed (scripts/deps --test installs zbar-tools)")
        self.issue()
        self.ok("certificate", "revoke", "C1-002", "--reason", "更正", "--on", "2026-03-12")
        for number, lang in (("C1-001", "zh"), ("C1-002", "en")):
            path, _ = self.show(number, "--lang", lang)
            png = os.path.join(self.dir, f"{number}.png")
            with tempfile.TemporaryDirectory() as profile:
                p = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                    "--hide-scrollbars", f"--user-data-dir={profile}", "--force-device-scale-factor=2",
                                    "--window-size=1123,794", f"--screenshot={png}", "file://" + path],
                                   capture_output=True, text=True, timeout=120)
            self.assertTrue(os.path.exists(png), p.stderr)
            r = subprocess.run([ZBARIMG, "--quiet", "--raw", "-Sbinary", png], capture_output=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            decoded = r.stdout.decode("utf-8").removesuffix("\n")
            self.assertEqual(decoded, verification_text(self.verify(number)))
        # And it prints on one A4 page.
        pdf = os.path.join(self.dir, "C1-001.pdf")
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                            "file://" + os.path.join(self.dir, "C1-001.html")], capture_output=True, timeout=120)
        with open(pdf, "rb") as f:
            data = f.read()
        self.assertEqual(len(re.findall(rb"/Type\s*/Page(?![s\w])", data)), 1)
        box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data)
        self.assertEqual((round(float(box.group(1))), round(float(box.group(2)))), (842, 595))  # A4 landscape


if __name__ == "__main__":
    unittest.main()
