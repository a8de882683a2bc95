"""Issue 10 item 3: a library error carries a stable message id; the CLI makes its text in --lang.

JSON errors gain "message_id" (the message's code, or null for text the CLI made itself) beside the
unchanged "code" and "message"; the same failure has the same id in every language."""
import json
import unittest

from helpers import CliTest


class MessageIdTest(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("unit", "add", "QXORG", "--name", "组织部", "--kind", "org_dept")

    def error(self, code, *args):
        r = self.assertFailsUnchanged(code, "--format", "json", *args)
        return json.loads(r.err)["error"]

    def test_same_failure_same_id_in_every_language(self):
        en = self.error(5, "unit", "add", "QXORG", "--name", "again")
        zh = self.error(5, "--lang", "zh", "unit", "add", "QXORG", "--name", "again")
        self.assertEqual(list(en), ["code", "message", "message_id"])  # the old keys first, unchanged
        self.assertEqual((en["code"], zh["code"]), ("conflict", "conflict"))
        self.assertRegex(en["message_id"], r"^m[0-9a-f]{8}$")
        self.assertEqual(en["message_id"], zh["message_id"])
        self.assertIn("already exists", en["message"])
        self.assertIn("已存在", zh["message"])

    def test_fields_and_words_rendered_in_the_language(self):
        en = self.error(3, "unit", "add", "X1", "--name", "N", "--kind", "galaxy")
        zh = self.error(3, "--lang", "zh", "unit", "add", "X1", "--name", "N", "--kind", "galaxy")
        self.assertIn("--kind", en["message"])  # a field token, spelled as the option
        self.assertIn("--kind", zh["message"])
        self.assertNotEqual(en["message"], zh["message"])
        self.assertEqual(en["message_id"], zh["message_id"])
        other = self.error(4, "report", "person", "NOBODY")
        self.assertNotEqual(other["message_id"], en["message_id"])  # another message, another id

    def test_text_made_by_the_cli_has_no_id(self):
        r = self.run_cli("--format", "json", "--lang", "fr", "unit", "list")
        self.assertEqual(r.code, 2)
        self.assertIsNone(json.loads(r.err)["error"]["message_id"])

    def test_plain_errors_unchanged(self):
        r = self.assertFailsUnchanged(5, "--lang", "zh", "unit", "add", "QXORG", "--name", "again")
        self.assertTrue(r.err.startswith("cadre: error: "))
        self.assertIn("已存在", r.err)
        self.assertNotIn("message_id", r.err)


if __name__ == "__main__":
    unittest.main()
