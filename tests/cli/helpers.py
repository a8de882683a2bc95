"""Shared helpers for the CLI end-to-end tests: run the real binary against a temporary database."""
import hashlib
import json
import os
import sqlite3
import struct
import subprocess
import tempfile
import unittest

BIN = os.environ.get("CADRE_BIN", "cadre")
EXAMPLES = os.environ.get("CADRE_EXAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "examples"))
SOURCE = os.environ.get("CADRE_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code}\nstdout: {self.out}\nstderr: {self.err}>"


def snapshot(db_path):
    """Every row of every table except the audit log's timestamps: compare before/after a failure."""
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


def write_past_cadre(db_path, table, sql, params=()):
    """Runs one statement on `table` past the CLI with the table's audit triggers dropped for it and
    put back (stored text that is not UTF-8 cannot go through Python's functions): as another program
    might. The running digest is then stale and `db check` reports the table."""
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
        self.db = os.path.join(self.dir, "test.db")

    def tearDown(self):
        self.tmp.cleanup()

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
        if not os.path.exists(self.db):
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
    """Every row of every table of either backend, in a stable order: compare before/after a failure."""
    if not is_postgres(db):
        return snapshot(db)
    out = []
    for table in psql(db, "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                          "ORDER BY tablename COLLATE \"C\""):
        out.append(f"-- {table}")
        out.extend(psql(db, f'SELECT t::text FROM "{table}" t ORDER BY t::text COLLATE "C"'))
    return "\n".join(out)
