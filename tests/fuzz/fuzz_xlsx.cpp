// Fuzz target: the xlsx reader (io/xlsx_reader.hpp). An input starting "PK" is a whole workbook;
// any other is split at \x01 into the sheet's rows, the shared strings and the workbookPr/merges,
// and packed into a valid zip (tests/fuzz/xlsx_zip.hpp), so mutations reach the XML handling
// instead of stopping at the zip's checksums. With clang and libFuzzer (see fuzz_csv.cpp):
//   build-fuzz/tests/fuzz/fuzz_xlsx tests/fuzz/corpus/xlsx
#include <cstdint>
#include <string>

#include "cadre/error.hpp"
#include "io/xlsx_reader.hpp"
#include "xlsx_zip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cadre::detail;
  std::string in(reinterpret_cast<const char*>(data), size);
  std::string book = in;
  if (in.rfind("PK", 0) != 0) {
    std::string parts[3];
    std::size_t at = 0;
    for (int i = 0; i < 3; ++i) {
      std::size_t end = i < 2 ? in.find('\x01', at) : std::string::npos;
      parts[i] = in.substr(at, end == std::string::npos ? std::string::npos : end - at);
      if (end == std::string::npos) break;
      at = end + 1;
    }
    book = cadre::test_xlsx::workbook(parts[0], parts[1], parts[2].rfind("<workbookPr", 0) == 0 ? parts[2] : "",
                                      parts[2].rfind("<merge", 0) == 0 ? parts[2] : "");
  }
  SheetSpec spec{{"a"}, {"a", "b", "c", "d"}, "", {{"b", Serial::date}, {"c", Serial::instant}, {"d", Serial::clock}}};
  try {
    XlsxRows rows(book, "fuzz.xlsx", std::nullopt, spec);
    rows.expect_columns(spec.required, spec.known);
    CsvRow row;
    while (rows.next(row)) {
      if (row.fields.size() != rows.header().size() || row.line < 1 || row.line > 1048576) __builtin_trap();
      std::size_t bytes = 0;
      for (const auto& f : row.fields) bytes += f.size();
      if (bytes > max_line_bytes) __builtin_trap();
    }
  } catch (const cadre::Error&) {
  }
  return 0;
}
