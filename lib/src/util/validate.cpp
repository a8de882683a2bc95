#include "util/validate.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "util/text.hpp"

namespace cadre::detail {

std::optional<std::string> optional_text(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  std::string t = trim(*v);
  if (t.empty()) return std::nullopt;
  return t;
}

std::string require_text(const std::optional<std::string>& v, std::string_view field) {
  std::string t = v ? trim(*v) : std::string();
  if (t.empty()) fail(Errc::invalid, field, "{}: required", field);
  return t;
}

std::string require_enum(std::string_view v, std::string_view field, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (a == v) return std::string(v);
  std::vector<std::string> names(allowed.begin(), allowed.end());
  fail(Errc::invalid, field, "{}: unknown value {} (expected {})", field, v, join(names, ", "));
}

std::optional<std::string> optional_enum(const std::optional<std::string>& v, std::string_view field,
                                         std::initializer_list<std::string_view> allowed) {
  if (!v) return std::nullopt;
  return require_enum(*v, field, allowed);
}

double parse_number(std::string_view v, std::string_view field, double min, double max) {
  std::string t = trim(v);
  char* end = nullptr;
  double d = t.empty() ? NAN : std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(d))
    fail(Errc::invalid, field, "{}: not a number: {}", field, v);
  if (d < min || d > max) fail(Errc::invalid, field, "{}: {} is outside {}-{}", field, v, min, max);
  return d;
}

long long parse_integer(std::string_view v, std::string_view field, long long min, long long max) {
  std::string t = trim(v);
  long long n = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size())
    fail(Errc::invalid, field, "{}: not a whole number: {}", field, v);
  if (n < min || n > max) fail(Errc::invalid, field, "{}: {} is outside {}-{}", field, v, min, max);
  return n;
}

}  // namespace cadre::detail
