#include "util/utf8.hpp"

#include <utf8proc.h>

namespace cadre::detail {

std::size_t utf8_multibyte(std::string_view s, std::size_t i, char32_t& cp) {
  utf8proc_int32_t c = 0;
  auto n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), utf8proc_ssize_t(s.size() - i), &c);
  if (n <= 0) return 0;
  cp = char32_t(c);
  return std::size_t(n);
}

}  // namespace cadre::detail
