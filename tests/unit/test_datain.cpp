// Issue 15, step 1: encodings (io/encoding.hpp), the xlsx reader (io/xlsx_reader.hpp) and the
// column and value aliases every RowSource shares.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "../fuzz/xlsx_zip.hpp"
#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "cadre/import.hpp"
#include "io/csv.hpp"
#include "io/encoding.hpp"
#include "io/importers.hpp"
#include "io/xlsx_reader.hpp"
#include "test_support.hpp"

using namespace cadre;
using detail::Encoding;
using detail::Serial;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::vector<std::vector<std::string>> sheet_rows(const std::string& book, const detail::SheetSpec& spec,
                                                 std::vector<std::string>* header = nullptr) {
  detail::XlsxRows rows(book, "t.xlsx", std::nullopt, spec);
  rows.expect_columns(spec.required, spec.known, spec.kind);
  if (header) *header = rows.header();
  std::vector<std::vector<std::string>> out;
  detail::CsvRow row;
  while (rows.next(row)) {
    row.fields.insert(row.fields.begin(), std::to_string(row.line));
    out.push_back(row.fields);
  }
  return out;
}

std::string inline_cell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

}  // namespace

TEST_CASE("encoding: --encoding's words, and the detection rule") {
  CHECK(detail::parse_encoding("UTF-8") == Encoding::utf8);
  CHECK(detail::parse_encoding("gb18030") == Encoding::gb18030);
  CHECK(detail::parse_encoding("gbk") == Encoding::gbk);
  CHECK(detail::parse_encoding("utf-16") == Encoding::utf16le);
  CHECK(error_of([] {
          detail::parse_encoding("latin1");
        }).find("unknown value latin1 (expected utf-8, gb18030, gbk, utf-16)") != std::string::npos);
  std::size_t bom = 0;
  CHECK(detail::detect_encoding("\xEF\xBB\xBF"
                                "a",
                                Encoding::gbk, true, bom) == Encoding::utf8);  // a BOM decides
  CHECK(bom == 3);
  CHECK(detail::detect_encoding("\xFF\xFE"
                                "a\0",
                                Encoding::detect, true, bom) == Encoding::utf16le);
  CHECK(detail::detect_encoding("\xFE\xFF\0a", Encoding::detect, true, bom) == Encoding::utf16be);
  CHECK(detail::detect_encoding("a,b", Encoding::gb18030, true, bom) == Encoding::gb18030);  // then --encoding
  CHECK(detail::detect_encoding("名", Encoding::detect, true, bom) == Encoding::utf8);
  CHECK(detail::detect_encoding("\xD5\xC5", Encoding::detect, true, bom) == Encoding::gb18030);  // 张 in GBK
  // A UTF-8 character cut by the end of the first 64 KiB is still UTF-8; at the file's end it is not.
  CHECK(detail::detect_encoding("ab\xE5\x90", Encoding::detect, false, bom) == Encoding::utf8);
  CHECK(detail::detect_encoding("ab\xE5\x90", Encoding::detect, true, bom) == Encoding::gb18030);
}

TEST_CASE("encoding: a character split anywhere over chunks converts as a whole") {
  std::string gbk =
      "\xD5\xC5\xC8\xFD"
      "a\x95\x32\x82\x36";  // 张三 a 𠀀 (a 4-byte GB18030 character)
  std::string whole;
  detail::Transcoder one(Encoding::gb18030);
  REQUIRE(one.feed(gbk, whole));
  CHECK(whole == "张三a\U00020000");
  for (std::size_t step = 1; step < 5; ++step) {
    CAPTURE(step);
    detail::Transcoder t(Encoding::gb18030);
    std::string out;
    for (std::size_t at = 0; at < gbk.size(); at += step) REQUIRE(t.feed(gbk.substr(at, step), out));
    CHECK(t.complete());
    CHECK(out == whole);
  }
  detail::Transcoder bad(Encoding::gb18030);
  std::string out;
  CHECK_FALSE(
      bad.feed("\xD5\xC5\x80"
               "a",
               out));
  CHECK(out == "张");
  detail::Transcoder cut(Encoding::utf16le);
  out.clear();
  CHECK(cut.feed(std::string("a\0\x40", 3), out));
  CHECK_FALSE(cut.complete());
}

TEST_CASE("text input: GB18030 and UTF-16 lines, an invalid byte named by its line") {
  detail::TextInput gbk("a,b\n\xD5\xC5,1\r\n", "g.csv", Encoding::detect);
  std::string line;
  REQUIRE(gbk.next(line));
  REQUIRE(gbk.next(line));
  CHECK(line == "张,1\r\n");
  CHECK(gbk.encoding() == Encoding::gb18030);
  std::string u16(
      "\xFF\xFE"
      "a\0\t\0b\0\n\0",
      10);
  detail::CsvReader tabs(u16, "u.txt", Encoding::detect);
  CHECK(tabs.header() == std::vector<std::string>{"a", "b"});
  CHECK(error_of([] {
          detail::CsvReader r("a,b\n\xD5\xC5,1\n2,\x80\n", "g.csv", Encoding::detect);
        }).find("g.csv:3: not GB18030 text") == 0);
}

TEST_CASE("aliases: list labels and DESIGN.md's Chinese headers name the columns; enum words read as values") {
  const auto& people = detail::import_kind("people");
  auto col = [&](const std::string& h) { return detail::RowSource::column_for(h, people.known, "people"); };
  CHECK(col("工号") == "staff_no");
  CHECK(col("姓名") == "name");
  CHECK(col("层级") == "tier");
  CHECK(col("干部类别") == "tier");
  CHECK(col("出生日期") == "birth");
  CHECK(col("身份证号") == "id_number");
  CHECK(col("Staff no") == "staff_no");
  CHECK(col("备注") == "");
  CHECK(detail::RowSource::column_for("单位名称", detail::import_kind("units").known, "units") == "name");
  CHECK(detail::RowSource::column_for("课程名称", detail::import_kind("courses").known, "courses") == "title");
  // No label of any kind names two of its columns.
  for (const auto& k : detail::import_kinds())
    for (const auto& c : k.known)
      for (const char* lang : {"zh", "en"}) {
        CAPTURE(k.name);
        CAPTURE(c);
        CAPTURE(lang);
        CHECK(detail::RowSource::column_for(label(c, lang), k.known, k.name) == c);
      }
  detail::CsvReader r("工号,性别,层级\nA1,男,领导干部\n", "p.csv");
  r.expect_columns({"staff_no"}, people.known, "people");
  detail::CsvRow row;
  REQUIRE(r.next(row));
  detail::CsvRecord rec(r, row);
  CHECK(rec.get("gender") == "m");
  CHECK(rec.get("tier") == "leader");
  CHECK(error_of([] {
          detail::CsvReader two("name,姓名\n", "t.csv");
          two.expect_columns({}, detail::import_kind("people").known, "people");
        }) == "t.csv:1: columns name and 姓名 are both name");
}

TEST_CASE("xlsx: serials as dates, clocks and instants, in both date systems") {
  CHECK(detail::serial_text("46083", Serial::date, false) == "2026-03-02");
  CHECK(detail::serial_text("46083.75", Serial::date, false) == "2026-03-02");
  CHECK(detail::serial_text("46083.354166666664", Serial::instant, false) == "2026-03-02T08:30:00");
  CHECK(detail::serial_text("0.354166666666667", Serial::clock, false) == "08:30");
  CHECK(detail::serial_text("1", Serial::date, false) == "1900-01-01");
  CHECK(detail::serial_text("61", Serial::date, false) == "1900-03-01");  // after Excel's 1900-02-29
  CHECK(detail::serial_text("44621", Serial::date, true) == "2026-03-02");
  CHECK(detail::serial_text("20260302", Serial::date, false) == std::nullopt);  // no serial: the text stays
  CHECK(detail::serial_text("-1", Serial::date, false) == std::nullopt);
  CHECK(detail::serial_text("x", Serial::date, false) == std::nullopt);
}

TEST_CASE("xlsx: strings, numbers, gaps, title rows and the kind's date columns") {
  detail::SheetSpec spec{{"staff_no"}, {"staff_no", "name", "birth"}, "people", {{"birth", Serial::date}}};
  std::string rows = "<row r=\"1\">" + inline_cell("B1", "花名册") + "</row>" +  // a title row
                     "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>" + inline_cell("B2", "姓名") +
                     "<c r=\"C2\" t=\"s\"><v>1</v></c></row>"
                     "<row r=\"4\"><c r=\"A4\"><v>1001</v></c><c r=\"C4\"><v>29361</v></c></row>"
                     "<row r=\"5\"><c r=\"C5\" t=\"s\"><v>2</v></c><c r=\"A5\"><v>1.1000000000000001</v></c></row>"
                     "<row r=\"6\"><c r=\"B6\" s=\"1\"/></row>";  // styled but empty: blank
  std::string shared = "<si><t>工号</t></si><si><t>出生日期</t></si><si><r><t>1990-</t></r><r><t>01-02</t></r></si>";
  std::vector<std::string> header;
  auto got = sheet_rows(cadre::test_xlsx::workbook(rows, shared), spec, &header);
  CHECK(header == std::vector<std::string>{"staff_no", "name", "birth"});
  REQUIRE(got.size() == 2);
  CHECK(got[0] == std::vector<std::string>{"4", "1001", "", "1980-05-20"});
  CHECK(got[1] == std::vector<std::string>{"5", "1.1", "", "1990-01-02"});
}

TEST_CASE("xlsx: bad workbooks are clear errors naming the sheet, row and cell") {
  detail::SheetSpec spec{{"a"}, {"a", "b"}, "", {}};
  std::string head = "<row r=\"1\">" + inline_cell("A1", "a") + inline_cell("B1", "b") + "</row>";
  auto err = [&](const std::string& book) { return error_of([&] { sheet_rows(book, spec); }); };
  using cadre::test_xlsx::workbook;
  CHECK(err("not a zip").find("t.xlsx: not an Excel workbook (.xlsx)") == 0);
  CHECK(err(workbook(head + "<row r=\"2\"><c r=\"A2\"><f>1+1</f></c></row>")) ==
        "t.xlsx:S!2: cell A2 has a formula without a saved result (open the workbook in Excel or WPS and save it "
        "again)");
  CHECK(err(workbook(head + "<row r=\"2\"><c r=\"A2\"><f>1+1</f><v>2</v></c></row>")) == "");
  CHECK(err(workbook(head + "<row r=\"2\"><c r=\"B2\" t=\"e\"><v>#REF!</v></c></row>")) ==
        "t.xlsx:S!2: cell B2 holds the error #REF!");
  CHECK(err(workbook(head, "", "", "<mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>")) ==
        "t.xlsx:S!1: merged header cells A1:B1 (unmerge them: each column needs its own heading)");
  CHECK(err(workbook(head + "<row r=\"2\"><c r=\"C2\"><v>1</v></c></row>")) ==
        "t.xlsx:S!2: 3 fields where the header has 2");
  CHECK(err(workbook(head + "<row r=\"2\"><c r=\"A0\"><v>1</v></c></row>")).find("cell reference A0") !=
        std::string::npos);
  CHECK(err(workbook(head + "<row r=\"2\">")).find("is not well-formed XML") != std::string::npos);
  CHECK(err(workbook("")) == "t.xlsx:S: empty sheet (a header row is required)");
  CHECK(error_of([&] { detail::XlsxRows(workbook(head), "t.xlsx", std::string("T"), spec); }) ==
        "t.xlsx: no sheet T (the sheets: S)");
}
