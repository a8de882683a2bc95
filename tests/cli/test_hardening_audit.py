"""Issue 9, finding 7: the audit log vouches for the data.

An emptied or shortened log, rows edited behind cadre's back and a changed schema are all reported by
`db check` (and the data ones by `audit verify`); `audit anchor` / `audit verify --anchor` prove the
log still holds a state written down earlier. Attacks are made with Python's sqlite3 module, which
does not have cadre's SQL functions: as another SQLite client would.
"""
import hashlib
import os
import shutil
import sqlite3
import unittest

from helpers import EXAMPLES, SOURCE, CliTest, connect_with_cadre_functions, execute, query, snapshot, sqlite_only


def triggers_of(db, table):
    return query(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?", table)


class AuditHardeningTest(CliTest):
    def setUp(self):
        super().setUp()
        self.load_examples("units", "people", "courses", "sessions", "enrolments", "attendance")
        for staff, home in (("A1001", "QXFGW"), ("A1002", "QXGOV"), ("A1003", "QXFGW"), ("A1007", "QXORG"),
                            ("A1009", "QXGOV")):
            self.ok("secondment", "add", staff, "--from", home, "--to", "DSZ", "--post", "挂职", "--start",
                    "2026-03-02", "--end", "2027-03-01")
        self.ok("import", "checkins", os.path.join(EXAMPLES, "checkins.csv"))
        self.ok("assess", "QN2026-1", "A1001", "--component", "exam", "--score", "92")
        self.ok("db", "check")

    def assertCheckFails(self, *messages, verify=True):
        """db check (and audit verify, for data problems) exit 6 naming every message; nothing changes."""
        before = snapshot(self.db)
        r = self.run_cli("db", "check")
        self.assertEqual(r.code, 6, r)
        for m in messages:
            self.assertIn(m, r.err)
        if verify:
            v = self.run_cli("audit", "verify")
            self.assertEqual(v.code, 6, v)
            for m in messages:
                if not m.startswith("schema:"):
                    self.assertIn(m, v.err)
        self.assertEqual(snapshot(self.db), before, "db check changed the database")
        return r

    def count(self, table):
        return query(self.db, f"SELECT count(*) FROM {table}")[0][0]

    def drop_triggers(self, table):
        saved = triggers_of(self.db, table)
        execute(self.db, *[f"DROP TRIGGER {name}" for name, _ in saved])
        return [sql for _, sql in saved]

    # --- the log emptied -----------------------------------------------------------------------------
    @sqlite_only("raw sqlite writes past cadre, caught by the digest (SQLite only for now)")
    def test_emptied_log_and_head_are_detected(self):
        execute(self.db, "DELETE FROM audit_log", "DELETE FROM audit_head")
        people = self.count("people")
        self.assertCheckFails("the log is empty, but the data differs from that of a new database",
                              f"people: {people} rows, the audit log vouches for 0")

    @sqlite_only("removes the database file")
    def test_a_new_database_with_no_entry_passes(self):
        os.remove(self.db)
        self.ok("db", "init")
        self.assertIn("audit chain intact (0 entries)", self.ok("audit", "verify").out)
        self.ok("db", "check")
        self.assertEqual(self.json("audit", "anchor"), {"ok": True, "message": "audit anchor: 0 ", "entries": 0,
                                                        "hash": ""})

    # --- rows edited behind cadre's back ---------------------------------------------------------------
    @sqlite_only("the digest triggers' SQLite functions")
    def test_a_direct_edit_is_refused_while_the_triggers_are_there(self):
        before = snapshot(self.db)
        for sql in ("UPDATE people SET name = 'Mallory' WHERE staff_no = 'A1001'",
                    "UPDATE assessments SET score = 100",
                    "DELETE FROM checkins WHERE id < 50",
                    "INSERT INTO settings(key, value) VALUES ('min_presence', '0.1')"):
            with self.assertRaisesRegex(sqlite3.OperationalError, "no such function: cadre_digest"):
                execute(self.db, sql)
        self.assertEqual(snapshot(self.db), before)
        self.ok("db", "check")

    @sqlite_only("raw sqlite writes past cadre, caught by the digest (SQLite only for now)")
    def test_renamed_person_is_detected(self):
        n = self.count("people")
        self.drop_triggers("people")
        execute(self.db, "UPDATE people SET name = 'Mallory' WHERE staff_no = 'A1001'")
        self.assertCheckFails(f"people: {n} rows, the audit log vouches for {n} rows with different content",
                              "schema: trigger audit_digest_people_update is missing")

    @sqlite_only("raw sqlite writes past cadre, caught by the digest (SQLite only for now)")
    def test_raised_score_is_detected_even_with_the_triggers_put_back(self):
        n = self.count("assessments")
        saved = self.drop_triggers("assessments")
        execute(self.db, "UPDATE assessments SET score = 100", *saved)  # the schema is as it was
        r = self.assertCheckFails(f"assessments: {n} rows, the audit log vouches for {n} rows with different content")
        self.assertNotIn("schema:", r.err)

    @sqlite_only("raw sqlite writes past cadre, caught by the digest (SQLite only for now)")
    def test_deleted_checkins_are_detected(self):
        n = self.count("checkins")
        gone = query(self.db, "SELECT count(*) FROM checkins WHERE id < 50")[0][0]
        self.assertEqual(gone, 49)
        self.drop_triggers("checkins")
        execute(self.db, "DELETE FROM checkins WHERE id < 50")
        self.assertCheckFails(f"checkins: {n - gone} rows, the audit log vouches for {n}")

    @sqlite_only("the digest (SQLite only for now)")
    def test_a_forged_running_digest_is_still_caught(self):
        # The attacker also rewrites audit_digest to the edited rows: the latest entry still disagrees.
        n = self.count("units")
        saved = self.drop_triggers("units")
        execute(self.db, "UPDATE units SET name = 'x' WHERE code = 'SZDX'", *saved)
        execute(self.db, "UPDATE audit_digest SET sum = sum + 1 WHERE tbl = 'units'")
        self.assertCheckFails(f"units: {n} rows, the audit log vouches for {n} rows with different content")

    @sqlite_only("the digest's SQLite functions")
    def test_an_edit_through_a_copy_of_the_functions_is_still_caught(self):
        # Who rebuilds cadre's row hash (helpers.py does, in Python) keeps the running digest true,
        # and the schema untouched: the latest audit entry still vouches for other content.
        n = self.count("people")
        con = connect_with_cadre_functions(self.db)
        con.execute("UPDATE people SET name = 'Mallory' WHERE staff_no = 'A1001'")
        con.commit()
        con.close()
        r = self.assertCheckFails(f"people: {n} rows, the audit log vouches for {n} rows with different content")
        self.assertNotIn("running digest", r.err)  # the Python hash is the library's
        self.assertNotIn("schema:", r.err)

    # --- the log shortened -----------------------------------------------------------------------------
    @sqlite_only("raw sqlite writes past cadre, caught by the digest (SQLite only for now)")
    def test_shortened_log_is_detected_by_the_anchor(self):
        anchor = self.json("audit", "anchor")
        self.assertIn(f"audit anchor: {anchor['entries']} {anchor['hash']}", self.ok("audit", "anchor").out)
        self.ok("unit", "add", "EVIL", "--name", "不该有的单位")
        for a in (anchor["hash"], f"{anchor['entries']}:{anchor['hash']}", anchor["hash"].upper()):
            self.ok("audit", "verify", "--anchor", a)
        # Cut the log back before the anchor and undo what those entries did, digests and all:
        # db check cannot tell (the log is consistent), the anchor can.
        keep = anchor["entries"] - 1  # the anchored entry (an assessment) and the one after it go
        last_hash, state = query(self.db, "SELECT hash, state FROM audit_log WHERE seq = ?", keep)[0]
        vouched = dict(part.split("=") for part in state.split(";")[1:])
        saved = self.drop_triggers("units") + self.drop_triggers("assessments")
        restore = []
        for (table,) in query(self.db, "SELECT tbl FROM audit_digest"):
            rows, hexsum = vouched.get(table, "0:0").split(":")
            s = int(hexsum, 16)
            restore.append(f"UPDATE audit_digest SET rows = {rows}, sum = {s - (1 << 64) if s >= 1 << 63 else s} "
                           f"WHERE tbl = '{table}'")
        execute(self.db, "DELETE FROM units WHERE code = 'EVIL'", "DELETE FROM assessments",
                f"DELETE FROM audit_log WHERE seq > {keep}",
                f"UPDATE audit_head SET seq = {keep}, hash = '{last_hash}'", *restore, *saved)
        self.ok("db", "check")  # consistent with itself
        before = snapshot(self.db)
        for a, name in ((anchor["hash"], f"the anchored entry with hash {anchor['hash']}"),
                        (f"{anchor['entries']}:{anchor['hash']}", f"the anchored entry {anchor['entries']}")):
            r = self.run_cli("audit", "verify", "--anchor", a)
            self.assertEqual(r.code, 6, r)
            self.assertIn(f"audit: the log no longer contains {name}: it was rewritten or truncated", r.err)
        self.assertEqual(snapshot(self.db), before)

    def test_a_malformed_anchor_is_invalid_input(self):
        for bad in ("abc", "12:abc", "0:" + "a" * 64, "x:" + "a" * 64, ""):
            r = self.assertFailsUnchanged(3, "audit", "verify", "--anchor", bad, message="--anchor")

    # --- the schema changed ----------------------------------------------------------------------------
    @sqlite_only("the SQLite schema as db check expects it (sqlite_schema)")
    def test_dropped_index_is_reported_by_db_check(self):
        execute(self.db, "DROP INDEX checkins_person_minute")
        r = self.assertCheckFails("schema: index checkins_person_minute is missing", verify=False)
        self.ok("audit", "verify")  # the data are still what the log vouches for
        zh = self.run_cli("--lang", "zh", "db", "check")
        self.assertIn("数据库结构：索引 checkins_person_minute 缺失", zh.err)

    @sqlite_only("rewrites the SQLite schema (sqlite_schema, PRAGMA)")
    def test_changed_constraint_and_extra_trigger_are_reported(self):
        # people rebuilt without its CHECK constraints, as an attacker or a careless tool would.
        sql = query(self.db, "SELECT sql FROM sqlite_schema WHERE name = 'people'")[0][0]
        loose = sql.replace("CHECK (tier IN ('leader','general'))", "").replace("CHECK (gender IN ('m','f'))", "")
        self.assertNotEqual(loose, sql)
        execute(self.db, "PRAGMA foreign_keys = OFF", "BEGIN",
                loose.replace("CREATE TABLE people", "CREATE TABLE people_new"),
                "INSERT INTO people_new SELECT * FROM people", "DROP TABLE people",
                "ALTER TABLE people_new RENAME TO people", "CREATE INDEX people_unit ON people(unit_id)",
                "CREATE TRIGGER sneaky AFTER INSERT ON units BEGIN SELECT 1; END", "COMMIT")
        self.assertCheckFails("schema: table people was changed", "schema: trigger audit_digest_people_insert is missing",
                              "schema: trigger sneaky is not part of cadre's schema", verify=False)

    # --- normal use ----------------------------------------------------------------------------------
    def test_normal_use_keeps_db_check_ok(self):
        anchor = self.json("audit", "anchor")
        sid = self.ok("secondment", "list", "--format", "csv").out.splitlines()[1].split(",")[0]
        steps = [
            ["unit", "add", "NEW1", "--name", "新单位", "--kind", "township", "--parent", "SZORG"],
            ["person", "add", "B2001", "--name", "赵六", "--unit", "NEW1", "--gender", "f"],
            ["person", "update", "B2001", "--rank", "一级科员", "--title", "科员"],
            ["course", "add", "C9", "--title", "测试班", "--organizer", "SZDX", "--start", "2026-03-09", "--end",
             "2026-03-13", "--capacity", "1", "--components", "exam:1"],
            ["session", "add", "C9", "--date", "2026-03-09", "--start", "08:30", "--end", "12:00", "--title", "一"],
            ["enrol", "C9", "A1001", "A1002"],
            ["withdraw", "C9", "A1001", "--reason", "出差"],  # A1002 is promoted from the waitlist
            ["attend", "C9", "1", "A1002", "--status", "late", "--note", "迟到"],
            ["attend", "C9", "1", "A1002", "--status", "present"],
            ["assess", "C9", "A1002", "--component", "exam", "--score", "61.5"],
            ["assess", "C9", "A1002", "--component", "exam", "--score", "88"],
            ["feedback", "C9", "1", "--by", "A1002", "--relevance", "18", "--theory", "19", "--information", "17",
             "--delivery", "16", "--manner", "20"],
            ["hours", "add", "A1002", "--date", "2026-04-01", "--hours", "12.5", "--kind", "online", "--title", "网课"],
            ["secondment", "extend", sid, "--until", "2027-06-30", "--reason", "需要"],
            ["checkin", "A1001", "--at", "2026-05-06T08:00:00+08:00", "--place", "镇政府", "--lat", "30.5",
             "--lon", "120.25"],
            ["import", "checkins", os.path.join(EXAMPLES, "1_attlog.dat"), "--input-format", "zkteco",
             "--device-map", os.path.join(EXAMPLES, "device-map.csv")],
            ["import", "checkins", os.path.join(EXAMPLES, "checkins.csv")],  # all duplicates
            ["log", "add", sid, "--month", "2026-03", "--text", "三月", "--on", "2026-04-05"],
            ["evaluate", sid, "--period", "m", "--rater", "host", "--conduct", "90", "--competence", "80",
             "--diligence", "85", "--performance", "88", "--integrity", "95"],
            ["settings", "set", "min_presence", "0.75"],
            ["calendar", "import", os.path.join(EXAMPLES, "calendar-2026.csv")],
            ["report", "course", "QN2026-1"],
            ["report", "secondments", "--as-of", "2026-06-10"],
            ["report", "hours", "--year", "2026"],
        ]
        for step in steps:
            self.ok(*step)
        lid = self.ok("leave", "request", sid, "--from", "2026-03-10", "--to", "2026-03-12", "--kind",
                      "personal").out.strip()
        self.ok("leave", "approve", lid, "--by", "镇长", "--level", "host")
        self.ok("leave", "return", lid, "--on", "2026-03-12")
        other = self.ok("leave", "request", sid, "--from", "2026-04-07", "--to", "2026-04-08", "--kind",
                        "sick").out.strip()
        self.ok("leave", "reject", other, "--by", "镇长", "--reason", "不批")
        third = self.ok("leave", "request", sid, "--from", "2026-05-11", "--to", "2026-05-12", "--kind",
                        "annual").out.strip()
        self.ok("leave", "cancel", third)
        self.ok("secondment", "end", sid, "--on", "2026-12-31", "--reason", "期满前召回")
        self.assertFailsUnchanged(5, "enrol", "C9", "A1002")  # a failed command leaves the digests too
        self.ok("db", "check")
        self.ok("audit", "verify")
        self.ok("audit", "verify", "--anchor", f"{anchor['entries']}:{anchor['hash']}")
        # The running digests are what the rows add up to, table by table.
        self.assertEqual(self.json("db", "check")["problems"], [])

    # --- a database made before the audit digests (schema 6) ------------------------------------------
    @sqlite_only("a SQLite file from before the digests (schema 6)")
    def test_database_from_before_the_digests_is_sealed_once(self):
        os.remove(self.db)
        schema = os.path.join(SOURCE, "schema")
        con = sqlite3.connect(self.db, isolation_level=None)
        before = sorted(n for n in os.listdir(schema) if n.endswith(".sql") and int(n[:4]) < 6)
        for name in before:
            with open(os.path.join(schema, name), encoding="utf-8") as f:
                con.executescript(f.read())
        con.execute(f"PRAGMA user_version = {int(before[-1][:4])}")
        con.execute("PRAGMA application_id = 1128350802")
        # Two entries as the first cadre wrote them (no state in their hash), with their rows.
        prev = ""
        for seq, (code, name) in enumerate((("U1", "一"), ("U2", "二")), start=1):
            con.execute("INSERT INTO units(code, name) VALUES (?, ?)", (code, name))
            fields = [str(seq), f"2026-01-0{seq}T00:00:00.000Z", "clerk", "add", "unit", code, "",
                      '{"code":"%s"}' % code, prev]
            digest = hashlib.sha256("\x1f".join(fields).encode()).hexdigest()
            con.execute("INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?,?,?)", (*fields[:1], *fields[1:], digest))
            con.execute("INSERT INTO audit_head(id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE "
                        "SET seq = excluded.seq, hash = excluded.hash", (seq, digest))
            prev = digest
        con.close()
        self.assertIn("audit chain intact (3 entries)", self.ok("audit", "verify").out)
        log = self.json("audit", "log")["entries"]
        self.assertEqual([(e["operation"], e["actor"]) for e in log], [("add", "clerk"), ("add", "clerk"),
                                                                      ("seal", "cadre")])
        self.ok("db", "check")
        self.assertIn("audit chain intact (3 entries)", self.ok("audit", "verify").out)  # sealed once
        self.ok("unit", "add", "U3", "--name", "三")
        self.ok("db", "check")
        self.assertEqual(self.json("audit", "verify")["entries"], 4)


if __name__ == "__main__":
    unittest.main()
