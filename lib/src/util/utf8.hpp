// Internal: the one UTF-8 scanner (on utf8proc). It refuses what strict readers refuse: overlong
// forms, surrogates and code points past U+10FFFF. The text checks (check_text), the JSON writer
// and the file readers (io/encoding.cpp valid_utf8) use it, so they agree on what UTF-8 is.
// Inline: the file readers call it for every byte of an import.
#pragma once
#include <utf8proc.h>

#include <cstddef>
#include <string_view>

namespace cadre::detail {

// The character at s[i] (i < s.size()): the length of its sequence, 0 when the bytes there are not
// UTF-8, and its code point in `cp`. ASCII, most of the text, costs one comparison.
inline std::size_t utf8_at(std::string_view s, std::size_t i, char32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  utf8proc_int32_t code = 0;
  auto n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), utf8proc_ssize_t(s.size() - i), &code);
  if (n <= 0) return 0;
  cp = char32_t(code);
  return std::size_t(n);
}
inline std::size_t utf8_at(std::string_view s, std::size_t i) {
  char32_t cp;
  return utf8_at(s, i, cp);
}

}  // namespace cadre::detail
