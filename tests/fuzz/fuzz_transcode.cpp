// Fuzz target: text in GB18030/GBK/UTF-16 (io/encoding.hpp) and the line reader over it. The first
// byte picks the encoding; the rest is the text. Converting it in chunks split anywhere must give
// what converting it whole gives (a character cut at a chunk's end waits for the next), and every
// line TextInput hands on is UTF-8 without NUL.
#include <cstdint>
#include <string>

#include "cadre/error.hpp"
#include "io/csv.hpp"
#include "io/encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cadre::detail;
  if (size == 0) return 0;
  static const Encoding encodings[] = {Encoding::detect, Encoding::utf8,    Encoding::gb18030,
                                       Encoding::gbk,    Encoding::utf16le, Encoding::utf16be};
  Encoding e = encodings[data[0] % 6];
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (e != Encoding::detect && e != Encoding::utf8) {
    std::string whole, pieces;
    Transcoder one(e), many(e);
    bool ok_whole = one.feed(text, whole) && one.complete();
    bool ok = true;
    std::size_t step = 1 + data[0] / 6 % 7;
    for (std::size_t at = 0; ok && at < text.size(); at += step) ok = many.feed(text.substr(at, step), pieces);
    ok = ok && many.complete();
    if (ok != ok_whole || (ok && pieces != whole)) __builtin_trap();
  }
  try {
    TextInput in(text, "fuzz.txt", e);
    std::string line;
    while (in.next(line))
      if (line.find('\0') != std::string::npos || !valid_utf8(line)) __builtin_trap();
  } catch (const cadre::Error&) {
  }
  return 0;
}
