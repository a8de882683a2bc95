"""README's "A short tour" runs as written, as a new user would paste it from the repository root.

The ```sh block under "## A short tour" is run by bash with the built cadre first on PATH, in a
temporary folder that holds a link to examples/ (so the tour's relative paths resolve as they do
from the repository root, while the database and the files it writes stay out of the tree). Any
cadre command that fails stops the run and fails the test, naming the command.
"""
import os
import re
import subprocess
import tempfile
import unittest

from helpers import BIN, SOURCE


def tour_block():
    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    m = re.search(r"^## A short tour\n(?:.*?\n)??```sh\n(.*?)^```", readme, re.S | re.M)
    if not m:
        raise AssertionError('README.md has no ```sh block under "## A short tour"')
    return m.group(1)


# Every cadre command of the tour is checked, inside $(...) and before && too: the first one that
# fails ends the script with its exit code and names itself.
PRELUDE = """\
cadre() {
  command cadre "$@" || { rc=$?; printf 'tour: exit %s: cadre %s\\n' "$rc" "$*" >&2; exit "$rc"; }
}
set -e -o pipefail
"""


class ReadmeTour(unittest.TestCase):
    def test_every_command_of_the_tour_runs(self):
        with tempfile.TemporaryDirectory() as tmp:
            bindir = os.path.join(tmp, "bin")
            work = os.path.join(tmp, "root")
            os.makedirs(bindir)
            os.makedirs(work)
            os.symlink(os.path.abspath(BIN), os.path.join(bindir, "cadre"))
            os.symlink(os.path.abspath(os.path.join(SOURCE, "examples")), os.path.join(work, "examples"))
            script = os.path.join(tmp, "tour.sh")
            with open(script, "w", encoding="utf-8") as f:
                f.write(PRELUDE + tour_block())
            env = dict(os.environ)
            env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
            env["CADRE_DB"] = os.path.join(tmp, "tour.db")  # the tour sets its own; never the user's
            env.pop("COLUMNS", None)
            proc = subprocess.run(["bash", script], cwd=work, env=env, capture_output=True, text=True, timeout=300)
            self.assertEqual(proc.returncode, 0, f"the tour stopped:\n{proc.stderr[-3000:]}")
            self.assertNotIn("cadre: error", proc.stderr)
            # What the tour says it writes is there.
            for name in ("my.db", "class.ics", "report.html", "batch.xlsx", "summary.docx"):
                self.assertTrue(os.path.getsize(os.path.join(work, name)) > 0, name)
            self.assertIn("audit anchor: ", proc.stdout)

    def test_the_tour_block_is_found(self):
        block = tour_block()
        self.assertIn("cadre import units examples/units.csv", block)
        self.assertIn("--device-map examples/device-map.csv", block)


if __name__ == "__main__":
    unittest.main()
