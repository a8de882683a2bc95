// cadre::Message: a message id with its arguments, rendered in a language where it is shown.
#include "i18n/message.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <cstdint>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"

namespace cadre {

namespace detail {

std::string word_text(std::string_view field, std::string_view word, std::string_view lang) {
  std::string id = std::string(field) + "." + std::string(word);
  std::string_view t = translate(id, lang);
  if (t != id) return std::string(t);
  return std::string(translate(word, lang));
}

namespace {
// Calls f(index, spec) for each replacement field of a fmt template, in order, where index is the
// argument it names (automatic numbering for "{}") and spec what follows the ':' ("" for none).
template <typename F>
void each_field(std::string_view t, F&& f) {
  std::size_t next = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') continue;
    if (i + 1 < t.size() && t[i + 1] == '{') {  // "{{": a brace, not a field
      ++i;
      continue;
    }
    std::size_t close = t.find('}', i);
    if (close == std::string_view::npos) return;
    std::string_view inside = t.substr(i + 1, close - i - 1);
    std::size_t colon = inside.find(':');
    std::string_view index = inside.substr(0, colon);
    std::string_view spec = colon == std::string_view::npos ? std::string_view() : inside.substr(colon + 1);
    std::size_t n = next++;
    if (!index.empty()) {
      n = 0;
      for (char c : index) n = n * 10 + std::size_t(c - '0');
    }
    f(i, close, n, spec);
    i = close;
  }
}
}  // namespace

std::vector<std::string> argument_specs(std::string_view english, std::size_t count) {
  std::vector<std::string> specs(count, "{}");
  each_field(english, [&](std::size_t, std::size_t, std::size_t n, std::string_view spec) {
    if (n < count && !spec.empty()) specs[n] = "{:" + std::string(spec) + "}";
  });
  return specs;
}

std::string fill(std::string_view tmpl, const std::vector<std::string>& texts) {
  std::string plain;
  std::size_t from = 0;
  each_field(tmpl, [&](std::size_t open, std::size_t close, std::size_t, std::string_view spec) {
    if (spec.empty()) return;
    std::string_view field = tmpl.substr(open, close - open);  // "{1:g" -> "{1"
    plain.append(tmpl.substr(from, open - from));
    plain.append(field.substr(0, field.find(':')));
    from = close;
  });
  plain.append(tmpl.substr(from));
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& t : texts) store.push_back(std::string_view(t));
  return fmt::vformat(plain, store);
}

}  // namespace detail

Message Message::verbatim(std::string text) {
  Message m;
  m.text_ = std::move(text);
  return m;
}

std::string Message::code() const {
  if (id_.empty()) return {};
  std::uint32_t h = 2166136261u;  // FNV-1a, 32 bits: the same on every platform and build
  for (unsigned char c : id_) h = (h ^ c) * 16777619u;
  return fmt::format("m{:08x}", h);
}

std::string Message::render(std::string_view lang) const {
  if (id_.empty()) return text_;
  std::vector<std::string> texts;
  texts.reserve(args_.size());
  for (const auto& a : args_) {
    switch (a.kind) {
      case Arg::Kind::text:
        texts.push_back(a.text);
        break;
      case Arg::Kind::word:
        texts.push_back(detail::word_text(a.field, a.text, lang));
        break;
      case Arg::Kind::message:
        texts.push_back(a.message ? a.message->render(lang) : std::string());
        break;
    }
  }
  try {
    return detail::fill(translate(id_, lang), texts);
  } catch (const fmt::format_error&) {  // a translation that does not fit its arguments: the English
    return detail::fill(id_, texts);
  }
}

Error::Error(Errc code, Message message, std::string field)
    : std::runtime_error(message.render(language())),
      code_(code),
      field_(std::move(field)),
      message_(std::move(message)) {}

}  // namespace cadre
