// Turning a report model into text (or bytes, for xlsx).
#pragma once
#include <functional>
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
// The same bytes handed to `write` a buffer at a time as they are made (a report of thousands of
// rows is never held whole as text); the Error, if any, may come after some bytes were written.
CADRE_API void render_to(const Report& report, const RenderOptions& options,
                         const std::function<void(std::string_view)>& write);

// Display width of UTF-8 text in a terminal: East Asian wide characters count two columns.
CADRE_API int display_width(std::string_view utf8);

// Text safe to print where people read it (a terminal, a spreadsheet, a message): bytes that are
// not UTF-8 become U+FFFD; control characters (C0 except TAB and LF, DEL, C1) and the bidirectional
// embedding, override and isolate characters become a visible escape ("\x1b", "\u202e"), so stored
// text can neither drive the terminal nor reorder what is shown around it.
CADRE_API std::string printable(std::string_view text);

}  // namespace cadre
