// Builds .xlsx packages in memory (libzip) for the xlsx fuzzer, the unit tests and the benchmark:
// a workbook of one sheet "S" from its sheet XML, shared strings and workbookPr.
#pragma once
#include <zip.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace cadre::test_xlsx {

// The zip of `parts` (name, bytes), stored deflated as Excel does.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  std::string out;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    out.resize(std::size_t(zip_source_tell(src)));
    zip_source_seek(src, 0, SEEK_SET);
    zip_source_read(src, out.data(), out.size());
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

inline constexpr const char* main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline constexpr const char* rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A workbook of one sheet "S": `rows` is the inside of <sheetData>, `shared` that of <sst>.
inline std::string workbook(const std::string& rows, const std::string& shared = "", const std::string& pr = "",
                            const std::string& after = "") {
  std::string rel = rel_ns;
  std::string pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
  return make_zip({
      {"_rels/.rels", "<Relationships xmlns=\"" + pkg + "\"><Relationship Id=\"rId1\" Type=\"" + rel +
                          "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<workbook xmlns=\"" + std::string(main_ns) + "\" xmlns:r=\"" + rel + "\">" + pr +
                              "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"" + pkg + "\"><Relationship Id=\"rId1\" Type=\"" + rel +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + rel +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
      {"xl/sharedStrings.xml", "<sst xmlns=\"" + std::string(main_ns) + "\">" + shared + "</sst>"},
      {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + std::string(main_ns) + "\"><sheetData>" + rows +
                                       "</sheetData>" + after + "</worksheet>"},
  });
}

}  // namespace cadre::test_xlsx
