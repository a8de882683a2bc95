"""Issue 11, step 3: the audit digest on PostgreSQL, `db copy`, `db backup` from PostgreSQL. The example data
(as scripts/demo loads it) goes SQLite -> PostgreSQL -> SQLite with identical dumps (ids included) and report
JSON; a non-empty target is refused unchanged; a raw psql change past cadre is caught by db check; a backup
from PostgreSQL opens with the sqlite3 CLI and passes db check; a bad target string writes nothing. Needs
CADRE_TEST_PG (ctest's `pg` fixture starts a server)."""
import datetime
import os
import stat
import subprocess
import unittest

from helpers import EXAMPLES, CliTest, dump_database, psql, snapshot
import test_pg_core
from test_pg_core import PG, SKIP


@unittest.skipUnless(PG, SKIP)
class PgCopyTest(CliTest):
    fresh_pg = test_pg_core.PgCoreTest.fresh_pg  # a new database on the fixture's server, dropped after the test

    def load_demo(self):
        """examples/ as scripts/demo loads it."""
        for kind in ("units", "people", "courses", "sessions", "enrolments", "attendance"):
            self.ok("import", kind, os.path.join(EXAMPLES, f"{kind}.csv"))
        self.enter_examples("assessments", rows=5)
        self.enter_examples("hours")
        ids = [self.ok("secondment", "add", p, "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长", "--start",
                       "2026-03-02", "--end", "2027-03-01", "--batch", "2026-青溪-1").out.strip()
               for p in ("A1001", "A1002", "A1003", "A1007", "A1009")]
        self.ok("import", "checkins", os.path.join(EXAMPLES, "checkins.csv"))
        lid = self.ok("leave", "request", ids[2], "--from", "2026-05-11", "--to", "2026-05-20", "--kind",
                      "annual").out.strip()
        self.ok("leave", "approve", lid, "--by", "市委组织部", "--level", "city")
        self.ok("leave", "return", lid, "--on", "2026-05-18")
        self.ok("log", "add", ids[0], "--month", "2026-03", "--text", "三月：走访村社", "--on", "2026-04-03")
        self.ok("unit", "add", "ZZ", "--name", "后加单位")
        self.ok("certificate", "issue", "LD2025-4", "--on", "2026-01-07")  # one of them revoked
        number = self.json("certificate", "issue", "QN2026-1", "--on", "2026-03-14")["issued"][0]["number"]
        self.ok("certificate", "revoke", number, "--reason", "更正", "--on", "2026-03-20")
        return ids

    def reports(self, db):
        env = {"CADRE_DB": db}
        out = [self.json("report", "secondments", "--as-of", "2026-06-30", env=env),
               self.json("report", "secondments", "--batch", "2026-青溪-1", "--as-of", "2026-06-30", env=env),
               self.json("report", "secondment", "3", "--as-of", "2026-06-30", env=env)]
        for code in ("QN2026-1", "LD2025-4"):
            out.append(self.json("report", "course", code, env=env))
        for year in ("2025", "2026"):
            out.append(self.json("report", "hours", "--year", year, env=env))
        out.append(self.json("certificate", "verify", "QN2026-1-001", env=env))
        return out

    def test_round_trip_sqlite_pg_sqlite(self):
        self.load_demo()
        pg = self.fresh_pg()
        back = os.path.join(self.dir, "back.db")
        copied = self.json("db", "copy", self.db, pg)
        self.assertEqual(copied["audit_entries"], self.json("audit", "verify")["entries"])
        self.assertIn("course QN2026-1", copied["reports_compared"])
        self.assertIn("hours 2026", copied["reports_compared"])
        self.assertEqual({t["table"]: t["rows"] for t in copied["tables"]}["checkins"],
                         int(psql(pg, "SELECT count(*) FROM checkins")[0]))
        self.ok("db", "check", env={"CADRE_DB": pg})
        self.ok("audit", "verify", env={"CADRE_DB": pg})
        self.assertEqual(self.reports(pg), self.reports(self.db))
        self.ok("db", "copy", pg, back)
        self.assertEqual(snapshot(back), snapshot(self.db))  # every row, ids included
        self.assertEqual(self.reports(back), self.reports(self.db))
        # New ids on PostgreSQL follow the copied ones.
        self.ok("unit", "add", "NEW", "--name", "新单位", env={"CADRE_DB": pg})
        self.assertEqual(psql(pg, "SELECT id FROM units WHERE code = 'NEW'"),
                         [str(int(psql(pg, "SELECT max(id) FROM units WHERE code <> 'NEW'")[0]) + 1)])
        self.ok("db", "check", env={"CADRE_DB": pg})
        info = self.json("db", "info", env={"CADRE_DB": pg})
        self.assertEqual(info["backend"], "postgresql")
        self.assertEqual(self.json("db", "info")["backend"], "sqlite")

    def test_pg_to_pg_and_sqlite_to_sqlite(self):
        self.ok("import", "units", os.path.join(EXAMPLES, "units.csv"))
        a, b = self.fresh_pg(), self.fresh_pg()
        self.ok("db", "copy", self.db, a)
        self.ok("db", "copy", a, b)
        self.assertEqual(dump_database(a), dump_database(b))
        other = os.path.join(self.dir, "other.db")
        self.ok("db", "copy", self.db, other)
        self.assertEqual(snapshot(other), snapshot(self.db))

    def test_non_empty_target_refused_unchanged(self):
        self.ok("import", "units", os.path.join(EXAMPLES, "units.csv"))
        pg = self.fresh_pg()
        self.ok("unit", "add", "X1", "--name", "已有", env={"CADRE_DB": pg})
        before = dump_database(pg)
        r = self.run_cli("db", "copy", self.db, pg)
        self.assertEqual(r.code, 5, r)
        self.assertIn("is not empty", r.err)
        self.assertEqual(dump_database(pg), before)
        # And into a SQLite file that holds data: refused, unchanged.
        target = os.path.join(self.dir, "t.db")
        self.ok("unit", "add", "X1", "--name", "已有", env={"CADRE_DB": target})
        before = snapshot(target)
        self.assertEqual(self.run_cli("db", "copy", pg, target).code, 5)
        self.assertEqual(snapshot(target), before)

    def test_raw_psql_change_caught(self):
        self.load_examples("units", "people")
        pg = self.fresh_pg()
        self.ok("db", "copy", self.db, pg)
        self.ok("db", "check", env={"CADRE_DB": pg})
        for sql, words in (("UPDATE people SET name = '改名' WHERE staff_no = 'A1001'", "different content"),
                           ("DELETE FROM calendar_days WHERE day = (SELECT min(day) FROM calendar_days)", "calendar_days"),
                           ("INSERT INTO settings(key, value) VALUES ('x', 'y')", "settings")):
            with self.subTest(sql=sql):
                db = self.fresh_pg()
                self.ok("db", "copy", self.db, db)
                psql(db, sql)
                for cmd in (("db", "check"), ("audit", "verify")):
                    r = self.run_cli(*cmd, env={"CADRE_DB": db})
                    self.assertEqual(r.code, 6, r)
                    self.assertIn(words, r.err)
        # A trigger disabled past cadre: the schema check names it.
        psql(pg, "ALTER TABLE people DISABLE TRIGGER audit_digest_people_update")
        r = self.run_cli("db", "check", env={"CADRE_DB": pg})
        self.assertEqual(r.code, 6, r)
        self.assertIn("audit_digest_people_update", r.err)

    def test_backup_from_pg(self):
        self.load_demo()
        pg = self.fresh_pg()
        self.ok("db", "copy", self.db, pg)
        target = os.path.join(self.dir, "office.db")
        self.ok("db", "backup", target, env={"CADRE_DB": pg})
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)
        self.assertEqual([f for f in os.listdir(self.dir) if "partial" in f], [])
        rows = subprocess.run(["sqlite3", target, "SELECT count(*) FROM checkins"], capture_output=True, text=True)
        self.assertEqual(rows.stdout.strip(), psql(pg, "SELECT count(*) FROM checkins")[0])
        self.ok("db", "check", env={"CADRE_DB": target})
        self.assertEqual(snapshot(target), snapshot(self.db))
        # An existing file is not replaced.
        r = self.run_cli("db", "backup", target, env={"CADRE_DB": pg})
        self.assertEqual(r.code, 5, r)

    def test_bad_target_writes_nothing(self):
        self.load_examples("units")
        before = snapshot(self.db)
        down = "postgresql://cadre@/postgres?host=" + os.path.join(self.dir, "no-server")
        for target in (down, "postgresql://cadre@/postgres?host=/nonexistent&sslmode=bogus"):
            with self.subTest(target=target):
                r = self.run_cli("db", "copy", self.db, target)
                self.assertEqual(r.code, 6, r)
                self.assertIn("cadre: error:", r.err)
        self.assertEqual(snapshot(self.db), before)
        self.assertFalse([f for f in os.listdir(self.dir) if f not in ("test.db", "test.db-wal", "test.db-shm")])

    # ---- the COPY path: imports of check-ins and db copy stream rows through COPY FROM STDIN ----

    def checkins_csv(self, name, n, bad=None):
        """n check-ins of A1001 and A1002, a minute apart (every 97th repeats the one before it: a duplicate
        in the file), the place with a backslash and \\N (COPY's text format escapes them); `bad` = (row,
        line) puts a bad line at that row. Well over one 64 KiB buffer of COPY data."""
        start = datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc)
        lines = ["staff_no,at,kind,place"]
        for i in range(n):
            if bad and i == bad[0]:
                lines.append(bad[1])
                continue
            k = i - 1 if i % 97 == 96 else i
            at = (start + datetime.timedelta(minutes=k)).strftime("%Y-%m-%dT%H:%M:%SZ")
            lines.append(f'{("A1001", "A1002")[k % 2]},{at},on_duty,"镇\\政府\\N 东门 {k % 7}"')
        return self.write(name, "\n".join(lines) + "\n")

    def secondees(self, db):
        env = {"CADRE_DB": db}
        self.ok("import", "units", os.path.join(EXAMPLES, "units.csv"), env=env)
        self.ok("import", "people", os.path.join(EXAMPLES, "people.csv"), env=env)
        for p in ("A1001", "A1002"):
            self.ok("secondment", "add", p, "--from", "QXFGW", "--to", "HXZ", "--post", "x", "--start", "2026-01-05",
                    "--end", "2026-12-31", env=env)

    def test_import_checkins_staged_same_as_sqlite(self):
        """The same file imported on SQLite (one INSERT a row) and on PostgreSQL (COPY into a staging table,
        then one INSERT ... SELECT): the same counts, the same rows in the same id order, duplicates within
        the file and against rows already there skipped alike; the audit digests hold."""
        pg = self.fresh_pg()
        first, second = self.checkins_csv("a.csv", 6000), self.checkins_csv("b.csv", 9000)
        results = {}
        for db in (self.db, pg):
            self.secondees(db)
            results[db] = [self.json("import", "checkins", f, env={"CADRE_DB": db}) for f in (first, second)]
        self.assertEqual(results[pg], results[self.db])
        self.assertGreater(results[pg][1]["duplicates"], 6000)  # the first file's rows again, and the file's own
        cols = "id, secondment_id, person_id, at_utc, offset_minutes, minute, local_day, kind, place, source"
        lite = subprocess.run(["sqlite3", "-separator", "|", self.db, f"SELECT {cols} FROM checkins ORDER BY id"],
                              capture_output=True, text=True, check=True).stdout.splitlines()
        self.assertEqual(psql(pg, f"SELECT {cols} FROM checkins ORDER BY id"), lite)
        self.assertIn("镇\\政府\\N 东门 3", lite[3])
        self.ok("db", "check", env={"CADRE_DB": pg})
        self.ok("audit", "verify", env={"CADRE_DB": pg})

    def test_import_checkins_staged_bad_row_changes_nothing(self):
        """A bad row in the middle of a large import on PostgreSQL — after COPY data went to the server — rolls
        the whole import back: every table as it was (an unknown person makes cadre look it up while a COPY is
        open: the COPY is ended first, then the lookup fails)."""
        pg = self.fresh_pg()
        self.secondees(pg)
        self.ok("import", "checkins", self.checkins_csv("ok.csv", 500), env={"CADRE_DB": pg})
        for bad, words, code in (("NOPE,2026-03-01T08:00:00Z,on_duty,x", "unknown person NOPE", 4),
                                 ("A1001,2030-03-01T08:00:00Z,on_duty,x", "outside every secondment", 3),
                                 ("A1001,2026-03-01T08:00:00Z,sleeping,x", "sleeping", 3)):
            with self.subTest(bad=bad):
                before = dump_database(pg)
                r = self.run_cli("import", "checkins", self.checkins_csv("bad.csv", 8000, (5000, bad)),
                                 env={"CADRE_DB": pg})
                self.assertEqual(r.code, code, r)
                self.assertIn(words, r.err)
                self.assertIn("5002", r.err)  # the line
                self.assertEqual(dump_database(pg), before)
        self.ok("db", "check", env={"CADRE_DB": pg})

    def test_db_copy_through_copy_escapes_text(self):
        """db copy into PostgreSQL goes through COPY: text with a backslash, a tab, a newline and \\N comes back
        byte for byte (SQLite -> PostgreSQL -> SQLite), NULLs stay NULL, and the copy is verified."""
        self.secondees(self.db)
        sid = self.ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "反斜杠\\N 岗位",
                      "--start", "2026-03-02", "--end", "2027-03-01").out.strip()
        self.ok("log", "add", sid, "--month", "2026-03", "--text", "第一行\n第二行\t制表 \\ 反斜杠 \\N", "--on",
                "2026-04-03")
        self.ok("import", "checkins", self.checkins_csv("c.csv", 300))
        pg = self.fresh_pg()
        back = os.path.join(self.dir, "back.db")
        self.ok("db", "copy", self.db, pg)
        self.assertEqual(psql(pg, "SELECT post FROM secondments ORDER BY id"), ["x", "x", "反斜杠\\N 岗位"])
        self.assertEqual(psql(pg, "SELECT count(*) FROM secondments WHERE actual_end IS NULL"), ["3"])
        self.ok("db", "copy", pg, back)
        self.assertEqual(snapshot(back), snapshot(self.db))
        self.ok("db", "check", env={"CADRE_DB": pg})


if __name__ == "__main__":
    unittest.main()
