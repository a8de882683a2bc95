"""Issue 9, the database file: another program's file, --db paths, parallel first use, read-only
folders and files, a full disk, the time zone and check-ins, CADRE_BUSY_TIMEOUT_MS, rater weights."""
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest

from helpers import BIN, EXAMPLES, CliTest, connect_with_cadre_functions, query, snapshot, sqlite_only

NOBODY = 65534


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def day_text(local_day):
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=local_day)).isoformat()


@sqlite_only("other programs' SQLite files and SQLite files of older cadres")
class ForeignFiles(CliTest):
    """Finding 6: a file that is not a cadre database is refused before anything is written."""

    def sqlite_file(self, name, *statements):
        path = os.path.join(self.dir, name)
        con = sqlite3.connect(path)
        for sql in statements:
            con.execute(sql)
        con.commit()
        con.close()
        return path

    def make_foreign(self):
        return {
            # Another program's tables, application_id 0; the same in WAL mode.
            "app0": self.sqlite_file("app0.db", "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)",
                                     "INSERT INTO invoices(total) VALUES (12.5)"),
            "app0wal": self.sqlite_file("app0wal.db", "PRAGMA journal_mode=WAL",
                                        "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)"),
            # Another application_id, with tables (WAL) and without any yet.
            "other_id": self.sqlite_file("other_id.db", "PRAGMA application_id = 1234", "PRAGMA journal_mode=WAL",
                                         "CREATE TABLE t(x)"),
            "id_only": self.sqlite_file("id_only.db", "PRAGMA application_id = 99"),
            "text": self.write("notes.txt", "meeting at 9\n"),
            "short": self.write("short.db", "SQLite"),
        }

    def test_another_programs_file_is_refused_byte_for_byte(self):
        files = self.make_foreign()
        for kind, path in files.items():
            for args in (["person", "list"], ["db", "init"], ["db", "info"], ["unit", "add", "U1", "--name", "n"]):
                before = sha256(path)
                listing = sorted(os.listdir(self.dir))
                r = self.run_cli("--db", path, *args)
                self.assertEqual(r.code, 6, (kind, args, r))
                self.assertIn("is not a cadre database", r.err, (kind, r))
                self.assertIn(path, r.err)
                self.assertEqual(sha256(path), before, (kind, args, "file changed"))
                self.assertEqual(sorted(os.listdir(self.dir)), listing, (kind, args, "files left behind"))
        r = self.run_cli("--lang", "zh", "--db", files["app0"], "person", "list")
        self.assertIn("不是 cadre 数据库", r.err)

    def test_empty_file_and_blank_sqlite_file_become_cadre_databases(self):
        empty = self.write("empty.db", "")
        blank = self.sqlite_file("blank.db", "CREATE TABLE t(x)", "DROP TABLE t")  # a SQLite header, no schema
        for path in (empty, blank):
            self.ok("--db", path, "unit", "add", "U1", "--name", "one")
            self.assertTrue(self.json("--db", path, "db", "check")["ok"])
            self.assertEqual(len(self.json("--db", path, "unit", "list")["units"]), 1)

    def test_a_cadre_database_from_an_older_cadre_is_still_migrated(self):
        self.ok("unit", "add", "U1", "--name", "one")
        backup = os.path.join(self.dir, "backup.db")
        self.ok("db", "backup", backup)
        self.assertEqual(len(self.json("--db", backup, "unit", "list")["units"]), 1)


@sqlite_only("database paths and folders")
class DatabasePath(CliTest):
    """Finding 6: `--db ''` and `--db` in a folder that does not exist."""

    def test_empty_db_option_is_a_usage_error(self):
        xdg = os.path.join(self.dir, "xdg")
        env = {"CADRE_DB": "", "XDG_DATA_HOME": xdg}
        for args in (["--db", ""], ["--db="]):
            r = self.run_cli(*args, "db", "init", env=env)
            self.assertEqual(r.code, 2, r)
            self.assertIn("--db", r.err)
        r = self.run_cli("--lang", "zh", "--db", "", "unit", "list", env=env)
        self.assertEqual(r.code, 2, r)
        self.assertIn("数据库路径为空", r.err)
        self.assertFalse(os.path.exists(xdg), "the default database was created")

    def test_folder_that_does_not_exist_is_named_and_not_created(self):
        path = os.path.join(self.dir, "typo", "sub", "x.db")
        r = self.run_cli("--db", path, "db", "init")
        self.assertEqual(r.code, 4, r)
        self.assertIn(os.path.join(self.dir, "typo", "sub"), r.err)
        self.assertIn("does not exist", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "typo")))
        r = self.run_cli("db", "init", env={"CADRE_DB": path})
        self.assertEqual(r.code, 4, r)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "typo")))

    def test_a_file_in_the_path_is_named(self):
        self.write("plain", "x")
        r = self.run_cli("--db", os.path.join(self.dir, "plain", "x.db"), "db", "init")
        self.assertEqual(r.code, 6, r)
        self.assertIn("not a folder", r.err)
        r = self.run_cli("--db", self.dir, "db", "init")
        self.assertEqual(r.code, 6, r)
        self.assertIn("is a folder", r.err)

    def test_the_default_location_is_still_created(self):
        home = os.path.join(self.dir, "home")
        os.mkdir(home)
        self.ok("db", "init", env={"CADRE_DB": "", "XDG_DATA_HOME": "", "HOME": home})
        self.assertTrue(os.path.exists(os.path.join(home, ".local", "share", "cadre", "cadre.db")))


@sqlite_only("first use of new SQLite files (on PostgreSQL: test_pg_core's two first users)")
class ParallelFirstUse(CliTest):
    """Finding 10: 8 processes creating and migrating one new database at once all succeed."""

    def test_8_processes_x_20_rounds(self):
        failures = []
        for round_no in range(20):
            db = os.path.join(self.dir, f"r{round_no}.db")
            go = os.path.join(self.dir, f"go{round_no}")
            procs = []
            for i in range(8):
                # Half write, half only read; all start at the same moment.
                cmd = f'"{BIN}" --db "{db}" unit add U{i} --name n' if i % 2 == 0 else f'"{BIN}" --db "{db}" person list'
                procs.append(subprocess.Popen(["sh", "-c", f'while [ ! -e "{go}" ]; do :; done; exec {cmd}'],
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            time.sleep(0.2)
            open(go, "w").close()
            for p in procs:
                out, err = p.communicate(timeout=120)
                if p.returncode != 0:
                    failures.append((round_no, p.returncode, err))
            check = self.run_cli("--db", db, "db", "check")
            self.assertEqual(check.code, 0, check)
            self.assertEqual(len(self.json("--db", db, "unit", "list")["units"]), 4)
        self.assertEqual(failures, [])


@sqlite_only("read-only SQLite files and folders")
class ReadOnly(CliTest):
    """Finding 16: a database in a read-only folder, or a read-only file, can be read; writes are
    refused saying why. As root (which ignores permissions) the commands run as `nobody`."""

    def setUp(self):
        super().setUp()
        os.chmod(self.dir, 0o755)
        self.as_root = os.geteuid() == 0
        if self.as_root:
            probe = subprocess.run([BIN, "--version"], capture_output=True, user=NOBODY, group=NOBODY,
                                   extra_groups=[])
            if probe.returncode != 0:
                self.skipTest(f"user nobody cannot run {BIN}")

    def run_limited(self, db, *args, env=None):
        e = dict(os.environ)
        e["CADRE_DB"] = db
        e.update(env or {})
        kw = dict(user=NOBODY, group=NOBODY, extra_groups=[]) if self.as_root else {}
        p = subprocess.run([BIN] + list(args), capture_output=True, text=True, env=e, timeout=60, **kw)
        return p

    def make_db(self, name):
        folder = os.path.join(self.dir, name)
        os.mkdir(folder)
        db = os.path.join(folder, "cadre.db")
        self.ok("--db", db, "import", "units", os.path.join(EXAMPLES, "units.csv"))
        self.ok("--db", db, "import", "people", os.path.join(EXAMPLES, "people.csv"))
        if self.as_root:
            for p in (folder, db):
                os.chown(p, NOBODY, NOBODY)
        return folder, db

    def check_reads_and_refuses_writes(self, folder, db):
        before = sha256(db)
        listing = sorted(os.listdir(folder))
        for args in (["person", "list"], ["unit", "list"], ["db", "info"], ["db", "check"], ["audit", "verify"],
                     ["settings", "get"], ["report", "hours", "--year", "2026"], ["report", "person", "A1003"]):
            r = self.run_limited(db, "--format", "json", *args)
            self.assertEqual(r.returncode, 0, (args, r.stderr))
        people = self.run_limited(db, "--format", "json", "person", "list")
        self.assertIn("A1003", people.stdout)
        r = self.run_limited(db, "unit", "add", "RO1", "--name", "n")
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("the database is read-only", r.stderr)
        r = self.run_limited(db, "--lang", "zh", "settings", "set", "min_presence", "0.5")
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("数据库是只读的", r.stderr)
        self.assertEqual(sha256(db), before)
        self.assertEqual(sorted(os.listdir(folder)), listing, "files left behind")

    def test_read_only_folder(self):
        folder, db = self.make_db("ro_folder")
        os.chmod(folder, 0o555)
        try:
            self.check_reads_and_refuses_writes(folder, db)
        finally:
            os.chmod(folder, 0o755)

    def test_read_only_file(self):
        folder, db = self.make_db("ro_file")
        os.chmod(db, 0o400)
        self.check_reads_and_refuses_writes(folder, db)

    def test_read_only_folder_while_a_writer_holds_uncheckpointed_changes(self):
        folder, db = self.make_db("ro_wal")
        os.chmod(db, 0o644)
        con = connect_with_cadre_functions(db)  # keeps -wal and -shm; the change stays in the -wal
        con.isolation_level = None
        con.execute("PRAGMA wal_autocheckpoint = 0")
        con.execute("INSERT INTO units(code, name, kind) VALUES ('WAL1', 'only in the wal', 'other')")
        try:
            if self.as_root:
                for f in os.listdir(folder):
                    os.chown(os.path.join(folder, f), NOBODY, NOBODY)
            os.chmod(folder, 0o555)
            r = self.run_limited(db, "--format", "json", "unit", "list")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("WAL1", r.stdout)
        finally:
            os.chmod(folder, 0o755)
            con.close()

    def test_upgrade_needed_on_a_read_only_database_is_named(self):
        folder, db = self.make_db("ro_old")
        con = sqlite3.connect(db)
        latest = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"PRAGMA user_version = {latest - 1}")  # as if an older cadre had made it
        con.commit()
        con.close()
        os.chmod(folder, 0o555)
        try:
            r = self.run_limited(db, "unit", "list")
            self.assertEqual(r.returncode, 6, r.stderr)
            self.assertIn(f"needs an upgrade to schema {latest}", r.stderr)
            self.assertIn("cannot be written", r.stderr)
        finally:
            os.chmod(folder, 0o755)

    def test_new_database_in_a_read_only_folder_names_the_cause(self):
        folder = os.path.join(self.dir, "locked")
        os.mkdir(folder)
        os.chmod(folder, 0o555)
        r = self.run_limited(os.path.join(folder, "new.db"), "unit", "list")
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("permission denied", r.stderr)
        self.assertEqual(os.listdir(folder), [])

    def test_read_only_file_system(self):
        """A read-only bind mount (root in a private mount namespace): reads work, writes say why."""
        if not self.as_root or not shutil.which("unshare"):
            self.skipTest("needs root and unshare for a private read-only mount")
        folder, db = self.make_db("rofs")
        before = snapshot(db)
        script = (f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" || exit 99; '
                  f'"{BIN}" --db "{db}" --format json person list >/dev/null || exit 10; '
                  f'"{BIN}" --db "{db}" db check >/dev/null || exit 11; '
                  f'"{BIN}" --db "{db}" unit add RO1 --name n; echo "write=$?"')
        p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60)
        if p.returncode == 99 or "unshare failed" in p.stderr or "Operation not permitted" in p.stderr:
            self.skipTest("cannot mount here: " + p.stderr.strip())
        self.assertEqual(p.returncode, 0, p)
        self.assertIn("write=6", p.stdout)
        self.assertIn("read-only file system", p.stderr)
        self.assertEqual(snapshot(db), before)


@sqlite_only("the database file's disk and permissions")
class DiskErrors(CliTest):
    """Finding 18: a full disk at open names the cause (not "disk I/O error")."""

    def test_full_disk_at_open(self):
        if os.geteuid() != 0 or not shutil.which("unshare"):
            self.skipTest("needs root and unshare to mount a small file system")
        mnt = os.path.join(self.dir, "small")
        os.mkdir(mnt)
        script = (f'mount -t tmpfs -o size=100k tmpfs "{mnt}" || exit 99; '
                  f'head -c 200000 /dev/zero > "{mnt}/fill" 2>/dev/null; '
                  f'"{BIN}" --db "{mnt}/x.db" db init; echo "rc=$?"; '
                  f'"{BIN}" --lang zh --db "{mnt}/y.db" db init')
        p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60)
        if p.returncode == 99 or "Operation not permitted" in p.stderr:
            self.skipTest("cannot mount here: " + p.stderr.strip())
        self.assertIn("rc=6", p.stdout)
        self.assertIn("no space left on device", p.stderr)
        self.assertIn("磁盘空间已满", p.stderr)
        self.assertNotIn("disk I/O error", p.stderr)

    def test_permission_denied_at_open(self):
        if os.geteuid() == 0:
            probe = subprocess.run([BIN, "--version"], capture_output=True, user=NOBODY, group=NOBODY,
                                   extra_groups=[])
            if probe.returncode != 0:
                self.skipTest(f"user nobody cannot run {BIN}")
            kw = dict(user=NOBODY, group=NOBODY, extra_groups=[])
        else:
            kw = {}
        os.chmod(self.dir, 0o755)
        self.ok("unit", "add", "U1", "--name", "n")
        os.chmod(self.db, 0o000 if not kw else 0o600)  # as nobody, root's 0600 file is unreadable
        e = dict(os.environ, CADRE_DB=self.db)
        p = subprocess.run([BIN, "unit", "list"], capture_output=True, text=True, env=e, **kw)
        os.chmod(self.db, 0o600)
        self.assertEqual(p.returncode, 6, p)
        self.assertIn("permission denied", p.stderr)


class TimeZoneChange(CliTest):
    """Finding 9: changing the time zone recomputes the stored local day of existing check-ins."""

    def setUp(self):
        super().setUp()
        self.load_examples("units", "people")
        self.sid = self.ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长",
                           "--start", "2026-03-02", "--end", "2026-12-31").out.strip()

    def days(self):
        # The stored local day is days since 1970-01-01 (read on either backend, turned into a date here).
        return [day_text(d) for (d,) in query(self.db, "SELECT local_day FROM checkins ORDER BY at_utc")]

    def test_shanghai_check_ins_move_to_new_york_days(self):
        self.ok("checkin", "A1003", "--at", "2026-06-15T08:00:00+08:00")
        self.ok("checkin", "A1003", "--at", "2026-06-16T08:00:00+08:00")
        self.assertEqual(self.days(), ["2026-06-15", "2026-06-16"])
        self.ok("settings", "set", "timezone", "America/New_York")
        # 08:00 in Shanghai is 20:00 the evening before in New York (EDT, UTC-4).
        self.assertEqual(self.days(), ["2026-06-14", "2026-06-15"])
        log = self.json("audit", "log")["entries"]
        self.assertEqual((log[-1]["entity"], json.loads(log[-1]["after"])["checkins"]), ("checkins", 2))
        self.assertTrue(self.json("db", "check")["ok"])

    def test_presence_counts_days_in_one_zone(self):
        # Tuesday and Wednesday 08:00 in Shanghai: Monday and Tuesday evening in New York.
        self.ok("checkin", "A1003", "--at", "2026-06-16T08:00:00+08:00")
        self.ok("checkin", "A1003", "--at", "2026-06-17T08:00:00+08:00")
        self.ok("settings", "set", "timezone", "America/New_York")
        r = self.json("checkin", "A1003", "--at", "2026-06-17T10:00:00")  # Wednesday morning, New York
        self.assertEqual(r["day"], "2026-06-17")
        rep = self.json("report", "secondment", self.sid, "--as-of", "2026-06-30")
        june = [m for m in rep["months"] if m["month"] == "2026-06"][0]
        self.assertEqual(june["present_days"], 3)  # 15, 16, 17 June: three days, none merged
        self.assertEqual(self.days(), ["2026-06-15", "2026-06-16", "2026-06-17"])
        # And back: the days return to what they were.
        self.ok("settings", "set", "timezone", "Asia/Shanghai")
        self.assertEqual(self.days(), ["2026-06-16", "2026-06-17", "2026-06-17"])

    def test_check_in_moves_to_the_secondment_covering_its_new_day(self):
        self.ok("secondment", "end", self.sid, "--on", "2026-06-30", "--reason", "调整")
        second = self.ok("secondment", "add", "A1003", "--from", "QXFGW", "--to", "HXZ", "--post", "副镇长",
                         "--start", "2026-07-01", "--end", "2026-12-31").out.strip()
        self.ok("checkin", "A1003", "--at", "2026-07-01T08:00:00+08:00")  # the second's first day
        self.ok("settings", "set", "timezone", "America/New_York")
        rows = [(s, day_text(d)) for s, d in query(self.db, "SELECT secondment_id, local_day FROM checkins")]
        self.assertEqual(rows, [(int(self.sid), "2026-06-30")])
        self.assertNotEqual(self.sid, second)

    def test_same_zone_changes_nothing(self):
        self.ok("checkin", "A1003", "--at", "2026-06-15T08:00:00+08:00")
        entries = len(self.json("audit", "log")["entries"])
        self.ok("settings", "set", "timezone", "Asia/Shanghai")
        self.assertEqual(len(self.json("audit", "log")["entries"]), entries + 1)  # the setting only


class Settings(CliTest):
    """Finding 17: CADRE_BUSY_TIMEOUT_MS and the rater weights."""

    def test_busy_timeout_must_be_milliseconds(self):
        self.ok("unit", "add", "U1", "--name", "n")
        for bad in ("abc", "5s", "-1", "1.5", " 100", "99999999999"):
            r = self.assertFailsUnchanged(2, "unit", "add", "U2", "--name", "n", env={"CADRE_BUSY_TIMEOUT_MS": bad},
                                          message="CADRE_BUSY_TIMEOUT_MS")
            self.assertIn(bad, r.err)
        for good in ("0", "250", "15000"):
            self.ok("unit", "list", env={"CADRE_BUSY_TIMEOUT_MS": good})

    def test_rater_weights_cannot_all_be_0(self):
        self.ok("settings", "set", "weight_host", "0")
        self.ok("settings", "set", "weight_home", "0")
        self.assertFailsUnchanged(3, "settings", "set", "weight_org", "0", message="weight_org")
        self.assertFailsUnchanged(3, "settings", "set", "weight_org", "0.0", message="weight_org")
        r = self.assertFailsUnchanged(3, "--lang", "zh", "settings", "set", "weight_org", "0")
        self.assertIn("不能都为 0", r.err)
        self.ok("settings", "set", "weight_org", "0.3")
        self.assertFailsUnchanged(3, "settings", "set", "weight_org", "0", message="weight_org")
        self.ok("settings", "set", "weight_host", "1")
        self.ok("settings", "set", "weight_org", "0")


if __name__ == "__main__":
    unittest.main()
