"""Issue 15, step 1: data in from where offices keep it. Every import kind from CSV in UTF-8,
GB18030 and UTF-16 (Excel's tab-separated "Unicode text") and from workbooks written by openpyxl and
by cadre's own xlsx export; Chinese headers; every bad file refused with nothing written."""
import csv
import datetime
import io
import os
import sqlite3
import struct
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from helpers import EXAMPLES, CliTest, query, sqlite_only

# The kinds in the order their rows depend on each other, as the examples hold them.
KINDS = ["units", "people", "courses", "sessions", "enrolments", "attendance", "checkins"]
DATES = {"people": {"birth"}, "courses": {"start", "end"}, "sessions": {"date"}}
CLOCKS = {"sessions": {"start", "end"}}
NUMBERS = {"courses": {"capacity", "pass_mark", "max_absence_hours"}, "attendance": {"session_no"},
           "sessions": {"hours"}}


def example_rows(kind):
    with open(os.path.join(EXAMPLES, f"{kind}.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def typed(kind, column, text):
    """The cell openpyxl writes for `text`: dates, times and numbers as Excel keeps them."""
    if text == "":
        return None
    if column in DATES.get(kind, ()):
        return datetime.datetime.strptime(text, "%Y-%m-%d")
    if column in CLOCKS.get(kind, ()):
        return datetime.datetime.strptime(text, "%H:%M").time()
    if column in NUMBERS.get(kind, ()):
        return float(text) if "." in text else int(text)
    return text


def workbook(path, sheets, epoch=None):
    """sheets: [(title, rows)] with typed cells; written by openpyxl."""
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return wb


def table_dump(db):
    """Every table's rows but the audit log's and the digests' (they name the file and the time)."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            if name.startswith("audit") or "digest" in name or name.startswith("sqlite"):
                continue
            out[name] = con.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
        return out
    finally:
        con.close()


def raw_xlsx(path, sheet_xml, shared=None, workbook_pr="", extra=None):
    """A minimal workbook by hand, for what openpyxl never writes (inline strings, errors, a DTD)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {ns} {rns}>{workbook_pr}<sheets>'
                   f'<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            rels += f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            z.writestr("xl/sharedStrings.xml", f"<sst {ns}>" + "".join(shared) + "</sst>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
                   "</Relationships>")
        z.writestr("xl/worksheets/sheet1.xml", f"<worksheet {ns}><sheetData>{sheet_xml}</sheetData>"
                   f"{extra or ''}</worksheet>")
    return path


class DataInTest(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")

    def import_all(self, files, *extra):
        for kind in KINDS:
            if kind == "checkins":  # check-ins need a secondment of their person
                for staff in ("A1001", "A1002", "A1003", "A1007", "A1009"):
                    self.ok("secondment", "add", staff, "--from", "QXGOV", "--to", "HXZ", "--post", "挂职", "--start",
                            "2026-01-01", "--end", "2026-12-31")
            self.ok("import", kind, files[kind], *extra)

    def baseline(self):
        """The tables after importing the UTF-8 examples, in a database of their own."""
        db, self.db = self.db, os.path.join(self.dir, "baseline.db")
        self.ok("db", "init")
        self.import_all({k: os.path.join(EXAMPLES, f"{k}.csv") for k in KINDS})
        dump = table_dump(self.db)
        self.db = db
        return dump

    def csv_variant(self, encoding, delimiter=","):
        files = {}
        for kind in KINDS:
            header, rows = example_rows(kind)
            buf = io.StringIO()
            csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows([header] + rows)
            path = os.path.join(self.dir, f"{kind}.{encoding}.csv")
            with open(path, "wb") as f:
                f.write(buf.getvalue().encode(encoding))
            files[kind] = path
        return files

    @sqlite_only("compares SQLite files of its own table by table (sqlite3)")
    def test_every_kind_from_gb18030_utf16_and_openpyxl_matches_utf8(self):
        expected = self.baseline()
        variants = {
            "gb18030": lambda: self.csv_variant("gb18030"),
            "utf-16": lambda: self.csv_variant("utf-16", "\t"),  # BOM and tabs: Excel's Unicode text
            "xlsx": lambda: {k: self.openpyxl_file(k) for k in KINDS},
        }
        for name, make in variants.items():
            with self.subTest(variant=name):
                self.db = os.path.join(self.dir, f"{name}.db")
                self.ok("db", "init")
                self.import_all(make())
                self.assertEqual(table_dump(self.db), expected)

    def openpyxl_file(self, kind):
        header, rows = example_rows(kind)
        path = os.path.join(self.dir, f"{kind}.xlsx")
        cells = [[typed(kind, c, v) for c, v in zip(header, r)] for r in rows]
        workbook(path, [(kind, [header] + cells)])
        return path

    def test_gbk_forced_and_detected(self):
        self.ok("unit", "add", "U1", "--name", "一")
        path = os.path.join(self.dir, "p.csv")
        with open(path, "wb") as f:
            f.write("工号,姓名,单位,性别,层级\nG1,张三,U1,男,领导干部\n".encode("gbk"))
        self.ok("import", "people", path, "--encoding", "gbk", "--dry-run")
        self.assertFailsUnchanged(3, "import", "people", path, "--encoding", "utf-8", message="p.csv:1: not UTF-8")
        self.assertFailsUnchanged(3, "import", "people", path, "--encoding", "latin1", message="--encoding")
        r = self.json("import", "people", path)
        self.assertEqual(r["written"], 1)
        p = self.json("person", "show", "G1")["person"]
        self.assertEqual((p["name"], p["gender"], p["tier"]), ("张三", "m", "leader"))

    def test_bad_text_files_name_the_line(self):
        self.ok("unit", "add", "U1", "--name", "一")
        gbk = os.path.join(self.dir, "gbk.csv")
        with open(gbk, "wb") as f:
            f.write("staff_no,name,unit\nG1,张三,U1\n".encode("gbk") + b"G2,\x80\x80,U1\n")
        self.assertFailsUnchanged(3, "import", "people", gbk, message="gbk.csv:3: not GB18030 text")
        # UTF-8 for 64 KiB, then a GBK line: the line is named and --encoding gb18030 suggested.
        late = os.path.join(self.dir, "late.csv")
        with open(late, "wb") as f:
            f.write(b"staff_no,name,unit\n" + b"".join(b"L%d,n,U1\n" % i for i in range(9000)))
            f.write("L9999,张,U1\n".encode("gbk"))
        r = self.assertFailsUnchanged(3, "import", "people", late, message="late.csv:9002: not UTF-8")
        self.assertIn("--encoding gb18030", r.err)
        self.assertEqual(self.json("import", "people", late, "--encoding", "gb18030", "--dry-run")["rows"], 9001)
        # A GB18030 character cut off by the end of the file.
        cut = os.path.join(self.dir, "cut.csv")
        with open(cut, "wb") as f:
            f.write("staff_no,name,unit\nC1,张".encode("gbk")[:-1])
        self.assertFailsUnchanged(3, "import", "people", cut, message="cut.csv:2:")

    @sqlite_only("makes a SQLite file of its own per case")
    def test_a_character_split_over_the_chunk_boundary(self):
        # The reader converts 64 KiB at a time: put each byte of 2- and 4-byte GB18030 characters
        # and of a UTF-16 surrogate pair on the boundary in turn.
        for encoding, text in (("gb18030", "张"), ("gb18030", "\U00020000"), ("utf-16-le", "\U00020000")):
            width = len(text.encode(encoding))
            for shift in range(width + 1):
                with self.subTest(encoding=encoding, shift=shift):
                    self.db = os.path.join(self.dir, f"b{encoding}{width}{shift}.db")
                    self.ok("db", "init")
                    bom = b"\xff\xfe" if encoding == "utf-16-le" else b""
                    # A Chinese name first: the first 64 KiB are not UTF-8, so the file is GB18030.
                    head = "code,name\nU99999,市委\n".encode(encoding)
                    unit = "U{:0>5},{}\n"
                    body, n = b"", 0
                    # ASCII rows up to just before the boundary, then the row with the character.
                    while len(bom + head + body) < 65536 - 200:
                        body += unit.format(n, "x").encode(encoding)
                        n += 1
                    prefix = len(bom + head + body) + len(f"U{n:0>5},".encode(encoding))
                    pad = 65536 - prefix - shift
                    unit_size = len("a".encode(encoding))
                    name = "a" * (pad // unit_size) + text
                    body += unit.format(n, name).encode(encoding) + unit.format(n + 1, "end").encode(encoding)
                    path = os.path.join(self.dir, "b.csv")
                    with open(path, "wb") as f:
                        f.write(bom + head + body)
                    self.ok("import", "units", path)
                    shown = self.json("unit", "list")["units"]
                    got = [u["name"] for u in shown if u["code"] == f"U{n:0>5}"]
                    self.assertEqual(got, [name])

    @sqlite_only("compares SQLite files of its own table by table (sqlite3)")
    def test_cadre_own_xlsx_export_imports_back(self):
        self.ok("unit", "add", "U1", "--name", "一")
        self.ok("person", "add", "A1", "--name", "张三", "--unit", "U1", "--tier", "leader", "--rank", "处级",
                "--title", "处长", "--gender", "m", "--birth", "1949-12-31", "--id-number", "11010519491231002X")
        self.ok("person", "add", "A2", "--name", "李四", "--unit", "U1", "--gender", "f")
        before = table_dump(self.db)
        for lang in ("zh", "en"):
            with self.subTest(lang=lang):
                path = os.path.join(self.dir, f"people-{lang}.xlsx")
                self.ok("--lang", lang, "--format", "xlsx", "-o", path, "person", "list", "--show-id")
                self.db = os.path.join(self.dir, f"back-{lang}.db")
                self.ok("db", "init")
                self.ok("unit", "add", "U1", "--name", "一")
                # The summary sheet comes first: the sheet with the people's columns is found.
                self.assertEqual(self.json("import", "people", path)["written"], 2)
                self.assertEqual(table_dump(self.db), before)

    def test_roster_with_title_rows_chinese_headers_and_sheet_names(self):
        self.ok("unit", "add", "U1", "--name", "一")
        path = os.path.join(self.dir, "people.xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "说明"
        ws.append(["本表为示例"])
        ws = wb.create_sheet("花名册")
        ws.append(["2026年干部花名册"])
        ws.merge_cells("A1:F1")  # a title above the header may be merged
        ws.append([])
        ws.append(["工号", "姓名", "单位", "性别", "出生日期", "层级"])
        ws.append([1001, "王五", "U1", "男", datetime.datetime(1980, 2, 3), "一般干部"])
        ws["A5"], ws["B5"], ws["C5"] = "1002", "赵六", "U1"  # gaps: D5, E5 empty
        ws.append(["1003", "孙七", "U1", "女", "1985-13-01", None])
        wb.save(path)
        self.assertFailsUnchanged(3, "import", "people", path, message="people.xlsx:花名册!6: birth:")
        self.assertFailsUnchanged(3, "import", "people", path, "--sheet", "无此表",
                                  message="no sheet 无此表 (the sheets: 说明, 花名册)")
        self.assertFailsUnchanged(2, "import", "people", path, "--encoding", "gbk", message="--encoding")
        wb["花名册"]["E6"] = datetime.datetime(1985, 12, 1)
        wb.save(path)
        self.assertEqual(self.json("import", "people", path, "--sheet", "花名册")["written"], 3)
        p = self.json("person", "show", "1001")["person"]
        self.assertEqual((p["name"], p["gender"], p["birth"]), ("王五", "m", "1980-02-03"))
        self.assertFailsUnchanged(2, "import", "people", os.path.join(EXAMPLES, "people.csv"), "--sheet", "x",
                                  message="--sheet")

    def test_dates_times_and_the_1904_system(self):
        self.ok("unit", "add", "U1", "--name", "一")
        path = os.path.join(self.dir, "mac.xlsx")
        workbook(path, [("p", [["staff_no", "name", "unit", "birth"], ["M1", "甲", "U1", datetime.date(1990, 6, 1)]])],
                 epoch=CALENDAR_MAC_1904)
        self.ok("import", "people", path)
        self.assertEqual(self.json("person", "show", "M1")["person"]["birth"], "1990-06-01")
        # A check-in time kept as a date-time serial reads as local time in the database's zone.
        self.ok("unit", "add", "U2", "--name", "二")
        self.ok("secondment", "add", "M1", "--from", "U1", "--to", "U2", "--post", "p", "--start", "2026-01-01",
                "--end", "2026-12-31")
        path = os.path.join(self.dir, "c.xlsx")
        workbook(path, [("c", [["staff_no", "at", "place"], ["M1", datetime.datetime(2026, 3, 2, 8, 30), "镇政府"]])])
        self.ok("import", "checkins", path)
        at = query(self.db, "SELECT at_utc, offset_minutes FROM checkins")
        utc = datetime.datetime(2026, 3, 2, 0, 30, tzinfo=datetime.timezone.utc).timestamp()
        self.assertEqual(at, [(int(utc), 480)])

    def test_inline_strings_booleans_rich_text_and_gaps(self):
        self.ok("unit", "add", "U1", "--name", "一")
        shared = ["<si><t>staff_no</t></si>", "<si><r><t>王</t></r><r><t>五</t></r><rPh><t>おう</t></rPh></si>"]
        sheet = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>name</t></is></c>'
                 '<c r="C1" t="str"><v>unit</v></c><c r="D1" t="inlineStr"><is><t>title</t></is></c></row>'
                 '<row r="3"><c r="A3"><v>7</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="str"><f>"U"&amp;1</f>'
                 '<v>U1</v></c><c r="D3" t="b"><v>1</v></c></row>')
        path = raw_xlsx(os.path.join(self.dir, "raw.xlsx"), sheet, shared)
        self.ok("import", "people", path)
        p = self.json("person", "show", "7")["person"]
        self.assertEqual((p["name"], p["unit"], p["title"]), ("王五", "U1", "TRUE"))

    def test_bad_workbooks_are_refused_with_nothing_written(self):
        self.ok("unit", "add", "U1", "--name", "一")
        head = '<row r="1"><c r="A1" t="inlineStr"><is><t>staff_no</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>unit</t></is></c></row>'
        good = '<row r="2"><c r="A2" t="inlineStr"><is><t>Z1</t></is></c><c r="B2" t="inlineStr"><is><t>x</t></is></c><c r="C2" t="inlineStr"><is><t>U1</t></is></c></row>'

        def bad(name, *args, code=3, message=None):
            self.assertFailsUnchanged(code, "import", "people", name, *args, message=message)

        text = self.write("notzip.xlsx", "staff_no,name,unit\nZ1,x,U1\n")
        bad(text, message="notzip.xlsx: not an Excel workbook (.xlsx)")
        xls = os.path.join(self.dir, "old.xlsx")
        with open(xls, "wb") as f:
            f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 600)
        bad(xls, message="Excel 97-2003")
        f = raw_xlsx(os.path.join(self.dir, "formula.xlsx"),
                     head + '<row r="2"><c r="A2"><f>1+1</f></c><c r="B2" t="inlineStr"><is><t>x</t></is></c>'
                     '<c r="C2" t="inlineStr"><is><t>U1</t></is></c></row>')
        bad(f, message="formula.xlsx:名单!2: cell A2 has a formula without a saved result")
        # openpyxl writes formulas without results too.
        wb = os.path.join(self.dir, "openpyxl-formula.xlsx")
        workbook(wb, [("s", [["staff_no", "name", "unit"], ["=\"Z\"&1", "x", "U1"]])])
        bad(wb, message="openpyxl-formula.xlsx:s!2: cell A2 has a formula")
        bad(raw_xlsx(os.path.join(self.dir, "err.xlsx"), head + good.replace(
            '<c r="B2" t="inlineStr"><is><t>x</t></is></c>', '<c r="B2" t="e"><v>#DIV/0!</v></c>')),
            message="err.xlsx:名单!2: cell B2 holds the error #DIV/0!")
        bad(raw_xlsx(os.path.join(self.dir, "merged.xlsx"), head + good, extra='<mergeCells count="1">'
                     '<mergeCell ref="B1:C1"/></mergeCells>'), message="merged.xlsx:名单!1: merged header cells B1:C1")
        # A merged heading over two columns leaves the second without a name: the merge is named.
        gap = ('<row r="1"><c r="A1" t="inlineStr"><is><t>staff_no</t></is></c><c r="B1" t="inlineStr"><is><t>name'
               '</t></is></c><c r="D1" t="inlineStr"><is><t>unit</t></is></c></row>')
        bad(raw_xlsx(os.path.join(self.dir, "merged2.xlsx"), gap + good, extra='<mergeCells count="1">'
                     '<mergeCell ref="B1:C1"/></mergeCells>'), message="merged2.xlsx:名单!1: merged header cells B1:C1")
        bad(raw_xlsx(os.path.join(self.dir, "ref.xlsx"), head + good.replace('r="A2"', 'r="2A"')),
            message="ref.xlsx:名单!2: cell reference 2A")
        bad(raw_xlsx(os.path.join(self.dir, "sst.xlsx"), head + '<row r="2"><c r="A2" t="s"><v>5</v></c></row>', []),
            message="cell A2 refers to shared string 5")
        dtd = raw_xlsx(os.path.join(self.dir, "dtd.xlsx"), head + good)
        with zipfile.ZipFile(os.path.join(self.dir, "dtd2.xlsx"), "w") as out, zipfile.ZipFile(dtd) as src:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == "xl/workbook.xml":
                    data = b'<!DOCTYPE lol [<!ENTITY a "aaaa">]>' + data
                out.writestr(item, data)
        bad(os.path.join(self.dir, "dtd2.xlsx"), message="document type declaration")
        bad(raw_xlsx(os.path.join(self.dir, "broken.xlsx"), head + "<row>"), message="not well-formed XML")
        wide = head + good.replace("</row>", '<c r="F2" t="inlineStr"><is><t>?</t></is></c></row>')
        bad(raw_xlsx(os.path.join(self.dir, "wide.xlsx"), wide), message="wide.xlsx:名单!2: 6 fields where the header has 3")
        # A zip bomb: the sheet says it unpacks to 3 GiB (refused before a byte is inflated).
        bomb = raw_xlsx(os.path.join(self.dir, "bomb.xlsx"), head + good)
        self.declare_size(bomb, "xl/worksheets/sheet1.xml", 3 << 30)
        bad(bomb, message="part xl/worksheets/sheet1.xml is larger than 2048 MiB unpacked")
        shared_bomb = raw_xlsx(os.path.join(self.dir, "sbomb.xlsx"), head + good, [])
        self.declare_size(shared_bomb, "xl/sharedStrings.xml", 300 << 20)
        bad(shared_bomb, message="part xl/sharedStrings.xml is larger than 256 MiB unpacked")
        self.assertEqual(self.json("import", "people", raw_xlsx(os.path.join(self.dir, "ok.xlsx"), head + good))
                         ["written"], 1)

    @staticmethod
    def declare_size(path, member, size):
        """Rewrites the uncompressed size the zip declares for `member` (local header and directory)."""
        with open(path, "rb") as f:
            data = bytearray(f.read())
        name = member.encode()
        at = 0
        while True:
            at = data.find(name, at)
            if at < 0:
                break
            if data[at - 30:at - 26] == b"PK\x03\x04":
                struct.pack_into("<I", data, at - 30 + 22, size)
            elif data[at - 46:at - 42] == b"PK\x01\x02":
                struct.pack_into("<I", data, at - 46 + 24, size)
            at += len(name)
        with open(path, "wb") as f:
            f.write(data)
