"""Shared helpers for the CLI end-to-end tests: run the real binary against a temporary database."""
import json
import os
import sqlite3
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
