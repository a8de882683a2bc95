// Internal: user-facing messages (translated through the catalogue) and small text helpers.
#pragma once
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "cadre/parse.hpp"

namespace cadre::detail {

// Formats an English message template after translating it into the thread's language.
template <typename... Args>
std::string msg(std::string_view english, Args&&... args) {
  return fmt::format(fmt::runtime(translate(english, language())), std::forward<Args>(args)...);
}

// A field named in a message: a token that each surface renders its own way (cadre/parse.hpp's
// name_fields). The marks are control characters, which user text never holds (check_text).
inline constexpr char kFieldOpen = '\x1e', kFieldClose = '\x1f';
inline std::string field(std::string_view id) { return kFieldOpen + std::string(id) + kFieldClose; }

// The bidi embeddings, overrides and isolates, which reorder the text around them ("Trojan Source").
inline bool is_bidi_control(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }
// Characters that act instead of showing: C0 other than TAB and LF (which lay text out), DEL, C1 and
// the bidi controls. Input refuses them (check_text); output shows them escaped (printable).
inline bool acts_instead_of_showing(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || is_bidi_control(cp);
}

// `field` is a token of field() (the error keeps its id) or, in areas not yet ported, the text.
template <typename... Args>
[[noreturn]] void fail(Errc code, std::string_view field, std::string_view english, Args&&... args) {
  throw Error(code, msg(english, std::forward<Args>(args)...), std::string(field_id(field)));
}

// An enum word inside a message, in the thread's language: the catalogue's "field.word" entry, else
// "word"'s, else the word itself (so English stays as it was).
inline std::string word(std::string_view field, std::string_view value) {
  std::string id = std::string(field) + "." + std::string(value);
  std::string_view t = translate(id, language());
  if (t != id) return std::string(t);
  return std::string(translate(value, language()));
}

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace cadre::detail
