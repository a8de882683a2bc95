// The text layer of cadre/parse.hpp: the checks and messages of util/dates and util/validate,
// with the field named by a token (detail::field) that each surface renders by name_fields.
#include "cadre/parse.hpp"

#include <algorithm>
#include <charconv>

#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

Date parse_date(std::string_view text, std::string_view field) {
  return detail::parse_date(detail::trim(text), detail::field(field));
}

Month parse_month(std::string_view text, std::string_view field) {
  date::year_month_day first(detail::parse_month(detail::trim(text), detail::field(field)));
  return std::chrono::year{int(first.year())} / std::chrono::month{unsigned(first.month())};
}

When parse_when(std::string_view text, std::string_view field) {
  return detail::parse_when(text, detail::field(field));
}

Id parse_id(std::string_view text, std::string_view field) {
  std::string t = detail::trim(text);
  std::string f = detail::field(field);
  Id v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size()) {
    check_text(text, f);
    detail::fail(Errc::invalid, f, "{}: not an id: {}", f, text);
  }
  detail::check_id(v, f);
  return v;
}

std::int64_t parse_integer(std::string_view text, std::string_view field, std::int64_t min, std::int64_t max) {
  return detail::parse_integer(text, detail::field(field), min, max);
}

double parse_number(std::string_view text, std::string_view field, double min, double max) {
  return detail::parse_number(text, detail::field(field), min, max);
}

std::optional<Date> parse_optional_date(const std::optional<std::string>& text, std::string_view field) {
  if (!text || detail::trim(*text).empty()) return std::nullopt;
  return parse_date(*text, field);
}

std::optional<double> parse_optional_number(const std::optional<std::string>& text, std::string_view field, double min,
                                            double max) {
  if (!text || detail::trim(*text).empty()) return std::nullopt;
  return parse_number(*text, field, min, max);
}

std::string format_date(Date d) { return detail::format_date(d); }

std::string format_month(Month m) { return fmt::format("{:04}-{:02}", int(m.year()), unsigned(m.month())); }

std::string_view field_id(std::string_view field) {
  if (field.size() >= 2 && field.front() == detail::kFieldOpen && field.back() == detail::kFieldClose)
    return field.substr(1, field.size() - 2);
  return field;
}

namespace {

std::string spelled(std::string_view id, FieldStyle style) {
  std::string s(id);
  bool positional = !s.empty() && s[0] >= 'A' && s[0] <= 'Z';  // STAFF_NO, ID
  if (positional && style != FieldStyle::file) return s;       // the CLI's and the C API's own docs say LEAVE_ID
  if (style == FieldStyle::cli) {
    std::replace(s.begin(), s.end(), '_', '-');
    return "--" + s;
  }
  // A file's column and a C member are lower-case words joined by '_'.
  std::replace(s.begin(), s.end(), '-', '_');
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
  return s;
}

}  // namespace

std::string name_fields(std::string_view message, FieldStyle style) {
  std::string out;
  out.reserve(message.size());
  size_t i = 0;
  while (i < message.size()) {
    size_t open = message.find(detail::kFieldOpen, i);
    size_t close = open == std::string_view::npos ? open : message.find(detail::kFieldClose, open);
    if (close == std::string_view::npos) break;
    out.append(message.substr(i, open - i));
    out += spelled(message.substr(open + 1, close - open - 1), style);
    i = close + 1;
  }
  out.append(message.substr(std::min(i, message.size())));
  return out;
}

}  // namespace cadre
