#!/usr/bin/python3
"""Finds user-facing message templates in lib/ and cli/ that have no Chinese catalogue entry.

A template is the English string literal passed to detail::msg("..."), detail::fail(code, field,
"..."), detail::message("...") (a cadre::Message: the template is its id), translate("...") or tr("..."). The catalogue is lib/src/i18n/catalogue_zh.cpp.

    python3 tests/cli/i18n_scan.py [SOURCE_DIR]        # prints every missing template, exit 1 if any

tests/cli/test_render_i18n.py runs the same scan as a test.
"""
import os
import re
import sys

CALLS = {"msg": 0, "translate": 0, "tr": 0, "fail": 2, "message": 0}
CALL_RE = re.compile(r"(?<![\w.])(?:detail::)?(msg|translate|tr|fail|message)\s*\(")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'", "r": "\r", "0": "\0"}


def _literal(src, i):
    """Parses the C++ string literal starting at src[i] == '"'; returns (text, index after it)."""
    out = []
    i += 1
    while i < len(src) and src[i] != '"':
        if src[i] == "\\" and i + 1 < len(src):
            out.append(ESCAPES.get(src[i + 1], src[i + 1]))
            i += 2
        else:
            out.append(src[i])
            i += 1
    return "".join(out), i + 1


def _arguments(src, i):
    """The top-level arguments of a call whose '(' is at src[i-1]: a list of (literals, other_text)."""
    args, depth, lits, other = [], 0, [], []
    while i < len(src):
        c = src[i]
        if c == '"':
            if src[max(0, i - 1)] == "R":  # raw string: not a template this scan understands
                other.append("R")
                end = src.find(')"', i)
                i = len(src) if end < 0 else end + 2
                continue
            text, i = _literal(src, i)
            if depth == 0:
                lits.append(text)
            else:
                other.append('"')
            continue
        if c == "'":
            j = i + 1
            while j < len(src) and src[j] != "'":
                j += 2 if src[j] == "\\" else 1
            other.append("'")
            i = j + 1
            continue
        if c == "/" and src.startswith("//", i):
            i = src.find("\n", i)
            i = len(src) if i < 0 else i
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append((lits, "".join(other).strip()))
                return args
            depth -= 1
        elif c == "," and depth == 0:
            args.append((lits, "".join(other).strip()))
            lits, other = [], []
            i += 1
            continue
        if not c.isspace() and not (depth == 0 and c in "()"):
            other.append(c)
        i += 1
    return args


def templates_in(path):
    """(line, template) for every literal template in one source file."""
    with open(path, encoding="utf-8") as f:
        src = f.read()
    found = []
    for m in CALL_RE.finditer(src):
        name = m.group(1)
        # A definition or declaration (`std::string msg(std::string_view english, ...)`) is no call.
        before = src[max(0, m.start() - 40):m.start()]
        if re.search(r"(std::string|void|auto|std::string_view)\s*$", before) or "]]" in before.split("\n")[-1]:
            continue
        args = _arguments(src, m.end())
        k = CALLS[name]
        if len(args) <= k:
            continue
        lits, other = args[k]
        if lits and not other:
            found.append((src.count("\n", 0, m.start()) + 1, "".join(lits)))
    return found


def catalogue_ids(source):
    """The ids of the Chinese catalogue, parsed from its source."""
    path = os.path.join(source, "lib", "src", "i18n", "catalogue_zh.cpp")
    with open(path, encoding="utf-8") as f:
        src = f.read()
    ids, i = [], 0
    entry = re.compile(r'\{\s*"')
    while True:
        m = entry.search(src, i)
        if not m:
            break
        j = m.end() - 1
        parts = []
        while j < len(src) and src[j] == '"':
            text, j = _literal(src, j)
            parts.append(text)
            while j < len(src) and src[j].isspace():
                j += 1
        if j < len(src) and src[j] == ",":
            ids.append("".join(parts))
        i = j
    return ids


def source_files(source):
    for top in ("lib", "cli"):
        for root, _, files in os.walk(os.path.join(source, top)):
            for name in sorted(files):
                if name.endswith((".cpp", ".hpp", ".h")) and name != "catalogue_zh.cpp":
                    yield os.path.join(root, name)


def missing(source, only=None):
    """{relative path: [(line, template)]} of templates without a catalogue entry."""
    ids = set(catalogue_ids(source))
    out = {}
    for path in source_files(source):
        rel = os.path.relpath(path, source)
        if only is not None and rel not in only:
            continue
        gaps = [(line, t) for line, t in templates_in(path) if t not in ids]
        if gaps:
            out[rel] = gaps
    return out


DONE_RE = re.compile(r"(?<![\w.])(?:ctx\.done|(?:cadre::)?Error)\s*\(")


def untranslated(source):
    """(path, line, text) of messages built from a bare literal, bypassing msg/fail/translate/tr.

    A message is the first argument of ctx.done(...) or the second of Error(Errc::..., message, field); it is
    bare when a string literal appears in it outside any call (e.g. `"course " + code + " added"`).
    """
    out = []
    for path in source_files(source):
        with open(path, encoding="utf-8") as f:
            src = f.read()
        for m in DONE_RE.finditer(src):
            before = src[max(0, m.start() - 40):m.start()]
            if re.search(r"(std::string|void|auto|std::string_view|class|struct|explicit)\s*$", before):
                continue
            args = _arguments(src, m.end())
            k = 0 if "done" in m.group(0) else 1
            if k and (not args or not args[0][1].startswith("Errc::")):
                continue
            # Only a literal with letters is words to translate (" = ", " --" are not).
            if len(args) > k and any(re.search(r"[A-Za-z]", t) for t in args[k][0]):
                out.append((os.path.relpath(path, source), src.count("\n", 0, m.start()) + 1, "".join(args[k][0])))
    return out


def main(argv):
    source = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    gaps = missing(source)
    for rel, items in sorted(gaps.items()):
        for line, t in items:
            print(f"{rel}:{line}: {t!r}")
    for rel, line, text in untranslated(source):
        print(f"{rel}:{line}: not translatable (a bare literal, use msg/fail/tr): {text!r}")
    bare = untranslated(source)
    total = sum(len(v) for v in gaps.values())
    print(f"{total} message template(s) without a zh catalogue entry, {len(bare)} bare-literal message(s)",
          file=sys.stderr)
    return 1 if total or bare else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
