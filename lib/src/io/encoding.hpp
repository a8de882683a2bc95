// Internal: the character encodings import files come in, and their conversion to UTF-8. Chinese
// Excel saves CSV in GBK (GB18030 is its superset), Excel's "Unicode text" is UTF-16 with a BOM; the
// readers (io/csv.hpp) convert a chunk at a time with glibc's iconv, so memory stays bounded.
#pragma once
#include <iconv.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace cadre::detail {

enum class Encoding { detect, utf8, gb18030, gbk, utf16le, utf16be };

// `--encoding`'s words: utf-8, gb18030, gbk, utf-16 (little-endian unless a BOM says otherwise).
// Error(invalid) naming --encoding otherwise.
Encoding parse_encoding(std::string_view word);
// The name a message shows ("GB18030", "UTF-16").
std::string_view encoding_name(Encoding e);

// True when `s` is UTF-8; with `cut_end`, a character cut off at the very end (the rest of it in
// the next chunk) does not count against it.
bool valid_utf8(std::string_view s, bool cut_end = false);

// The rule every text import follows: a BOM decides (UTF-8, UTF-16 LE or BE); otherwise `forced`
// (--encoding); otherwise UTF-8 when `head` (the first 64 KiB, or the whole file when shorter) is
// valid UTF-8, else GB18030. `bom` is set to the length of the BOM found.
Encoding detect_encoding(std::string_view head, Encoding forced, bool whole_file, std::size_t& bom);

// Converts a byte stream in one encoding (not UTF-8) to UTF-8, a chunk at a time: the bytes of a
// character cut at the end of a chunk wait for the next one.
class Transcoder {
 public:
  explicit Transcoder(Encoding from);
  ~Transcoder();
  Transcoder(const Transcoder&) = delete;
  Transcoder& operator=(const Transcoder&) = delete;

  // Appends the UTF-8 text of `in` to `out`. False at a byte sequence that is no character of the
  // encoding: `out` then ends with the text before it.
  bool feed(std::string_view in, std::string& out);
  // True when no cut-off character waits (to be asked at the end of the input).
  bool complete() const { return pending_.empty(); }

 private:
  iconv_t cd_;
  std::string pending_;
};

}  // namespace cadre::detail
