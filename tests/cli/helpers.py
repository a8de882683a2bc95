"""Shared helpers for the CLI end-to-end tests: run the real binary against a temporary database."""
import atexit
import hashlib
import json
import os
import sqlite3
import struct
import subprocess
import tempfile
import unittest
import urllib.parse
import uuid

BIN = os.environ.get("CADRE_BIN", "cadre")
EXAMPLES = os.environ.get("CADRE_EXAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "examples"))
SOURCE = os.environ.get("CADRE_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
# Which backend CliTest's databases live on: "sqlite" (a file per test, the default) or "pg" (a fresh
# database per test on the server of $CADRE_TEST_PG, an admin connection string; ctest's `pg` fixture).
BACKEND = os.environ.get("CADRE_TEST_BACKEND", "sqlite")
PG = os.environ.get("CADRE_TEST_PG")
if BACKEND == "pg" and not PG:
    raise RuntimeError("CADRE_TEST_BACKEND=pg needs CADRE_TEST_PG (an admin connection string)")


def sqlite_only(reason):
    """A test (or class) about SQLite files by nature: skipped on PostgreSQL, saying why."""
    return unittest.skipIf(BACKEND == "pg", f"SQLite only: {reason}")


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code}\nstdout: {self.out}\nstderr: {self.err}>"


def snapshot(db):
    """Every row of every table of either backend: compare before/after a failure."""
    return dump_database(db)


def _sqlite_dump(db_path):
    con = sqlite3.connect(db_path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def _row_hash(values):
    """The 64-bit row hash of lib/src/store/digest.cpp: SHA-256 of a typed encoding, first 8 bytes."""
    out = b""
    for v in values:
        if isinstance(v, float) and v.is_integer() and -2**63 <= v < 2**63:
            v = int(v)  # a whole REAL hashes as the integer
        if v is None:
            out += b"n"
        elif isinstance(v, int):
            out += b"i" + (v & (2**64 - 1)).to_bytes(8, "big")
        elif isinstance(v, float):
            out += b"r" + struct.pack(">d", v)
        elif isinstance(v, str):
            b = v.encode()
            out += b"t" + len(b).to_bytes(8, "big") + b
        else:
            out += b"b" + len(v).to_bytes(8, "big") + bytes(v)
    return int.from_bytes(hashlib.sha256(out).digest()[:8], "big")


def _wrap(x):
    x &= 2**64 - 1
    return x - 2**64 if x >= 2**63 else x


def connect_with_cadre_functions(db_path):
    """A connection that can write rows past the CLI (to store what the CLI refuses, as an older cadre
    or another program might have): cadre's audit triggers call cadre_digest_add/sub, given here in
    Python, so the running digests stay true. The audit log still does not vouch for such rows:
    `db check` reports them."""
    con = sqlite3.connect(db_path)
    con.create_function("cadre_digest_add", -1, lambda s, *row: _wrap(s + _row_hash(row)), deterministic=True)
    con.create_function("cadre_digest_sub", -1, lambda s, *row: _wrap(s - _row_hash(row)), deterministic=True)
    return con


def _psql_script(db, sql, params):
    """Runs `sql` (with `?` placeholders) through psql, each parameter a psql variable quoted as a
    literal (:'p1'): no value is ever spliced into the SQL text."""
    parts = sql.split("?")
    if len(parts) - 1 != len(params):
        raise ValueError(f"{len(parts) - 1} placeholders, {len(params)} parameters")
    text = parts[0] + "".join(f":'p{i + 1}'" + rest for i, rest in enumerate(parts[1:]))
    args = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db]
    for i, v in enumerate(params):
        args += ["-v", f"p{i + 1}={v.decode() if isinstance(v, bytes) else v}"]
    proc = subprocess.run(args, input=text + "\n", capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"psql failed: {proc.stderr}")
    return proc.stdout


def query(db, sql, *params):
    """The rows of one SELECT on either backend, as tuples of Python values (read past the CLI)."""
    if not is_postgres(db):
        con = sqlite3.connect(db)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()
    # One JSON array of row objects (keys in column order): numbers come back as numbers.
    out = _psql_script(db, f"SELECT coalesce(json_agg(q), '[]') FROM ({sql}) q", params)
    return [tuple(row.values()) for row in json.loads(out)]


def execute(db, *statements):
    """Runs statements past the CLI on either backend, each committed on its own (no parameters)."""
    if is_postgres(db):
        _psql_script(db, ";\n".join(statements), ())
        return
    con = sqlite3.connect(db, isolation_level=None)
    try:
        for s in statements:
            con.execute(s)
    finally:
        con.close()


def write_past_cadre(db_path, table, sql, params=()):
    """Runs one statement on `table` past the CLI with the table's audit triggers dropped for it and
    put back (stored text that is not UTF-8 cannot go through Python's functions): as another program
    might. The running digest is then stale and `db check` reports the table. On PostgreSQL (no digest
    triggers there yet) the statement runs as it is, through psql."""
    if is_postgres(db_path):
        _psql_script(db_path, sql, params)
        return
    con = sqlite3.connect(db_path, isolation_level=None)
    try:
        triggers = con.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?",
                               (table,)).fetchall()
        con.execute("BEGIN IMMEDIATE")
        for name, _ in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute(sql, params)
        for _, create in triggers:
            con.execute(create)
        con.execute("COMMIT")
    finally:
        con.close()


class CliTest(unittest.TestCase):
    """Each test gets a fresh directory and database ($CADRE_DB)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        if BACKEND == "pg":
            self.db = fresh_pg_database()
            self.addCleanup(drop_pg_database, self.db)
        else:
            self.db = os.path.join(self.dir, "test.db")

    def tearDown(self):
        self.tmp.cleanup()

    def new_database(self, name):
        """Points the test at another fresh, initialised database (a file `name`.db, or a new PostgreSQL
        database dropped after the test)."""
        if BACKEND == "pg":
            self.db = fresh_pg_database()
            self.addCleanup(drop_pg_database, self.db)
        else:
            self.db = os.path.join(self.dir, f"{name}.db")
            self.ok("db", "init")

    def run_cli(self, *args, input=None, env=None, db=True):
        e = dict(os.environ)
        e["CADRE_DB"] = self.db
        e.pop("COLUMNS", None)
        if env:
            e.update(env)
        cmd = [BIN] + [str(a) for a in args]
        return Result(subprocess.run(cmd, capture_output=True, text=True, input=input, env=e, timeout=120))

    def ok(self, *args, **kw):
        r = self.run_cli(*args, **kw)
        self.assertEqual(r.code, 0, r)
        return r

    def json(self, *args, **kw):
        return self.ok("--format", "json", *args, **kw).json()

    def write(self, name, text, encoding="utf-8"):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding=encoding, newline="") as f:
            f.write(text)
        return path

    def assertFailsUnchanged(self, code, *args, message=None, **kw):
        """The command exits with `code`, says `message` on stderr, and leaves the database as it was."""
        if not is_postgres(self.db) and not os.path.exists(self.db):
            self.ok("db", "init")
        before = snapshot(self.db)
        r = self.run_cli(*args, **kw)
        self.assertEqual(r.code, code, r)
        self.assertIn("cadre: error:", r.err) if "--format" not in args else None
        if message:
            self.assertIn(message, r.err)
        self.assertEqual(snapshot(self.db), before, "database changed by a failed command")
        return r

    def load_examples(self, *kinds):
        for kind in kinds:
            self.ok("import", kind, os.path.join(EXAMPLES, f"{kind}.csv"))

    def enter_examples(self, kind, rows=None):
        """examples/assessments.csv or hours.csv (no import for them) one command a row, as scripts/demo
        enters them; `rows` limits how many."""
        with open(os.path.join(EXAMPLES, f"{kind}.csv"), encoding="utf-8") as f:
            for line in f.read().splitlines()[1:][:rows]:
                if kind == "assessments":
                    course, staff, component, score = line.split(",")
                    self.ok("assess", course, staff, "--component", component, "--score", score)
                else:
                    staff, date, hours, what, title = line.split(",")
                    self.ok("hours", "add", staff, "--date", date, "--hours", hours, "--kind", what, "--title", title)


def is_postgres(db):
    """Whether a $CADRE_DB value names a PostgreSQL database (as lib/src/store/pg_conn.cpp decides)."""
    return db.startswith(("postgresql://", "postgres://")) or "dbname=" in db or "host=" in db


def psql(conninfo, sql):
    """Runs `sql` with psql (no .psqlrc, unaligned, tuples only) and returns its output lines."""
    proc = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql],
                          capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"psql failed: {proc.stderr}")
    return proc.stdout.splitlines()


def dump_database(db):
    """Every row of every table of either backend, in a stable order: compare before/after a failure.
    On PostgreSQL one psql run (\\gexec runs one SELECT per table, tables in name order)."""
    if not is_postgres(db):
        return _sqlite_dump(db)
    script = ("SELECT format('SELECT %L || '' '' || t::text FROM %I t ORDER BY t::text COLLATE \"C\"', "
              "tablename, tablename) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
              "ORDER BY tablename COLLATE \"C\" \\gexec\n")
    proc = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db], input=script,
                          capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"psql failed: {proc.stderr}")
    return proc.stdout


def with_database(conninfo, name, user=None, password=None):
    """The admin connection string of the fixture pointed at another database (and role)."""
    parts = urllib.parse.urlsplit(conninfo)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if user:
        netloc = f"{user}{':' + password if password else ''}@{netloc}"
    elif "@" in parts.netloc:
        netloc = parts.netloc
    return urllib.parse.urlunsplit((parts.scheme, netloc, "/" + name, parts.query, parts.fragment))


_template = None


def _pg_template():
    """A database migrated once per test process (`cadre db init`), copied for each test: CREATE DATABASE
    from it and opening takes ~0.16 s, against ~0.20 s from template0 and migrating on first use."""
    global _template
    if _template is None:
        name = f"cadre_tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        psql(PG, f'CREATE DATABASE "{name}" TEMPLATE template0')
        atexit.register(psql, PG, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        proc = subprocess.run([BIN, "db", "init"], capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, CADRE_DB=with_database(PG, name)))
        if proc.returncode != 0:
            raise RuntimeError(f"cadre db init on the template failed: {proc.stderr}")
        _template = name
    return _template


def fresh_pg_database(template=None):
    """A new database on the test server (a copy of the migrated template, or of `template`): its
    connection string. Drop it with drop_pg_database."""
    name = "cadre_t_" + uuid.uuid4().hex[:12]
    psql(PG, f'CREATE DATABASE "{name}" TEMPLATE "{template or _pg_template()}"')
    return with_database(PG, name)


def drop_pg_database(db):
    psql(PG, f'DROP DATABASE IF EXISTS "{urllib.parse.urlsplit(db).path.lstrip("/")}" WITH (FORCE)')
