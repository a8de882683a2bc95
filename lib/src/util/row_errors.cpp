#include "util/row_errors.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace cadre::detail {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Replaces `from` with `to` where it stands as a whole word.
void replace_word(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at)) {
    std::size_t end = at + from.size();
    if ((at > 0 && word_char(s[at - 1])) || (end < s.size() && word_char(s[end]))) {
      at = end;
      continue;
    }
    s.replace(at, from.size(), to);
    at += to.size();
  }
}

}  // namespace

// In an import the clerk knows the file's column: the library's field tokens are rendered as
// columns, and so, by their text, are the CLI spellings of areas whose messages still hold them
// ("--at" for an option, "STAFF_NO" for an argument at the start of a message).
std::string RowErrors::in_file_terms(std::string message) const {
  message = name_fields(message, FieldStyle::file);
  for (const auto& c : columns_) {
    std::string option = "--" + c, argument = c;
    std::replace(option.begin(), option.end(), '_', '-');
    std::transform(argument.begin(), argument.end(), argument.begin(),
                   [](char ch) { return ch >= 'a' && ch <= 'z' ? char(ch - 'a' + 'A') : ch; });
    replace_word(message, option, c);
    if (message.rfind(argument + ":", 0) == 0) message.replace(0, argument.size(), c);
  }
  return message;
}

void RowErrors::add(long line, const std::string& message) {
  ++count_;
  if (messages_.size() < shown)
    messages_.push_back(fmt::format("{}{}{}: {}", file_, separator_, line, in_file_terms(message)));
}

void RowErrors::throw_if_any() const {
  if (count_ == 0) return;
  std::string all;
  for (std::size_t i = 0; i < messages_.size(); ++i) all.append(i ? "\n" : "").append(messages_[i]);
  if (count_ > messages_.size()) all.append("\n").append(msg("... and {} more", count_ - messages_.size()));
  if (stopped_at_ > 0)
    all.append("\n").append(msg("stopped reading at line {} after {} bad rows", stopped_at_, count_));
  all.append("\n").append(msg("nothing was imported ({} bad rows)", count_));
  throw Error(Errc(code_), all);
}

}  // namespace cadre::detail
