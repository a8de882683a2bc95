"""Issue 9, input side: text that is not UTF-8 or carries control characters, ID numbers (GB 11643),
local times the clocks skip, impossible instants, repeated staff numbers, and messages that name
the real rule. Each case failed (or was accepted) before these checks."""
import datetime
import os
import sqlite3
import subprocess
import zoneinfo

from helpers import BIN, CliTest, Result, query, snapshot

GBK = "张三".encode("gbk")  # what a Chinese-locale terminal sends: not UTF-8
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(area_birth_seq):
    """An 18-character ID number: the 17 digits given and their MOD 11-2 check character."""
    return area_birth_seq + "10X98765432"[sum(int(d) * w for d, w in zip(area_birth_seq, WEIGHTS)) % 11]


class InputTest(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")
        self.load_examples("units", "people")

    def run_bytes(self, *args, env=None):
        """run_cli for arguments that are bytes (run_cli passes text only)."""
        e = dict(os.environ)
        e["CADRE_DB"] = self.db
        e.pop("COLUMNS", None)
        e.update(env or {})
        cmd = [BIN.encode()] + [a if isinstance(a, bytes) else str(a).encode() for a in args]
        p = subprocess.run(cmd, capture_output=True, env=e, timeout=120)
        p.stdout, p.stderr = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")  # cadre's own output is UTF-8
        return Result(p)

    def assertBytesFailUnchanged(self, code, *args, message=None, env=None):
        before = snapshot(self.db)
        r = self.run_bytes(*args, env=env)
        self.assertEqual(r.code, code, r)
        self.assertIn("cadre: error:", r.err)
        if message:
            self.assertIn(message, r.err)
        self.assertEqual(snapshot(self.db), before, "database changed by a failed command")
        return r

    def secondment(self, *extra):
        return self.ok("secondment", "add", "A1001", "--from", "QXFGW", "--to", "HXZ", "--post", "p",
                       "--start", "2026-01-01", "--end", "2026-12-31", *extra).out.strip()

    def audit_count(self):
        return query(self.db, "SELECT count(*) FROM audit_log")[0][0]


class Utf8AndControls(InputTest):
    def test_gbk_actor_never_reaches_the_audit_log(self):
        r = self.assertBytesFailUnchanged(3, b"--actor", GBK, "unit", "add", "X1", "--name", "x", message="--actor")
        self.assertIn("UTF-8", r.err)
        self.assertBytesFailUnchanged(3, b"--actor=" + GBK, "unit", "add", "X1", "--name", "x", message="--actor")
        # Nor from the environment: a GBK USER is refused, naming it (a plain one still works).
        self.ok("unit", "add", "X1", "--name", "x", env={"USER": "clerk"})
        before = snapshot(self.db)
        env = dict(os.environb)
        env.update({b"CADRE_DB": self.db.encode(), b"USER": GBK})
        p = subprocess.run([BIN.encode(), b"unit", b"add", b"X2", b"--name", b"y"], capture_output=True, env=env,
                           timeout=60)
        self.assertEqual(p.returncode, 3, p)
        self.assertIn("USER", p.stderr.decode())
        self.assertEqual(snapshot(self.db), before)

    def test_gbk_in_text_options_is_invalid_input_naming_the_option(self):
        sid = self.secondment()
        self.assertBytesFailUnchanged(3, "person", "add", "P9", "--name", GBK, "--unit", "QXGOV", message="--name")
        self.assertBytesFailUnchanged(3, "checkin", "A1001", "--at", "2026-06-22T08:00:00+08:00", "--place", GBK,
                                      message="--place")
        self.assertBytesFailUnchanged(3, "secondment", "end", sid, "--on", "2026-06-30", "--reason", GBK,
                                      message="--reason")
        # In Chinese too, and in JSON: no internal error from the JSON writer.
        r = self.assertBytesFailUnchanged(3, "--lang", "zh", "unit", "add", "X1", "--name", b"a\xff")
        self.assertIn("UTF-8", r.err)
        r = self.run_bytes("--format", "json", "unit", "add", "X1", "--name", b"a\xff")
        self.assertEqual(r.code, 3, r)
        self.assertIn('"invalid"', r.err)

    def test_control_characters_refused_in_names(self):
        self.assertFailsUnchanged(3, "unit", "add", "X1", "--name", "a\x1b]0;pwned\x07", message="U+001B")
        self.assertFailsUnchanged(3, "person", "update", "A1001", "--name", "王\x1b[2J", message="--name")
        self.assertFailsUnchanged(3, "person", "update", "A1001", "--title", "a\x9bb", message="U+009B")
        self.assertFailsUnchanged(3, "person", "update", "A1001", "--name", "a\u202eb", message="U+202E")
        # A name is one line; a reason may hold several.
        self.assertFailsUnchanged(3, "person", "update", "A1001", "--name", "王\n建国", message="--name")
        sid = self.secondment()
        self.ok("secondment", "end", sid, "--on", "2026-06-30", "--reason", "第一行\n第二行\t附注")
        self.assertFailsUnchanged(3, "secondment", "extend", sid, "--until", "2027-01-31", "--reason", "a\rb")

    def test_control_characters_in_an_imported_file(self):
        # The CSV reader already refused bytes that are not UTF-8; the rows' text now passes the same
        # checks as an option does (the library's insert functions are shared).
        path = self.write("people.csv", "staff_no,name,unit\nP9,\"王\x1b]8;;http://x\x1b\\\\x\",QXGOV\n")
        self.assertFailsUnchanged(3, "import", "people", path, message="U+001B")
        path = self.write("people2.csv", "staff_no,name,unit,title\nP9,王,QXGOV,\"a\x07\"\n")
        # In a file the error names the file's column (issue 9, finding 13), not the option --title.
        self.assertFailsUnchanged(3, "import", "people", path, message="people2.csv:2: title: contains the control")
        # Holiday names of a calendar file too.
        path = self.write("cal.csv", "date,kind,name,name_zh\n2027-01-01,holiday,New Year\x1b[2J,元旦\n")
        self.assertFailsUnchanged(3, "calendar", "import", path, message="cal.csv:2: name: contains the control")


class IdNumbers(InputTest):
    def add(self, staff_no, number, *extra):
        return ["person", "add", staff_no, "--name", "测试", "--unit", "QXGOV", "--id-number", number, *extra]

    def test_valid_number_accepted_and_lowercase_x_stored_as_x(self):
        good = id_number("11010519900101111")
        self.assertEqual(good[-1], "X")
        self.ok(*self.add("P1", good.lower(), "--birth", "1990-01-01"))
        self.assertEqual(self.json("person", "show", "P1", "--show-id")["person"]["id_number"], good)

    def test_wrong_check_digit(self):
        good = id_number("11010519900101123")
        wrong = good[:17] + ("0" if good[17] != "0" else "1")
        r = self.assertFailsUnchanged(3, *self.add("P1", wrong), message="check digit")
        self.assertNotIn("19900101", r.err)  # the birth date stays masked in messages too

    def test_old_15_digit_number_refused(self):
        self.assertFailsUnchanged(3, *self.add("P1", "110105900101123"), message="18")

    def test_birth_date_real_and_not_in_the_future(self):
        self.assertFailsUnchanged(3, *self.add("P1", id_number("11010519900230123")), message="birth date")
        today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")).date()
        tomorrow = today + datetime.timedelta(days=1)
        self.assertFailsUnchanged(3, *self.add("P1", id_number("110105" + tomorrow.strftime("%Y%m%d") + "123")),
                                  message="future")
        self.ok(*self.add("P1", id_number("110105" + today.strftime("%Y%m%d") + "123")))

    def test_birth_must_match_the_number(self):
        number = id_number("11010519900101123")
        self.assertFailsUnchanged(3, *self.add("P1", number, "--birth", "1990-01-02"), message="--birth")
        self.ok(*self.add("P1", number, "--birth", "1990-01-01"))
        self.assertFailsUnchanged(3, "person", "update", "P1", "--birth", "1991-01-01", message="--birth")

    def test_two_people_cannot_share_a_number(self):
        number = id_number("11010519900101123")
        self.ok(*self.add("P1", number))
        r = self.assertFailsUnchanged(5, *self.add("P2", number), message="P1")
        self.assertNotIn(number, r.err)
        self.assertIn("110105********", r.err)
        self.ok("person", "add", "P3", "--name", "另一人", "--unit", "QXGOV")
        self.assertFailsUnchanged(5, "person", "update", "P3", "--id-number", number, message="P1")
        self.ok("person", "update", "P1", "--id-number", number)  # its own number again is no conflict

    def test_example_data_holds_valid_numbers(self):
        for p in self.json("person", "list", "--show-id")["people"]:
            if p["id_number"]:
                self.assertEqual(id_number(p["id_number"][:17]), p["id_number"])


class Instants(InputTest):
    def setUp(self):
        super().setUp()
        self.secondment()

    def checkin(self, at):
        return ["checkin", "A1001", "--at", at]

    def test_dst_gap_refused_and_fold_takes_the_first_offset(self):
        self.ok("settings", "set", "timezone", "America/New_York")
        self.assertFailsUnchanged(3, *self.checkin("2026-03-08T02:30:00"), message="America/New_York")
        self.ok(*self.checkin("2026-03-08T03:30:00"))
        self.ok(*self.checkin("2026-11-01T01:30:00"))
        offsets = [r[0] for r in query(self.db, "SELECT offset_minutes FROM checkins ORDER BY at_utc")]
        self.assertEqual(offsets, [-240, -240])  # EDT after the jump; the first 01:30 (EDT) in the fold
        r = self.assertFailsUnchanged(3, "--lang", "zh", *self.checkin("2026-03-08T02:59:00"))
        self.assertIn("不存在", r.err)

    def test_second_60_refused(self):
        self.assertFailsUnchanged(3, *self.checkin("2026-06-22T08:00:60+08:00"), message="no such time")
        self.ok(*self.checkin("2026-06-22T08:00:59+08:00"))

    def test_offset_limit(self):
        self.assertFailsUnchanged(3, *self.checkin("2026-06-22T08:00:00+14:01"), message="14:00")
        self.assertFailsUnchanged(3, *self.checkin("2026-06-22T08:00:00-14:01"), message="14:00")
        self.ok(*self.checkin("2026-06-22T08:00:00+14:00"))
        self.ok(*self.checkin("2026-06-23T08:00:00-14:00"))

    def test_empty_at_is_not_now(self):
        self.assertFailsUnchanged(3, *self.checkin(""), message="--at: empty")
        self.assertFailsUnchanged(3, *self.checkin("  "), message="--at: empty")


class RepeatedStaffNumbers(InputTest):
    def test_attend_records_a_repeated_staff_number_once(self):
        self.ok("course", "add", "C1", "--title", "班", "--organizer", "SZDX", "--start", "2026-03-09",
                "--end", "2026-03-13")
        self.ok("session", "add", "C1", "--date", "2026-03-09", "--start", "08:00", "--end", "10:00",
                "--title", "一")
        self.ok("enrol", "C1", "A1001", "A1002")
        before = self.audit_count()
        self.ok("attend", "C1", "1", *(["A1001"] * 500), "A1002", " A1001 ", "--status", "present")
        self.assertEqual(self.audit_count(), before + 2)


class Messages(InputTest):
    def test_date_out_of_range_is_not_no_such_date(self):
        hours = ["hours", "add", "A1001", "--hours", "1", "--kind", "online", "--date"]
        r = self.assertFailsUnchanged(3, *hours, "9999-12-31", message="out of range")
        self.assertIn("1900", r.err)
        self.assertNotIn("no such date", r.err)
        r = self.assertFailsUnchanged(3, "--lang", "zh", *hours, "9999-12-31", message="超出支持的范围")
        self.assertNotIn("不存在", r.err)
        self.assertFailsUnchanged(3, *hours, "2026-02-30", message="no such date")

    def test_hours_name_the_rule(self):
        hours = ["hours", "add", "A1001", "--date", "2026-03-01", "--kind", "online", "--hours"]
        for bad in ("1e308", "0", "-1", "10000.5"):
            r = self.assertFailsUnchanged(3, *hours, bad, message="must be more than 0 and at most 10000")
            self.assertNotIn("-1000000000", r.err)
        self.assertFailsUnchanged(3, "--lang", "zh", *hours, "1e308", message="必须大于 0 且不超过 10000")
        self.ok(*hours, "10000")

    def test_generic_range_reads_as_a_range(self):
        self.secondment()
        r = self.assertFailsUnchanged(3, "checkin", "A1001", "--at", "2026-06-22T08:00:00+08:00", "--lat", "-91",
                                      "--lon", "0", message="--lat: -91 is not between -90 and 90")
        self.assertNotIn("-90-90", r.err)
