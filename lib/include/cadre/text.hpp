// Text as cadre accepts it: valid UTF-8 without control characters. The library checks every text
// field with it; host programs and the CLI may check their own input the same way before calling.
#pragma once
#include <string_view>

#include "cadre/export.hpp"

namespace cadre {

// A line (names, titles, codes) may hold no control character at all; a paragraph (notes, reasons,
// reports, comments) may also hold TAB and LF.
enum class TextLayout { line, paragraph };

// Throws Error(invalid) naming `field` when `text` is not valid UTF-8, or holds a control character
// (C0 other than the layout allows, DEL, C1) or a bidirectional override or isolate (U+202A-U+202E,
// U+2066-U+2069: they reorder how a terminal or spreadsheet shows the text around them).
CADRE_API void check_text(std::string_view text, std::string_view field, TextLayout layout = TextLayout::line);

}  // namespace cadre
