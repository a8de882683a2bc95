// Internal: user-facing messages (translated through the catalogue) and small text helpers.
//
// Two kinds of message: msg() makes text where it is shown (a title, a CLI line, a row of a
// report), in the thread's language; fail() and message() make a cadre::Message (the template as
// its id, the arguments formatted), which each surface renders in its own language.
#pragma once
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "cadre/parse.hpp"
#include "i18n/message.hpp"

namespace cadre::detail {

// An enum word inside a message ("status", "completed"): translated where the text is made, so
// fail() keeps it a word and msg() formats it in the thread's language.
struct Word {
  std::string field, value;
  // The word in the thread's language, as the renderers look words up.
  operator std::string() const { return word_text(field, value, language()); }
  friend bool operator==(const Word& w, std::string_view text) { return std::string(w) == text; }
};
inline Word word(std::string_view field, std::string_view value) { return {std::string(field), std::string(value)}; }

inline Message::Arg message_arg(const std::string&, const Word& w) {
  return {Message::Arg::Kind::word, w.value, w.field, nullptr};
}
inline Message::Arg message_arg(const std::string&, const Message& m) {
  return {Message::Arg::Kind::message, {}, {}, std::make_shared<const Message>(m)};
}
template <typename T>
Message::Arg message_arg(const std::string& spec, const T& value) {
  return {Message::Arg::Kind::text, fmt::format(fmt::runtime(spec), value), {}, nullptr};
}

// The message of an English template (its id) with its arguments, each formatted by the
// template's own replacement field.
template <typename... Args>
Message message(std::string_view english, const Args&... args) {
  std::vector<std::string> specs = argument_specs(english, sizeof...(Args));
  std::vector<Message::Arg> out;
  out.reserve(sizeof...(Args));
  std::size_t i = 0;
  (out.push_back(message_arg(specs[i++], args)), ...);
  return Message(std::string(english), std::move(out));
}

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
  throw Error(code, message(english, args...), std::string(field_id(field)));
}

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace cadre::detail

// A word formatted into text made where it is shown: the thread's language (English: the word).
template <>
struct fmt::formatter<cadre::detail::Word> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const cadre::detail::Word& w, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(cadre::detail::word_text(w.field, w.value, cadre::language()), ctx);
  }
};
