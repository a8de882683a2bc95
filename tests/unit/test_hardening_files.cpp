// Issue 9, files: the streaming readers behind every import (TextInput, CsvReader) and RowErrors.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "cadre/error.hpp"
#include "io/csv.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {

std::vector<detail::CsvRow> rows(const std::string& text) {
  detail::CsvReader r(text, "t.csv");
  std::vector<detail::CsvRow> out;
  detail::CsvRow row;
  while (r.next(row)) out.push_back(row);
  return out;
}

std::string error_of(const std::string& text) {
  try {
    rows(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("CSV records keep their first line through CRLF, lone CR, quoted breaks and blank lines") {
  auto r = rows(
      "\xEF\xBB\xBF"
      "a,b\r\n1,\"x\r\ny\"\r\n\r\n  \r\n2,z\r3,w\n4,\"\"\"q\"\"\"");
  REQUIRE(r.size() == 4);
  CHECK(r[0].line == 2);
  CHECK(r[0].fields[1] == "x\r\ny");
  CHECK(r[1].line == 6);
  CHECK(r[2].line == 7);
  CHECK(r[3].line == 8);
  CHECK(r[3].fields[1] == "\"q\"");
}

TEST_CASE("a CRLF split across two reads is one line end") {
  test::TempDir dir;
  std::string path = dir.file("split.csv");
  {
    std::ofstream f(path, std::ios::binary);
    std::string first = "code,name\r\nU1,";
    // The \r is the last byte of the first 64 KiB chunk, its \n the first of the next.
    f << first << std::string(65536 - first.size() - 1, 'n') << "\r\nU2,Two\r\n";
  }
  detail::CsvReader r(path);
  detail::CsvRow row;
  REQUIRE(r.next(row));
  CHECK(row.line == 2);
  CHECK(row.fields[1].size() == 65536 - 14 - 1);
  REQUIRE(r.next(row));
  CHECK(row.line == 3);
  CHECK(row.fields[0] == "U2");
  CHECK_FALSE(r.next(row));
}

TEST_CASE("the readers refuse what is not a clean text file, naming the line") {
  CHECK(error_of("a,b\n1,2\n3,\xC0\x80\n").find("t.csv:3: not UTF-8") != std::string::npos);  // overlong
  CHECK(error_of("a,b\n1,\xED\xA0\x80\n").find("t.csv:2: not UTF-8") != std::string::npos);   // surrogate
  CHECK(error_of(std::string("a,b\n1,x\0y\n", 10)).find("t.csv:2: holds a NUL byte") != std::string::npos);
  CHECK(error_of("a,b\n1," + std::string(detail::max_line_bytes, 'x') + "\n").find("t.csv:2: line longer") !=
        std::string::npos);
  CHECK(error_of("").find("empty file") != std::string::npos);
  CHECK(error_of("\n \n").find("empty file") != std::string::npos);
  CHECK(rows("a,b\n1,2\n  ").size() == 1);  // a blank last line without its line end
  CHECK(error_of("a,b,a\n").find("column a appears twice (columns 1 and 3)") != std::string::npos);
  CHECK(error_of("a,b,\n").find("column 3 has no name (a trailing comma?)") != std::string::npos);
  CHECK(error_of("a,b\n1,2,3\n").find("t.csv:2: 3 fields where the header has 2") != std::string::npos);
  CHECK(error_of("a,b\n1,\"2\n").find("t.csv:2: malformed CSV") != std::string::npos);
}

TEST_CASE("row errors name the file's columns, keep 50 messages and count the rest") {
  detail::RowErrors errors("f.csv");
  errors.columns({"staff_no", "at", "lat", "lon", "pass_mark"});
  for (long line = 2; line < 62; ++line) errors.add(line, "--lat and --lon go together");
  errors.add(62, "STAFF_NO: required");
  errors.add(63, "--pass-mark: not a number: --at");
  errors.add(64, "--latitude and --on stay");
  try {
    errors.throw_if_any();
    FAIL("no error");
  } catch (const Error& e) {
    std::string m = e.what();
    CHECK(m.find("f.csv:2: lat and lon go together") != std::string::npos);
    CHECK(m.find("f.csv:62") == std::string::npos);  // beyond the 50 shown
    CHECK(m.find("... and 13 more") != std::string::npos);
    CHECK(m.find("(63 bad rows)") != std::string::npos);
  }
  detail::RowErrors few("f.csv");
  few.columns({"staff_no", "at", "lat", "pass_mark"});
  few.add(2, "STAFF_NO: required");
  few.add(3, "--pass-mark: not a number: x");
  few.add(4, "--latitude and --on stay");
  try {
    few.throw_if_any();
  } catch (const Error& e) {
    std::string m = e.what();
    CHECK(m.find("f.csv:2: staff_no: required") != std::string::npos);
    CHECK(m.find("f.csv:3: pass_mark: not a number") != std::string::npos);
    CHECK(m.find("f.csv:4: --latitude and --on stay") != std::string::npos);
  }
}
