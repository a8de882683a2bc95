"""Issue 15, "the clerk's first hour": help in Chinese, bash completion, the man page, progress."""
import re

from helpers import CliTest

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
        self.assertIn("  db          init | info | check | backup FILE\n", self.ok("help").out)
        self.assertIn("                           [--reason R]   (prints the new id)\n", self.ok("leave", "--help").out)
