// Turning a report model into text (or bytes, for xlsx).
#pragma once
#include <string>
#include <string_view>

#include "cadre/export.hpp"
#include "cadre/model.hpp"

namespace cadre {

struct RenderOptions {
  std::string format = "table";  // table | json | csv | md | html | xlsx
  std::string lang = "en";       // en | zh
  int width = 0;                 // table: terminal width to fit (0 = unlimited)
};

// Throws Error(invalid) for an unknown format or language. xlsx returns the file's bytes.
CADRE_API std::string render(const Report& report, const RenderOptions& options);

// Display width of UTF-8 text in a terminal: East Asian wide characters count two columns.
CADRE_API int display_width(std::string_view utf8);

}  // namespace cadre
