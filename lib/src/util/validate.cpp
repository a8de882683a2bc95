#include "util/validate.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "util/text.hpp"
#include "util/utf8.hpp"

namespace cadre {

void check_text(std::string_view text, std::string_view field, TextLayout layout) {
  size_t i = 0;
  for (size_t nth = 1; i < text.size(); ++nth) {
    char32_t cp = 0;
    size_t n = detail::utf8_at(text, i, cp);
    if (n == 0)
      detail::fail(Errc::invalid, field,
                   "{}: not valid UTF-8 text (byte {}): the terminal or the file is perhaps in GBK; use UTF-8", field,
                   i + 1);
    bool layout_char = cp == '\t' || cp == '\n';
    if (layout_char && layout == TextLayout::line)
      detail::fail(Errc::invalid, field, "{}: must be a single line (no line breaks or tabs)", field);
    if (detail::is_bidi_control(cp))
      detail::fail(Errc::invalid, field,
                   "{}: contains the direction control U+{:04X} (character {}), which reorders the text shown", field,
                   std::uint32_t(cp), nth);
    if (detail::acts_instead_of_showing(cp))
      detail::fail(Errc::invalid, field, "{}: contains the control character U+{:04X} (character {})", field,
                   std::uint32_t(cp), nth);
    i += n;
  }
}

namespace detail {

std::optional<std::string> optional_text(const std::optional<std::string>& v, std::string_view field,
                                         TextLayout layout) {
  if (!v) return std::nullopt;
  std::string t = trim(*v);
  if (t.empty()) return std::nullopt;
  check_text(t, field, layout);
  return t;
}

std::string require_text(const std::optional<std::string>& v, std::string_view field, TextLayout layout) {
  std::string t = v ? trim(*v) : std::string();
  if (t.empty()) fail(Errc::invalid, field, "{}: required", field);
  check_text(t, field, layout);
  return t;
}

namespace {
std::string one_of(std::string_view v, std::string_view field, std::span<const std::string_view> allowed) {
  for (auto a : allowed)
    if (a == v) return std::string(v);
  check_text(v, field);  // a value that is not text is named as such, and never echoed raw
  std::vector<std::string> names(allowed.begin(), allowed.end());
  fail(Errc::invalid, field, "{}: unknown value {} (expected {})", field, v, join(names, ", "));
}
}  // namespace

std::string require_enum(std::string_view v, std::string_view field, const EnumSpec& allowed) {
  return one_of(v, field, allowed.values);
}

std::optional<std::string> optional_enum(const std::optional<std::string>& v, std::string_view field,
                                         const EnumSpec& allowed) {
  if (!v) return std::nullopt;
  return one_of(*v, field, allowed.values);
}

double parse_number(std::string_view v, std::string_view field, double min, double max) {
  std::string t = trim(v);
  // from_chars reads "0.5" the same whatever locale a host program has set (strtod would not).
  double d = NAN;
  const char* first = t.data() + (t.size() > 1 && t[0] == '+' ? 1 : 0);
  auto [end, ec] = std::from_chars(first, t.data() + t.size(), d);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(d)) {
    check_text(v, field);
    fail(Errc::invalid, field, "{}: not a number: {}", field, v);
  }
  if (d < min || d > max) fail(Errc::invalid, field, "{}: {} is not between {} and {}", field, t, min, max);
  return d;
}

double parse_hours(std::string_view v, std::string_view field, double max) {
  double h = parse_number(v, field, std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
  if (h <= 0 || h > max)
    fail(Errc::invalid, field, "{}: must be more than 0 and at most {} (got {})", field, max, trim(v));
  return h;
}

double check_hours(double h, std::string_view field, double max) {
  check_number(h, field, std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
  if (h <= 0 || h > max) fail(Errc::invalid, field, "{}: must be more than 0 and at most {} (got {})", field, max, h);
  return h;
}

void check_id(long long id, std::string_view field) {
  if (id <= 0) fail(Errc::invalid, field, "{}: not an id: {}", field, id);
}

double check_number(double v, std::string_view field, double min, double max) {
  if (!std::isfinite(v)) fail(Errc::invalid, field, "{}: not a number: {}", field, v);
  if (v < min || v > max) fail(Errc::invalid, field, "{}: {} is not between {} and {}", field, v, min, max);
  return v;
}

long long parse_integer(std::string_view v, std::string_view field, long long min, long long max) {
  std::string t = trim(v);
  long long n = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size()) {
    check_text(v, field);
    fail(Errc::invalid, field, "{}: not a whole number: {}", field, v);
  }
  if (n < min || n > max) fail(Errc::invalid, field, "{}: {} is not between {} and {}", field, t, min, max);
  return n;
}

}  // namespace detail
}  // namespace cadre
