"""Issue 15, "the clerk's first hour": help in Chinese, bash completion, the man page, progress."""
import os
import re
import shlex
import shutil
import subprocess

from helpers import BIN, CliTest

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


class ChineseHelp(CliTest):
    def groups(self):
        out = self.ok("help").out
        return [m.group(1) for m in re.finditer(r"^  ([a-z]+) +", out, re.M)]

    def test_the_command_table_names_each_group_in_chinese(self):
        out = self.ok("--lang", "zh", "--help").out
        self.assertTrue(out.startswith("用法： cadre [--db PATH]"), out)
        self.assertIn("命令：", out)
        groups = self.groups()
        self.assertGreater(len(groups), 20)
        for g in groups:
            line = re.search(rf"^  {g} +(.*)$", out, re.M)
            self.assertIsNotNone(line, g)
            self.assertRegex(line.group(1), CJK, f"{g} has no Chinese description")
        self.assertNotIn("usage:", out)

    def test_every_group_usage_explains_itself_in_chinese(self):
        """Syntax stays as typed; "usage:", every explanation and every (note) is Chinese."""
        for g in self.groups():
            out = self.ok("--lang", "zh", g, "--help").out
            self.assertTrue(out.startswith("用法： cadre "), f"{g}: {out}")
            for line in out.splitlines():
                self.assertFalse(line.startswith("usage:"), f"{g}: {line}")
                if line.startswith("用法： ") or line.startswith(" "):
                    # a syntax line: a note after it, "   (...)", is in Chinese
                    self.assertNotRegex(line, r"   \([A-Za-z]", f"{g}: English note: {line}")
                else:
                    self.assertRegex(line, CJK, f"{g}: an explanation left in English: {line}")

    def test_usage_without_a_verb_is_chinese_on_stderr(self):
        r = self.run_cli("--lang", "zh", "leave")
        self.assertEqual(r.code, 2)
        self.assertIn("用法： cadre leave request", r.err)
        self.assertIn("审批层级按天数", r.err)

    def test_english_help_is_unchanged(self):
        self.assertTrue(self.ok("leave", "--help").out.startswith("usage: cadre leave request"))
        self.assertIn("Approval level by length: up to 3 days host, up to 7 district, longer city.\n",
                      self.ok("leave", "--help").out)
        self.assertIn("  db          init | info | check | backup FILE | copy FROM TO\n", self.ok("help").out)
        self.assertIn("                           [--reason R]   (prints the new id)\n", self.ok("leave", "--help").out)


def installed(prefix):
    """`cmake --install` of the runtime component into prefix (the build tree is the binary's folder)."""
    build = os.path.dirname(os.path.abspath(BIN))
    subprocess.run(["cmake", "--install", build, "--prefix", prefix, "--component", "runtime"],
                   check=True, capture_output=True, timeout=120)


class Completion(CliTest):
    def complete(self, script, line):
        """COMPREPLY for the command line `line` (the cursor at its end), as bash's complete -F sets it."""
        words = line.split(" ")
        prog = f"""
source {shlex.quote(script)}
COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE={shlex.quote(line)}
COMP_POINT=${{#COMP_LINE}}
_cadre
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
        r = subprocess.run(["bash", "--norc", "-c", prog], capture_output=True, text=True, cwd=self.dir, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        return sorted(w for w in r.stdout.split("\n") if w)

    def script(self):
        path = os.path.join(self.dir, "cadre.bash")
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.ok("completion", "bash").out)
        return path

    def test_groups_kinds_verbs_options_and_values(self):
        s = self.script()
        self.assertEqual(self.complete(s, "cadre rep"), ["report"])
        self.assertEqual(self.complete(s, "cadre report "), ["callup", "course", "hours", "person", "secondment", "secondments", "summary"])
        self.assertEqual(self.complete(s, "cadre import "),
                         ["arrivals", "assessments", "attendance", "checkins", "courses", "enrolments", "evaluations",
                          "feedback", "hours", "leave", "logs", "nominations", "people", "quotas", "secondments",
                          "sessions", "tasks", "trips", "units"])
        self.assertEqual(self.complete(s, "cadre --lang zh leave a"), ["approve"])
        self.assertIn("--device-map", self.complete(s, "cadre import checkins x.dat --"))
        self.assertEqual(self.complete(s, "cadre import checkins x.dat --encoding "),
                         ["gb18030", "gbk", "utf-16", "utf-8"])
        self.assertEqual(self.complete(s, "cadre leave approve 1 --level "), ["city", "district", "host"])
        self.assertEqual(self.complete(s, "cadre --format "), ["csv", "docx", "html", "json", "md", "table", "xlsx"])
        self.assertNotIn("completion", self.complete(s, "cadre "))  # hidden, as from the help

    def test_the_lists_follow_the_registries(self):
        """Every report kind of `report --help` and every import kind of `import --help` is offered."""
        s = self.script()
        kinds = re.findall(r"cadre report (\w+)", self.ok("report", "--help").out)  # summary: twice (one, batch)
        self.assertEqual(self.complete(s, "cadre report "), sorted(set(kinds)))
        imports = re.search(r"cadre import (\S+) FILE", self.ok("import", "--help").out).group(1).split("|")
        self.assertEqual(self.complete(s, "cadre import "), sorted(imports))

    def test_installed_with_the_man_page(self):
        prefix = os.path.join(self.dir, "prefix")
        installed(prefix)
        completion = os.path.join(prefix, "share", "bash-completion", "completions", "cadre")
        self.assertEqual(self.complete(completion, "cadre rep"), ["report"])
        page = os.path.join(prefix, "share", "man", "man1", "cadre.1")
        self.assertTrue(os.path.exists(page))
        if shutil.which("man"):
            cmd = ["man", "-l", page]
        else:
            cmd = ["groff", "-man", "-Tutf8", page]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, MANWIDTH="100", MANPAGER="cat", PAGER="cat"))
        self.assertEqual(r.returncode, 0, r.stderr)
        text = re.sub(r".\x08", "", r.stdout)  # overstrike bold, if the formatter used it
        self.assertIn("COMMANDS", text)
        self.assertIn("cadre report secondments [--batch B]", text)
        self.assertIn("cadre import units|people", text)
        self.assertIn("EXIT STATUS", text)
