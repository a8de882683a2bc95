"""End to end: db, settings, units, people, calendar, imports, audit, exit codes, unchanged database."""
import json
import os
import sqlite3
import stat
import unittest

from helpers import EXAMPLES, CliTest, execute, sqlite_only


class DatabaseCommands(CliTest):
    @sqlite_only("the file's mode (0600)")
    def test_init_creates_private_file_and_info_counts_rows(self):
        self.ok("db", "init")
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        self.load_examples("units", "people")
        info = self.json("db", "info")
        counts = {t["table"]: t["rows"] for t in info["tables"]}
        self.assertEqual(counts["units"], 9)
        self.assertEqual(counts["people"], 10)
        self.assertEqual(info["schema_version"], info["latest_schema_version"])

    @sqlite_only("database file paths (--db, $CADRE_DB, XDG)")
    def test_db_path_from_option_env_and_xdg(self):
        other = os.path.join(self.dir, "other.db")
        self.ok("--db", other, "db", "init")
        self.assertTrue(os.path.exists(other))
        env = {"CADRE_DB": "", "XDG_DATA_HOME": os.path.join(self.dir, "xdg")}
        self.ok("db", "init", env=env)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "xdg", "cadre", "cadre.db")))

    @sqlite_only("db backup copies the SQLite file (PostgreSQL backup: pgcopy's step)")
    def test_check_and_backup(self):
        self.load_examples("units", "people")
        self.assertTrue(self.json("db", "check")["ok"])
        copy = os.path.join(self.dir, "copy.db")
        self.ok("db", "backup", copy)
        self.assertEqual(len(self.json("--db", copy, "person", "list")["people"]), 10)
        self.assertFailsUnchanged(5, "db", "backup", copy)

    def test_check_fails_on_tampered_audit(self):
        self.load_examples("units")
        execute(self.db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")
        r = self.run_cli("db", "check")
        self.assertEqual(r.code, 6, r)
        self.assertIn("audit", r.err)
        self.assertEqual(self.run_cli("audit", "verify").code, 6)


class ExitCodes(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")

    def test_usage_errors_exit_2(self):
        self.assertFailsUnchanged(2, "frobnicate")
        self.assertFailsUnchanged(2, "unit", "fly")
        self.assertFailsUnchanged(2, "unit", "add", "X1")            # --name missing
        self.assertFailsUnchanged(2, "unit", "add", "X1", "--name", "N", "--colour", "red")
        self.assertFailsUnchanged(2, "--format", "yaml", "unit", "list")
        self.assertEqual(self.run_cli().code, 2)

    def test_invalid_input_exit_3(self):
        self.assertFailsUnchanged(3, "person", "add", "Z1", "--name", "N", "--unit", "QXGOV", "--birth", "2026-02-30",
                                  message="--birth")
        self.assertFailsUnchanged(3, "person", "add", "Z1", "--name", "N", "--unit", "QXGOV", "--tier", "boss",
                                  message="--tier")
        self.assertFailsUnchanged(3, "unit", "add", "X1", "--name", "N", "--kind", "village", message="--kind")
        self.assertFailsUnchanged(3, "settings", "set", "min_presence", "2")
        self.assertFailsUnchanged(3, "calendar", "workdays", "2026-02-01", "2026-13-01")

    def test_not_found_exit_4(self):
        self.assertFailsUnchanged(4, "person", "add", "Z1", "--name", "N", "--unit", "NOPE", message="NOPE")
        self.assertFailsUnchanged(4, "person", "show", "NOBODY")
        self.assertFailsUnchanged(4, "person", "update", "NOBODY", "--name", "X")
        self.assertFailsUnchanged(4, "import", "people", os.path.join(self.dir, "missing.csv"))

    def test_conflict_exit_5(self):
        self.assertFailsUnchanged(5, "unit", "add", "QXGOV", "--name", "Again")
        self.assertFailsUnchanged(5, "person", "add", "A1001", "--name", "Again", "--unit", "QXGOV")

    @sqlite_only("holds a SQLite write lock from Python to make the CLI's wait run out")
    def test_storage_exit_6(self):
        con = sqlite3.connect(self.db, isolation_level=None)
        con.execute("BEGIN EXCLUSIVE")
        try:
            before = con.execute("SELECT count(*) FROM units").fetchone()
            # A shorter wait than the default 15 s is not configurable from the CLI: the command waits, then fails.
            r = self.run_cli("unit", "add", "X9", "--name", "Locked", env={"CADRE_BUSY_TIMEOUT_MS": "200"})
            self.assertEqual(r.code, 6, r)
            self.assertIn("locked", r.err)
        finally:
            con.execute("ROLLBACK")
            con.close()
        self.assertEqual(self.json("unit", "list")["units"].__len__(), 9)
        self.assertIsNotNone(before)

    def test_json_errors(self):
        r = self.run_cli("--format", "json", "person", "show", "NOBODY")
        self.assertEqual(r.code, 4)
        err = json.loads(r.err)
        self.assertEqual(err["error"]["code"], "not_found")
        self.assertIn("NOBODY", err["error"]["message"])


class People(CliTest):
    def test_add_list_show_update_masks_id(self):
        self.load_examples("units")
        self.ok("person", "add", "P1", "--name", "张三", "--unit", "QXGOV", "--id-number", "110105199001011232",
                "--gender", "m", "--birth", "1990-01-01", "--tier", "leader")
        shown = self.json("person", "show", "P1")["person"]
        self.assertEqual(shown["id_number"], "110105********1232")
        self.assertEqual(self.json("person", "show", "P1", "--show-id")["person"]["id_number"], "110105199001011232")
        self.assertNotIn("199001011232", self.ok("person", "list").out)
        self.ok("person", "update", "P1", "--unit", "HXZ", "--rank", "一级主任科员")
        shown = self.json("person", "show", "P1")["person"]
        self.assertEqual((shown["unit"], shown["rank"], shown["tier"]), ("HXZ", "一级主任科员", "leader"))
        self.assertEqual(len(self.json("person", "list", "--unit", "HXZ")["people"]), 1)
        # The audit log never holds the full ID number either.
        self.assertNotIn("199001011232", self.ok("audit", "log").out)

    def test_import_reports_lines_and_writes_nothing(self):
        self.load_examples("units")
        bad = self.write("people.csv", "staff_no,name,unit,birth\nP1,A,QXGOV,1990-01-01\nP2,B,NOPE,1990-01-01\n"
                                       "P3,C,QXGOV,1990-02-30\n")
        r = self.assertFailsUnchanged(4, "import", "people", bad)
        self.assertIn("people.csv:3", r.err)
        self.assertIn("people.csv:4", r.err)
        self.assertIn("birth", r.err)
        good = self.write("good.csv", "\ufeffstaff_no,name,unit\nP1,A,QXGOV\n")
        dry = self.json("import", "people", good, "--dry-run")
        self.assertTrue(dry["dry_run"])
        self.assertEqual(dry["rows"], 1)
        self.assertEqual(len(self.json("person", "list")["people"]), 0)
        self.assertEqual(self.json("import", "people", good)["written"], 1)

    def test_table_output_aligns_chinese(self):
        self.load_examples("units", "people")
        out = self.ok("person", "list").out
        lines = [l for l in out.splitlines() if l.startswith(" ") or l[:1].isalnum()]
        unit_cols = set()
        for l in lines:
            for code in ("QXFGW", "QXGOV", "HXZ", "DSZ"):
                i = l.find(code)
                if i >= 0:
                    prefix = l[:i]
                    width = sum(2 if ord(c) > 0x2e80 else 1 for c in prefix)
                    unit_cols.add(width)
        self.assertEqual(len(unit_cols), 1, out)


class Calendar(CliTest):
    def test_february_2026(self):
        month = self.json("calendar", "show", "2026-02")
        self.assertEqual(month["working_days"], 16)
        days = {d["date"]: d for d in month["days"]}
        self.assertTrue(days["2026-02-14"]["working"])
        self.assertTrue(days["2026-02-28"]["working"])
        self.assertFalse(days["2026-02-16"]["working"])
        self.assertEqual(self.json("calendar", "workdays", "2026-02-01", "2026-02-28")["working_days"], 16)

    def test_import_a_year(self):
        path = self.write("cal.csv", "date,kind,name,name_zh\n2027-01-01,holiday,New Year,元旦\n")
        self.ok("calendar", "import", path)
        self.assertEqual(self.json("calendar", "workdays", "2027-01-01", "2027-01-01")["working_days"], 0)
        bad = self.write("bad.csv", "date,kind\n2027-01-04,holiday\n2027-01-05,feast\n")
        r = self.assertFailsUnchanged(3, "calendar", "import", bad)
        self.assertIn("bad.csv:3", r.err)


class Settings(CliTest):
    def test_get_set(self):
        self.ok("settings", "set", "excellent_quota", "0.15")
        rows = {r["key"]: r["value"] for r in self.json("settings", "get")["settings"]}
        self.assertEqual(rows["excellent_quota"], "0.15")
        self.assertEqual(rows["timezone"], "Asia/Shanghai")
        self.assertFailsUnchanged(3, "settings", "set", "timezone", "Nowhere/Land")
        self.assertFailsUnchanged(3, "settings", "set", "nonsense", "1")


class Audit(CliTest):
    def test_every_change_is_logged_with_actor(self):
        self.ok("--actor", "clerk-li", "unit", "add", "U1", "--name", "One")
        self.ok("--actor", "clerk-li", "settings", "set", "min_presence", "0.7")
        entries = self.json("audit", "log")["entries"]
        self.assertEqual([e["operation"] for e in entries], ["add", "update"])
        self.assertTrue(all(e["actor"] == "clerk-li" for e in entries))
        self.assertIn('"0.8"', entries[1]["before"])
        self.assertEqual(self.json("audit", "verify")["entries"], 2)


class Help(CliTest):
    def test_help(self):
        self.assertIn("Commands:", self.ok("help").out)
        self.assertIn("person add", self.ok("person", "--help").out)
        self.assertIn("--kind", self.ok("help", "unit").out)


if __name__ == "__main__":
    unittest.main()
