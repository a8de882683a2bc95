"""Issue 15: an import that takes longer than a second shows a progress bar on stderr when stderr is
a terminal, and nothing when it is not (a script, a log)."""
import datetime
import os
import pty
import select
import subprocess

from helpers import BIN, CliTest, sqlite_only

ROWS = 250_000


@sqlite_only("the bar is drawn by the CLI alike on either backend; one slow import is enough")
class ProgressTest(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")
        self.ok("unit", "add", "U1", "--name", "一")
        self.ok("unit", "add", "U2", "--name", "二")
        self.ok("person", "add", "P1", "--name", "甲", "--unit", "U1")
        self.ok("secondment", "add", "P1", "--from", "U1", "--to", "U2", "--post", "p", "--start", "2026-01-01",
                "--end", "2026-12-31")
        start = datetime.datetime(2026, 1, 1)
        self.path = os.path.join(self.dir, "c.csv")
        with open(self.path, "w") as f:
            f.write("staff_no,at\n")
            for i in range(ROWS):  # one a minute: no duplicates
                f.write(f"P1,{(start + datetime.timedelta(minutes=i)).strftime('%Y-%m-%dT%H:%M:%S')}\n")

    def test_no_bar_when_stderr_is_not_a_terminal(self):
        r = self.run_cli("import", "checkins", self.path, "--dry-run")
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.err, "")

    def test_a_bar_on_a_terminal(self):
        main, child = pty.openpty()
        proc = subprocess.Popen([BIN, "--db", self.db, "import", "checkins", self.path, "--dry-run"],
                                stdout=subprocess.PIPE, stderr=child, stdin=subprocess.DEVNULL)
        os.close(child)
        seen = b""
        while True:
            ready, _, _ = select.select([main], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        out, _ = proc.communicate(timeout=60)
        os.close(main)
        self.assertEqual(proc.returncode, 0)
        self.assertRegex(seen.decode(), r"\r\[#*-*\] +\d+%  \d+ rows")
        self.assertTrue(seen.endswith(b"\r\x1b[K"), seen[-40:])  # cleared before the summary
        self.assertIn(b"Rows", out)
