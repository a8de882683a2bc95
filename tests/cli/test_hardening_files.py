"""Issue 9, files: imports read in bounded memory and time, refuse what is not a good file, and say
what is wrong in the file's own terms (findings 3, 4, 13, 14)."""
import os
import resource
import subprocess
import time
import unittest

from helpers import BIN, CliTest, snapshot

# An import that reads its whole file, or keeps every row, runs out of this much address space.
MEMORY_LIMIT = 1 << 30


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


class BoundedImportTest(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")

    def bounded(self, *args, stdin=None, timeout=30):
        """Runs the CLI under a 1 GiB address-space limit and a time limit; returns (result, seconds)."""
        env = dict(os.environ, CADRE_DB=self.db)
        start = time.monotonic()
        proc = subprocess.run([BIN] + [str(a) for a in args], capture_output=True, text=True, env=env,
                              timeout=timeout, preexec_fn=limit_memory, stdin=stdin)
        return proc, time.monotonic() - start

    def assertRefusedBounded(self, *args, message, code=3, timeout=30):
        before = snapshot(self.db)
        proc, seconds = self.bounded(*args, timeout=timeout)
        self.assertEqual(proc.returncode, code, proc.stderr)
        self.assertIn(message, proc.stderr)
        self.assertNotIn("internal error", proc.stderr)
        self.assertEqual(snapshot(self.db), before, "database changed by a refused import")
        return proc, seconds

    def test_dev_zero_is_refused_quickly(self):
        for kind in ("people", "units", "checkins"):
            with self.subTest(kind=kind):
                proc, seconds = self.assertRefusedBounded("import", kind, "/dev/zero", message="/dev/zero:1:")
                self.assertIn("1 MiB", proc.stderr)
                self.assertLess(seconds, 10)
        proc, _ = self.assertRefusedBounded("calendar", "import", "/dev/zero", message="/dev/zero:1:")

    def test_dev_zero_as_attlog_and_device_map(self):
        dmap = self.write("map.csv", "pin,staff_no\n1,A1\n")
        self.assertRefusedBounded("import", "checkins", "/dev/zero", "--input-format", "zkteco", "--device-map", dmap,
                                  message="/dev/zero:1:")
        att = self.write("a.dat", "1\t2026-03-02 08:00:00\t1\t0\t1\t0\n")
        self.assertRefusedBounded("import", "checkins", att, "--input-format", "zkteco", "--device-map", "/dev/zero",
                                  message="/dev/zero:1:")

    def test_dev_urandom_is_refused_quickly(self):
        proc, seconds = self.assertRefusedBounded("import", "people", "/dev/urandom", message="/dev/urandom:")
        self.assertLess(seconds, 10)

    def test_a_two_mib_line_is_refused_naming_it(self):
        path = os.path.join(self.dir, "long.csv")
        with open(path, "w") as f:
            f.write("code,name\nU1,One\nU2," + "x" * (2 << 20) + "\nU3,Three\n")
        self.assertRefusedBounded("import", "units", path, message="long.csv:3: line longer than 1 MiB")
        # A quoted field running over many short lines is held to the same limit, named by its first line.
        with open(path, "w") as f:
            f.write("code,name\nU1,\"" + "x\n" * (600 << 10) + "\"\n")
        self.assertRefusedBounded("import", "units", path, message="long.csv:2: line longer than 1 MiB")

    def test_an_endless_pipe_of_bad_rows_stops(self):
        fifo = os.path.join(self.dir, "endless.csv")
        os.mkfifo(fifo)
        writer = subprocess.Popen(["sh", "-c", f"{{ echo staff_no,name,unit; yes A9,Name,NOUNIT; }} > '{fifo}'"],
                                  stderr=subprocess.DEVNULL)
        try:
            proc, seconds = self.assertRefusedBounded("import", "people", fifo, code=4,
                                                      message="stopped reading at line 1001 after 1000 bad rows")
            self.assertIn("endless.csv:2: unit: unknown unit NOUNIT", proc.stderr)
            self.assertIn("nothing was imported (1000 bad rows)", proc.stderr)
        finally:
            writer.kill()
            writer.wait()

    def test_folders_and_empty_files_are_refused(self):
        folder = os.path.join(self.dir, "folder")
        os.mkdir(folder)
        empty = self.write("empty.csv", "")
        dmap = self.write("map.csv", "pin,staff_no\n1,A1\n")
        for args, message in (
            (["import", "people", folder], "is a folder"),
            (["import", "people", empty], "empty file"),
            (["calendar", "import", folder], "is a folder"),
            (["import", "checkins", folder, "--input-format", "zkteco", "--device-map", dmap], "is a folder"),
            (["import", "checkins", empty, "--input-format", "zkteco", "--device-map", dmap], "no punches"),
            (["import", "checkins", self.write("serial.dat", "BJ2C184860012\r\n\r\n"), "--input-format", "zkteco",
              "--device-map", dmap], "no punches"),
            (["import", "checkins", self.write("a.dat", "1\t2026-03-02 08:00:00\t1\t0\t1\t0\n"), "--input-format",
              "zkteco", "--device-map", folder], "is a folder"),
        ):
            with self.subTest(args=args):
                self.assertFailsUnchanged(3, *args, message=message)


class AttlogTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        for staff in ("A1001", "A1002"):
            self.ok("secondment", "add", staff, "--from", "QXFGW", "--to", "HXZ", "--post", "x", "--start",
                    "2026-03-02", "--end", "2026-12-31")
        self.dmap = self.write("map.csv", "pin,staff_no\n101,A1001\n102,A1002\n")

    def attlog(self, path, *extra):
        return ["import", "checkins", path, "--input-format", "zkteco", "--device-map", self.dmap, *extra]

    def test_a_truncated_punch_is_an_error_naming_its_line(self):
        path = self.write("1_attlog.dat", "   101\t2026-06-22 08:00:00\t1\t0\t1\t0\r\n   102\t2026-06-2")
        r = self.assertFailsUnchanged(3, *self.attlog(path), message="1_attlog.dat:2:")
        self.assertIn("nothing was imported", r.err)

    def test_header_and_trailer_are_skipped_only_by_their_shape(self):
        good = self.write("good.dat", "BJ2C184860012\r\n   101\t2026-06-22 08:00:00\t1\t0\t1\t0\r\n"
                                      "   102\t2026-06-22 08:01:00\t1\t0\t1\t0\r\nCHECKSUM:7F3A21C9\r\n")
        r = self.json(*self.attlog(good))
        self.assertEqual((r["rows"], r["written"]), (2, 2))
        # A cut-off first line, or a last line with two fields, is not a header or a trailer.
        for text, line in (("   101\t2026-06\r\n   102\t2026-06-22 08:01:00\t1\t0\t1\t0\r\n", 1),
                           ("   101\t2026-06-22 08:02:00\t1\t0\t1\t0\r\nCHECKSUM: 7F3A21C9\r\n", 2)):
            with self.subTest(text=text):
                self.assertFailsUnchanged(3, *self.attlog(self.write("bad.dat", text)), message=f"bad.dat:{line}:")

    def test_an_attlog_that_is_not_utf8_is_refused(self):
        # Issue 15 reads GBK text (detected: not UTF-8); a byte that is no GB18030 character is refused.
        path = os.path.join(self.dir, "gbk.dat")
        with open(path, "wb") as f:
            f.write("   101\t2026-06-22 08:00:00\t1\t0\t1\t0\r\n设备\r\n".encode("gbk") + b"\x80\r\n")
        self.assertFailsUnchanged(3, *self.attlog(path), message="gbk.dat:3: not GB18030 text")


class CsvHeaderTest(CliTest):
    def test_a_repeated_column_is_refused_naming_both_positions(self):
        path = self.write("units.csv", "code,name,code\nU1,One,U2\n")
        self.assertFailsUnchanged(3, "import", "units", path,
                                  message="units.csv:1: column code appears twice (columns 1 and 3)")

    def test_a_trailing_comma_is_named_in_words(self):
        path = self.write("people.csv", "staff_no,name,unit,\nA1,Li,U1,\n")
        self.assertFailsUnchanged(3, "import", "people", path,
                                  message="people.csv:1: column 4 has no name (a trailing comma?)")
        path = self.write("units.csv", "code,,name\nU1,x,One\n")
        self.assertFailsUnchanged(3, "import", "units", path, message="units.csv:1: column 2 has no name")

    def test_a_nul_byte_is_refused_naming_its_line(self):
        path = os.path.join(self.dir, "units.csv")
        with open(path, "wb") as f:
            f.write(b"code,name\nU1,One\nU2,T\x00wo\n")
        r = self.assertFailsUnchanged(3, "import", "units", path, message="units.csv:3:")
        self.assertIn("NUL", r.err)

    def test_row_errors_name_the_files_columns(self):
        self.load_examples("units", "people")
        self.ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "x", "--start",
                "2026-03-02", "--end", "2026-12-31")
        path = self.write("c.csv", "staff_no,at,kind,lat,lon\nA1003,yesterday,on_duty,,\n"
                                   "A1003,2026-03-03T08:00:00+08:00,on_duty,95,120\n"
                                   "A1003,2026-03-04T08:00:00+08:00,on_duty,30,\n"
                                   "A1003,2026-03-05T08:00:00+08:00,nap,,\n"
                                   "A1003,2025-03-05T08:00:00+08:00,on_duty,,\n")
        r = self.assertFailsUnchanged(3, "import", "checkins", path, message="c.csv:2: at: ")
        for expected in ("c.csv:3: lat: ", "c.csv:4: lat and lon go together", "c.csv:5: kind: ", "c.csv:6: at: "):
            self.assertIn(expected, r.err)
        self.assertNotIn("--", r.err)
        # The same in Chinese: the column stays the file's.
        r = self.assertFailsUnchanged(3, "--lang", "zh", "import", "checkins", path, message="c.csv:2: at")
        self.assertNotIn("--at", r.err)
        courses = self.write("courses.csv", "code,title,organizer,start,end,pass_mark\n"
                                            "C1,T,SZDX,2026-03-09,2026-03-01,60\nC2,T,SZDX,2026-03-09,2026-03-10,abc\n")
        r = self.assertFailsUnchanged(3, "import", "courses", courses, message="courses.csv:2: end")
        self.assertIn("courses.csv:3: pass_mark", r.err)
        self.assertNotIn("--", r.err)


class RowOrderTest(CliTest):
    def test_a_parent_later_in_the_file_is_accepted(self):
        path = self.write("units.csv", "code,name,parent\nTOWN,Town,COUNTY\nCOUNTY,County,CITY\nCITY,City,\n")
        r = self.json("import", "units", path)
        self.assertEqual((r["rows"], r["written"]), (3, 3))
        parents = {u["code"]: u["parent"] for u in self.json("unit", "list")["units"]}
        self.assertEqual(parents, {"TOWN": "COUNTY", "COUNTY": "CITY", "CITY": None})
        self.ok("db", "check")

    def test_a_cycle_or_an_unknown_parent_is_refused_naming_the_lines(self):
        path = self.write("units.csv", "code,name,parent\nA,A,B\nB,B,C\nC,C,A\nD,D,\n")
        r = self.assertFailsUnchanged(3, "import", "units", path, message="units.csv:2: parent: A is its own ancestor")
        self.assertIn("(lines 2, 3, 4)", r.err)
        self.assertIn("units.csv:3: parent: B is its own ancestor", r.err)
        path = self.write("units.csv", "code,name,parent\nD,D,NOWHERE\nE,E,\n")
        self.assertFailsUnchanged(4, "import", "units", path, message="units.csv:2: parent: unknown unit NOWHERE")

    def test_contradictory_attendance_rows_are_refused_naming_both_lines(self):
        self.load_examples("units", "people", "courses", "sessions", "enrolments")
        path = self.write("att.csv", "course,session_no,staff_no,status,note\n"
                                     "QN2026-1,1,A1001,present,\nQN2026-1,1,A1002,late,\n"
                                     "QN2026-1,01,A1001,absent,\n")
        r = self.assertFailsUnchanged(5, "import", "attendance", path, message="att.csv:4: A1001 in session")
        self.assertIn("line 2 says present, this row says absent", r.err)
        # The same row twice is kept once (a duplicate), not refused.
        path = self.write("att.csv", "course,session_no,staff_no,status,note\n"
                                     "QN2026-1,1,A1002,late,15 min\nQN2026-1,1,A1002,late,15 min\n")
        r = self.json("import", "attendance", path)
        self.assertEqual((r["rows"], r["written"], r["duplicates"]), (2, 1, 1))
        path = self.write("att.csv", "course,session_no,staff_no,status,note\n"
                                     "QN2026-1,2,A1002,late,15 min\nQN2026-1,2,A1002,late,20 min\n")
        self.assertFailsUnchanged(5, "import", "attendance", path,
                                  message="line 2 says late (15 min), this row says late (20 min)")


if __name__ == "__main__":
    unittest.main()
