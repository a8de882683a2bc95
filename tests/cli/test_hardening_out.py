"""Hardening of what cadre writes (issue 9: findings 1, 2, 5, 15, the output side of 8, -o DIR of 18).

-o never overwrites the database, files are replaced whole or not at all and are 0600, a failed
write (a file or stdout) is exit 6 with its reason, CSV cells cannot run as formulas, Markdown
cannot carry HTML, and stored control characters or broken UTF-8 are shown, never sent raw.
Hostile text is put into the database with sqlite3 directly: the CLI may refuse it on input.
"""
import csv
import io
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess

import openpyxl

from helpers import BIN, CliTest, snapshot, sqlite_only, write_past_cadre

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]
ESC_NAME = "A\x1b]0;owned\x07B\x1b[31mred\u202eevil\x85\x7f\rX"


class OutputHardening(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")
        self.ok("unit", "add", "U1", "--name", "Unit one")
        self.ok("person", "add", "P1", "--name", "Alice", "--unit", "U1")
        self.ok("course", "add", "C1", "--title", "Course one", "--organizer", "U1",
                "--start", "2026-03-09", "--end", "2026-03-13")
        self.ok("session", "add", "C1", "--date", "2026-03-09", "--start", "09:00", "--end", "12:00",
                "--title", "Opening")

    # -- helpers -------------------------------------------------------------------------------

    def env(self, **extra):
        e = dict(os.environ)
        e["CADRE_DB"] = self.db
        e.pop("COLUMNS", None)
        e.update(extra)
        return e

    def raw(self, *args, stdout=subprocess.PIPE, preexec_fn=None, timeout=60):
        """Runs cadre keeping stdout and stderr as bytes (stored text may be anything)."""
        return subprocess.run([BIN] + [str(a) for a in args], stdout=stdout, stderr=subprocess.PIPE,
                              env=self.env(), preexec_fn=preexec_fn, timeout=timeout)

    def set_text(self, table, column, value, where, *params):
        """Stores `value` (str, or bytes kept as TEXT even when not UTF-8) bypassing the CLI."""
        write_past_cadre(self.db, table, f"update {table} set {column} = cast(? as text) where {where}",
                         (value, *params))

    def db_files(self):
        out = {}
        for suffix in ("", "-wal", "-shm", "-journal"):
            path = self.db + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    out[suffix] = f.read()
        return out

    def assertRefusedUnchanged(self, code, *args, message=None):
        before_files = self.db_files()
        before = snapshot(self.db)
        r = self.run_cli(*args)
        self.assertEqual(r.code, code, r)
        if message:
            self.assertIn(message, r.err)
        self.assertEqual(snapshot(self.db), before, "database changed")
        self.assertEqual(self.db_files()[""], before_files[""], "database file changed")
        return r

    def many_people(self, n=600):
        lines = ["staff_no,name,unit"] + [f"Q{i},Person number {i},U1" for i in range(n)]
        self.ok("import", "people", self.write("many.csv", "\n".join(lines) + "\n"))

    # -- finding 1: -o over the database ---------------------------------------------------------

    @sqlite_only("the -o guard against the database file's inode")
    def test_o_database_refused_for_every_format_and_ics(self):
        for fmt in ("csv", "html", "xlsx", "json", "md", "table"):
            r = self.assertRefusedUnchanged(2, "--format", fmt, "-o", self.db, "person", "list",
                                            message="would overwrite the database")
            if fmt != "json":
                self.assertIn("cadre: error:", r.err)
        self.assertRefusedUnchanged(2, "export", "ics", "C1", "-o", self.db, message="would overwrite the database")
        self.assertTrue(self.json("db", "check")["ok"])

    @sqlite_only("the -o guard against the database file, its links, -wal and -shm")
    def test_o_links_and_wal_refused(self):
        hard = os.path.join(self.dir, "hard.csv")
        sym = os.path.join(self.dir, "sym.csv")
        os.link(self.db, hard)
        os.symlink(self.db, sym)
        for target in (hard, sym, self.db + "-wal", self.db + "-shm", self.db + "-journal"):
            self.assertRefusedUnchanged(2, "--format", "csv", "-o", target, "person", "list")
        self.assertFalse(os.path.exists(self.db + "-journal"))
        # The same file under another name: a relative path from another folder.
        rel = os.path.relpath(self.db, os.getcwd())
        self.assertRefusedUnchanged(2, "--format", "html", "-o", rel, "person", "list")

    @sqlite_only("the -o guard against the database file's inode")
    def test_o_database_refused_before_an_import_commits(self):
        path = self.write("p.csv", "staff_no,name,unit\nP2,Bob,U1\n")
        self.assertRefusedUnchanged(2, "-o", self.db, "import", "people", path)
        self.assertEqual(len(self.json("person", "list")["people"]), 1)

    @sqlite_only("the -o guard against the database file's inode")
    def test_o_database_refused_in_chinese(self):
        r = self.assertRefusedUnchanged(2, "--lang", "zh", "--format", "csv", "-o", self.db, "person", "list")
        self.assertIn("会覆盖数据库", r.err)

    # -- finding 18: -o DIR ----------------------------------------------------------------------

    @sqlite_only("compares the database file's bytes (db_files)")
    def test_o_folder_names_the_cause(self):
        folder = os.path.join(self.dir, "o")
        os.mkdir(folder)
        r = self.assertRefusedUnchanged(2, "--format", "csv", "-o", folder, "person", "list")
        self.assertIn("is a folder", r.err)
        r = self.assertRefusedUnchanged(2, "--lang", "zh", "--format", "csv", "-o", folder, "person", "list")
        self.assertIn("文件夹", r.err)
        self.assertEqual(os.listdir(folder), [])
        self.assertRefusedUnchanged(2, "--format", "csv", "-o", "", "person", "list", message="no file name")

    # -- finding 5: write errors -------------------------------------------------------------------

    def test_o_dev_full_is_exit_6_with_the_reason(self):
        for fmt in ("csv", "html", "md", "json", "table", "xlsx"):
            r = self.run_cli("--format", fmt, "-o", "/dev/full", "unit", "list")
            self.assertEqual(r.code, 6, (fmt, r))
            self.assertIn("no space left on device", r.err)
        r = self.run_cli("export", "ics", "C1", "-o", "/dev/full")
        self.assertEqual(r.code, 6, r)
        r = self.run_cli("--lang", "zh", "--format", "csv", "-o", "/dev/full", "unit", "list")
        self.assertEqual(r.code, 6, r)
        self.assertIn("磁盘空间已满", r.err)

    def test_o_dev_null_and_dev_stdout_are_written_in_place(self):
        self.assertEqual(self.run_cli("--format", "csv", "-o", "/dev/null", "unit", "list").code, 0)
        out_path = os.path.join(self.dir, "captured.csv")
        with open(out_path, "w") as out:
            r = self.raw("--format", "csv", "-o", "/dev/stdout", "unit", "list", stdout=out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out_path, encoding="utf-8") as f:
            self.assertIn("U1,Unit one", f.read())
        self.assertFalse(os.path.islink(out_path))

    def test_o_fifo_without_reader_fails_instead_of_hanging(self):
        fifo = os.path.join(self.dir, "fifo")
        os.mkfifo(fifo)
        r = self.raw("--format", "csv", "-o", fifo, "unit", "list", timeout=20)
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn(b"no program is reading it", r.stderr)

    @sqlite_only("lists test.db among the folder's files")
    def test_failed_write_keeps_the_old_file(self):
        self.many_people()
        target = os.path.join(self.dir, "people.html")
        self.ok("--format", "html", "-o", target, "person", "list")
        with open(target, "rb") as f:
            old = f.read()
        self.assertGreater(len(old), 64 * 1024)
        self.set_text("people", "name", "Renamed", "staff_no = ?", "Q1")

        def small_files():  # the database (read only here) fits, the report does not
            resource.setrlimit(resource.RLIMIT_FSIZE, (48 * 1024, 48 * 1024))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

        before = snapshot(self.db)
        r = self.raw("--format", "html", "-o", target, "person", "list", preexec_fn=small_files)
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn(b"file too large", r.stderr)
        with open(target, "rb") as f:
            self.assertEqual(f.read(), old, "the old file was damaged by a failed write")
        self.assertEqual(sorted(os.listdir(self.dir)), sorted(["many.csv", "people.html", "test.db"]),
                         "a temporary file was left behind")
        self.assertEqual(snapshot(self.db), before)

    def test_stdout_to_dev_full_is_exit_6(self):
        self.many_people(200)  # more than one stdio buffer, so the error comes while writing
        for args in (("unit", "list"), ("person", "list"), ("--format", "json", "person", "list"),
                     ("--format", "csv", "person", "list"), ("export", "ics", "C1"), ("--version",),
                     ("unit", "add", "U2", "--name", "Two")):
            with open("/dev/full", "w") as full:
                r = self.raw(*args, stdout=full)
            self.assertEqual(r.returncode, 6, (args, r.stderr))
            self.assertIn(b"cannot write to standard output: no space left on device", r.stderr)
        with open("/dev/full", "w") as full:
            r = self.raw("--lang", "zh", "unit", "list", stdout=full)
        self.assertEqual(r.returncode, 6)
        self.assertIn("无法写入标准输出：磁盘空间已满", r.stderr.decode())

    def test_stdout_error_keeps_an_earlier_error(self):
        with open("/dev/full", "w") as full:
            r = self.raw("person", "show", "NOBODY", stdout=full)
        self.assertEqual(r.returncode, 4, r.stderr)

    # -- finding 15: 0600 --------------------------------------------------------------------------

    def test_every_output_file_is_0600(self):
        def umask_022():
            os.umask(0o022)

        cases = [("a.csv", ("--format", "csv", "person", "list", "--show-id")),
                 ("a.html", ("--format", "html", "person", "list", "--show-id")),
                 ("a.xlsx", ("--format", "xlsx", "person", "list", "--show-id")),
                 ("a.md", ("--format", "md", "person", "show", "P1", "--show-id")),
                 ("a.json", ("--format", "json", "report", "course", "C1")),
                 ("a.txt", ("person", "list")),
                 ("a.ics", ("export", "ics", "C1"))]
        for name, args in cases:
            path = os.path.join(self.dir, name)
            with open(path, "w") as f:  # an older file readable by everyone is replaced by a private one
                f.write("old")
            os.chmod(path, 0o644)
            r = self.raw("-o", path, *args, preexec_fn=umask_022)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, name)
            self.assertGreater(os.path.getsize(path), 3, name)

    def test_o_through_a_symlink_replaces_the_file_and_keeps_the_link(self):
        real = os.path.join(self.dir, "real.csv")
        link = os.path.join(self.dir, "link.csv")
        with open(real, "w") as f:
            f.write("old\n")
        os.symlink(real, link)
        self.ok("--format", "csv", "-o", link, "unit", "list")
        self.assertTrue(os.path.islink(link))
        with open(real, encoding="utf-8") as f:
            self.assertIn("U1,Unit one", f.read())

    # -- finding 2: CSV formulas and Markdown HTML ------------------------------------------------

    def test_csv_formula_payloads_get_a_leading_apostrophe(self):
        for i, payload in enumerate(FORMULAS):
            self.ok("person", "add", f"F{i}", "--name", payload, "--unit", "U1")
            self.ok("course", "add", f"FC{i}", "--title", payload, "--organizer", "U1",
                    "--start", "2026-03-09", "--end", "2026-03-13")
        self.ok("person", "add", "F9", "--name", "Tab", "--unit", "U1")
        self.set_text("people", "name", "\tTAB", "staff_no = 'F9'")
        people = {row["staff_no"]: row for row in csv.DictReader(io.StringIO(self.ok("--format", "csv", "person", "list").out))}
        for i, payload in enumerate(FORMULAS):
            self.assertEqual(people[f"F{i}"]["name"], "'" + payload)
        self.assertEqual(people["F9"]["name"], "'\tTAB")
        self.assertEqual(people["P1"]["name"], "Alice")
        courses = {row["code"]: row for row in csv.DictReader(io.StringIO(self.ok("--format", "csv", "course", "list").out))}
        for i, payload in enumerate(FORMULAS):
            self.assertEqual(courses[f"FC{i}"]["title"], "'" + payload)
        # Numbers stay numbers, dates stay dates.
        self.assertEqual(courses["C1"]["total_hours"], "3")
        self.assertEqual(courses["C1"]["start"], "2026-03-09")
        # A report's key/value block too.
        out = self.ok("--format", "csv", "course", "show", "FC0").out
        self.assertIn("course.title,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", out)
        self.assertNotIn(",=HYPERLINK", out)

    def test_xlsx_keeps_formula_text_as_text(self):
        for i, payload in enumerate(FORMULAS):
            self.ok("person", "add", f"F{i}", "--name", payload, "--unit", "U1")
        path = os.path.join(self.dir, "p.xlsx")
        self.ok("--format", "xlsx", "-o", path, "person", "list")
        ws = openpyxl.load_workbook(path).worksheets[-1]
        header = [c.value for c in ws[1]]
        col = header.index("Name")
        cells = {row[0].value: row[col] for row in ws.iter_rows(min_row=2)}
        for i, payload in enumerate(FORMULAS):
            self.assertEqual(cells[f"F{i}"].value, payload)  # the literal text, not a leading '
            self.assertEqual(cells[f"F{i}"].data_type, "s")

    def test_markdown_escapes_html(self):
        self.ok("person", "add", "X1", "--name", "<script>alert(1)</script>", "--unit", "U1")
        self.ok("person", "add", "X2", "--name", "[click](javascript:alert(1)) a|b c\\", "--unit", "U1")
        out = self.ok("--format", "md", "person", "list").out
        self.assertNotIn("<script>", out)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", out)
        self.assertIn("\\[click\\](javascript:alert(1)) a\\|b c\\\\ |", out)
        for line in out.splitlines():
            if line.startswith("| X2"):
                self.assertEqual(line.replace("\\|", "").count("|"), 10)  # nine columns, none split

    # -- finding 8, output side: control characters and broken UTF-8 ------------------------------

    def test_stored_escape_sequences_never_reach_stdout_raw(self):
        self.set_text("people", "name", ESC_NAME, "staff_no = 'P1'")
        self.set_text("courses", "title", ESC_NAME, "code = 'C1'")
        for fmt in ("table", "csv", "md", "html"):
            for args in (("person", "list"), ("person", "show", "P1"), ("course", "list"), ("report", "course", "C1")):
                r = self.raw("--format", fmt, *args)
                self.assertEqual(r.returncode, 0, r.stderr)
                for bad in (b"\x1b", b"\x07", b"\x7f", b"\xc2\x85", "\u202e".encode()):
                    self.assertNotIn(bad, r.stdout, (fmt, args, bad))
                # Shown as text; Markdown escapes the backslash once more so that it reads the same.
                shown = b"\\\\x1b\\]0;owned\\\\x07" if fmt == "md" else b"\\x1b]0;owned\\x07"
                self.assertIn(shown, r.stdout, (fmt, args))
                if fmt != "csv":
                    self.assertNotIn(b"\r", r.stdout, (fmt, args))
        r = self.raw("--format", "csv", "person", "list")
        self.assertIn(b"\\u202eevil\\u0085\\x7f\\x0dX", r.stdout)
        # JSON keeps the text exact, escaped the JSON way.
        self.assertEqual(self.json("person", "show", "P1")["person"]["name"], ESC_NAME)

    def test_error_messages_never_carry_control_characters(self):
        for fmt in ("table", "json"):
            r = self.raw("--format", fmt, "person", "show", "X\x1b[2J\x1b]0;t\x07\u202e")
            self.assertNotEqual(r.returncode, 0)
            self.assertNotIn(b"\x1b", r.stderr)
            self.assertNotIn(b"\x07", r.stderr)
            self.assertNotIn("\u202e".encode(), r.stderr)
            # An argument that is not plain text is refused naming the character (h9-input); a
            # word echoed unchecked (an unknown verb) is shown escaped.
            self.assertIn(b"U+001B", r.stderr)
            if fmt == "json":
                json.loads(r.stderr)
            r = self.raw("--format", fmt, "person", "X\x1b[2J\x1b]0;t\x07\u202e")
            self.assertEqual(r.returncode, 2)
            self.assertNotIn(b"\x1b", r.stderr)
            self.assertNotIn("\u202e".encode(), r.stderr)
            self.assertIn(b"\\x1b[2J", r.stderr.replace(b"\\\\", b"\\"))
            if fmt == "json":
                json.loads(r.stderr)

    @sqlite_only("stores text that is not UTF-8, which PostgreSQL refuses to hold")
    def test_invalid_utf8_already_stored_renders_safely(self):
        gbk = "张三".encode("gbk") + b"\x1b[31m"
        self.set_text("people", "name", gbk, "staff_no = 'P1'")
        self.set_text("audit_log", "actor", gbk, "seq = (select min(seq) from audit_log)")
        path = os.path.join(self.dir, "audit.xlsx")
        self.ok("audit", "log", "--format", "xlsx", "-o", path)
        ws = openpyxl.load_workbook(path).worksheets[-1]  # a corrupt workbook does not load
        actors = [row[2].value for row in ws.iter_rows(min_row=2)]
        self.assertIn("\ufffd\ufffd\ufffd\ufffd\\x1b[31m", actors)
        path = os.path.join(self.dir, "people.xlsx")
        self.ok("--format", "xlsx", "-o", path, "person", "list")
        openpyxl.load_workbook(path)
        for args in (("audit", "log"), ("person", "list"), ("person", "show", "P1")):
            r = self.raw("--format", "json", *args)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("\ufffd", json.dumps(json.loads(r.stdout.decode("utf-8")), ensure_ascii=False))
            for fmt in ("table", "csv", "md", "html"):
                r = self.raw("--format", fmt, *args)
                self.assertEqual(r.returncode, 0, r.stderr)
                r.stdout.decode("utf-8")  # strict: valid UTF-8
                self.assertNotIn(b"\x1b", r.stdout)


if __name__ == "__main__":
    import unittest

    unittest.main()
