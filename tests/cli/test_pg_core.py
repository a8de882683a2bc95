"""Issue 11, step 1: cadre on PostgreSQL. The same core flow on a fresh PostgreSQL database and on a SQLite
file gives the same JSON; bad connection strings, a server that is down, a wrong password and a database of
another application are refused with exit 6 and nothing written; two first users migrate at once; a failing
command leaves the database as it was. Needs CADRE_TEST_PG (ctest's `pg` fixture starts a server)."""
import os
import subprocess
import tempfile
import unittest
import urllib.parse
import uuid

import pathlib

from helpers import BIN, SOURCE, CliTest, dump_database, psql, with_database

PG = os.environ.get("CADRE_TEST_PG")
SKIP = "CADRE_TEST_PG is not set: no PostgreSQL server to test against (ctest starts one: the `pg` fixture)"


@unittest.skipUnless(PG, SKIP)
class PgCoreTest(CliTest):
    def fresh_pg(self):
        name = "cadre_t_" + uuid.uuid4().hex[:12]
        psql(PG, f'CREATE DATABASE "{name}"')
        self.addCleanup(psql, PG, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return with_database(PG, name)

    def assertRefused(self, db, message, check_unchanged=True):
        """Exit 6, the message on stderr, no password echoed, and (for a reachable database) nothing written."""
        before = dump_database(db) if check_unchanged else None
        r = self.run_cli("unit", "add", "U9", "--name", "nine", env={"CADRE_DB": db})
        self.assertEqual(r.code, 6, r)
        self.assertIn(message, r.err)
        self.assertNotIn("s3cret", r.err + r.out)
        if check_unchanged:
            self.assertEqual(dump_database(db), before, "database changed by a refused command")
        return r

    # -- the core flow, both backends --------------------------------------------------------------
    def flow(self):
        out = []
        self.load_examples("units", "people")
        sid = self.ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长",
                      "--start", "2026-03-02", "--end", "2026-12-31", "--batch", "b1").out.strip()
        out.append(sid)
        for at in ("2026-03-02T09:00:00+08:00", "2026-03-03T01:00:00+08:00", "2026-03-03T01:00:30+08:00",
                   "2026-03-04T23:30:00+08:00", "2026-04-08T09:00:00+08:00"):
            out.append(self.json("checkin", "A1003", "--at", at, "--place", "镇政府"))
        lid = self.ok("leave", "request", sid, "--from", "2026-04-07", "--to", "2026-04-10", "--kind", "sick").out.strip()
        self.ok("leave", "approve", lid, "--by", "区委组织部", "--level", "district")
        self.ok("leave", "return", lid, "--on", "2026-04-09")
        out.append(self.json("report", "secondments", "--as-of", "2026-05-06"))
        out.append(self.json("report", "secondments", "--batch", "b1", "--as-of", "2026-05-06"))
        out.append(self.json("report", "secondment", sid, "--as-of", "2026-05-06"))
        self.ok("course", "add", "C1", "--title", "测试班", "--organizer", "SZDX", "--start", "2026-03-09",
                "--end", "2026-03-13", "--components", "exam:0.6,paper:0.4", "--capacity", "2")
        self.ok("session", "add", "C1", "--date", "2026-03-09", "--start", "08:30", "--end", "12:00", "--title", "s1")
        self.ok("session", "add", "C1", "--date", "2026-03-10", "--start", "08:30", "--end", "11:00", "--title", "s2")
        self.ok("enrol", "C1", "A1001", "A1002", "A1003")
        self.ok("attend", "C1", "1", "A1001", "--status", "present")
        self.ok("attend", "C1", "1", "A1002", "--status", "absent")
        self.ok("attend", "C1", "2", "A1001", "--status", "late")
        self.ok("assess", "C1", "A1001", "--component", "exam", "--score", "81.5")
        self.ok("assess", "C1", "A1001", "--component", "paper", "--score", "77")
        out.append(self.json("report", "course", "C1"))
        out.append(self.json("course", "list"))
        out.append(self.json("audit", "verify"))
        return out

    def test_the_same_json_on_postgresql_and_sqlite(self):
        on_sqlite = self.flow()
        self.db = self.fresh_pg()
        on_pg = self.flow()
        self.assertEqual(on_pg, on_sqlite)
        self.assertIn("postgresql://", self.ok("db", "info").out)
        self.assertTrue(self.json("db", "check")["ok"])

    # -- refusals: exit 6, a clear message, nothing written ---------------------------------------------
    def test_a_bad_connection_string(self):
        r = self.assertRefused("postgresql://cadre:s3cret@/x?host=/nonexistent&bogus=1", "cannot open database",
                               check_unchanged=False)
        self.assertIn("bogus", r.err)

    def test_a_server_that_is_down(self):
        with tempfile.TemporaryDirectory() as empty:  # a socket folder with no server in it
            r = self.assertRefused(f"postgresql://cadre:s3cret@/cadre?host={empty}", "cannot open database",
                                   check_unchanged=False)
            self.assertIn(empty, r.err)

    def test_a_wrong_password(self):
        db = self.fresh_pg()
        psql(PG, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cadre_pw') THEN "
                 "CREATE ROLE cadre_pw LOGIN PASSWORD 'right-one'; END IF; END $$")
        name = urllib.parse.urlsplit(db).path.lstrip("/")
        wrong = with_database(PG, name, user="cadre_pw", password="s3cret")
        r = self.assertRefused(wrong, "password authentication failed", check_unchanged=False)
        self.assertIn("***", r.err)  # the string is named, its password masked
        self.assertEqual(psql(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), ["0"])

    def test_a_database_of_another_application(self):
        db = self.fresh_pg()
        psql(db, "CREATE TABLE invoices (id integer PRIMARY KEY, total numeric)")
        psql(db, "INSERT INTO invoices VALUES (1, 9.5)")
        self.assertRefused(db, "is not a cadre database (it holds tables of another program)")
        psql(db, "CREATE TABLE cadre_meta (key text PRIMARY KEY, value text NOT NULL)")
        psql(db, "INSERT INTO cadre_meta VALUES ('application', 'other')")
        self.assertRefused(db, "is not a cadre database (it belongs to another program)")

    def test_a_newer_schema_is_refused(self):
        db = self.fresh_pg()
        self.run_cli("db", "init", env={"CADRE_DB": db})
        psql(db, "UPDATE cadre_meta SET value = '999' WHERE key = 'schema_version'")
        self.assertRefused(db, "database schema 999 is newer than this cadre")

    def test_two_first_users_migrate_at_once(self):
        db = self.fresh_pg()
        env = dict(os.environ, CADRE_DB=db)
        procs = [subprocess.Popen([BIN, "unit", "add", f"U{i}", "--name", f"unit {i}"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
        for p in procs:
            out, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        self.db = db
        units = sorted(u["code"] for u in self.json("unit", "list")["units"])
        self.assertEqual(units, ["U0", "U1", "U2", "U3"])
        # The latest migration, whichever it is: the numbered files both backends share.
        latest = max(int(f.name[:4]) for f in (pathlib.Path(SOURCE) / "schema").glob("[0-9][0-9][0-9][0-9]_*.sql"))
        self.assertEqual(psql(db, "SELECT value FROM cadre_meta WHERE key = 'schema_version'"), [str(latest)])
        self.assertEqual(self.json("audit", "verify")["ok"], True)

    def test_a_failing_command_leaves_postgresql_unchanged(self):
        self.db = self.fresh_pg()
        self.load_examples("units", "people")
        sid = self.ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长",
                      "--start", "2026-03-02", "--end", "2026-12-31").out.strip()
        for code, args, message in [
            (5, ["unit", "add", "QXFGW", "--name", "again"], "already"),
            (3, ["checkin", "A1003", "--at", "2027-01-01T08:00:00+08:00"], "outside every secondment"),
            (4, ["report", "course", "NOPE"], None),
            (5, ["secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "x", "--start",
                 "2026-06-01", "--end", "2026-07-01"], "overlapping"),
        ]:
            with self.subTest(args=args):
                before = dump_database(self.db)
                r = self.run_cli(*args)
                self.assertEqual(r.code, code, r)
                if message:
                    self.assertIn(message, r.err)
                self.assertEqual(dump_database(self.db), before)
        # An import with a bad row: all or nothing.
        before = dump_database(self.db)
        bad = self.write("units.csv", "code,name,kind\nNEW1,新单位,other\nNEW2,,other\n")
        r = self.run_cli("import", "units", bad)
        self.assertNotEqual(r.code, 0, r)
        self.assertEqual(dump_database(self.db), before)
        self.assertTrue(sid.isdigit())


if __name__ == "__main__":
    unittest.main()
