#include "io/encoding.hpp"

#include <cerrno>

#include "util/text.hpp"
#include "util/utf8.hpp"

namespace cadre::detail {

namespace {

const char* iconv_name(Encoding e) {
  switch (e) {
    case Encoding::gb18030:
      return "GB18030";
    case Encoding::gbk:
      return "GBK";
    case Encoding::utf16le:
      return "UTF-16LE";
    case Encoding::utf16be:
      return "UTF-16BE";
    default:
      return "UTF-8";
  }
}

}  // namespace

Encoding parse_encoding(std::string_view word) {
  std::string w = trim(word);
  for (auto& c : w)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  if (w == "utf-8" || w == "utf8") return Encoding::utf8;
  if (w == "gb18030") return Encoding::gb18030;
  if (w == "gbk" || w == "gb2312") return Encoding::gbk;
  if (w == "utf-16" || w == "utf16") return Encoding::utf16le;
  fail(Errc::invalid, field("encoding"), "{}: unknown value {} (expected {})", field("encoding"), word,
       "utf-8, gb18030, gbk, utf-16");
}

std::string_view encoding_name(Encoding e) {
  return e == Encoding::utf16le || e == Encoding::utf16be ? "UTF-16" : iconv_name(e);
}

bool valid_utf8(std::string_view s, bool cut_end) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (std::size_t n = utf8_at(s, i)) {
      i += n;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    // A lead byte whose continuation bytes are all there so far, but not all of them.
    std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (!cut_end || s.size() - i >= need) return false;
    for (std::size_t k = i + 1; k < s.size(); ++k)
      if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return false;
    return c >= 0xC2 && c <= 0xF4;
  }
  return true;
}

Encoding detect_encoding(std::string_view head, Encoding forced, bool whole_file, std::size_t& bom) {
  bom = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {
    bom = 3;
    return Encoding::utf8;
  }
  if (head.substr(0, 2) == "\xFF\xFE") {
    bom = 2;
    return Encoding::utf16le;
  }
  if (head.substr(0, 2) == "\xFE\xFF") {
    bom = 2;
    return Encoding::utf16be;
  }
  if (forced != Encoding::detect) return forced;
  return valid_utf8(head, !whole_file) ? Encoding::utf8 : Encoding::gb18030;
}

Transcoder::Transcoder(Encoding from) : cd_(iconv_open("UTF-8", iconv_name(from))) {
  if (cd_ == reinterpret_cast<iconv_t>(-1))
    fail(Errc::storage, field("encoding"), "cannot convert from {} (the system's iconv lacks it)", iconv_name(from));
}

Transcoder::~Transcoder() { iconv_close(cd_); }

bool Transcoder::feed(std::string_view in, std::string& out) {
  std::string input;
  if (!pending_.empty()) {
    input = std::move(pending_);
    input.append(in);
    pending_.clear();
    in = input;
  }
  auto* src = const_cast<char*>(in.data());
  std::size_t left = in.size();
  while (left > 0) {
    std::size_t at = out.size();
    out.resize(at + left * 2 + 16);  // GBK to UTF-8 grows 2 bytes to 3, UTF-16 2 bytes to at most 3
    char* dst = out.data() + at;
    std::size_t room = out.size() - at;
    std::size_t r = iconv(cd_, &src, &left, &dst, &room);
    out.resize(std::size_t(dst - out.data()));
    if (r != std::size_t(-1)) break;
    if (errno == E2BIG) continue;
    if (errno == EINVAL) {  // a character cut at the end: its bytes wait for the next chunk
      pending_.assign(src, left);
      break;
    }
    return false;  // EILSEQ
  }
  return true;
}

}  // namespace cadre::detail
