// Internal: the one UTF-8 scanner (on utf8proc). It refuses what strict readers refuse: overlong
// forms, surrogates and code points past U+10FFFF. The text checks and the JSON writer use it (the
// file readers' valid_utf8 should too), so they agree on what UTF-8 is.
#pragma once
#include <cstddef>
#include <string_view>

namespace cadre::detail {

// The sequence at s[i] when s[i] is not ASCII: its length, or 0 when the bytes there are not UTF-8.
std::size_t utf8_multibyte(std::string_view s, std::size_t i, char32_t& cp);

// The character at s[i] (i < s.size()): the length of its sequence, 0 when the bytes there are not
// UTF-8, and its code point in `cp`. ASCII, most of the text, costs one comparison.
inline std::size_t utf8_at(std::string_view s, std::size_t i, char32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  return utf8_multibyte(s, i, cp);
}
inline std::size_t utf8_at(std::string_view s, std::size_t i) {
  char32_t cp;
  return utf8_at(s, i, cp);
}

}  // namespace cadre::detail
