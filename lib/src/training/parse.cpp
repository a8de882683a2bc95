// The text forms of the training fields (cadre/training.hpp): what the CLI and the importers
// parse before calling the typed API, each naming the field by its id.
#include "cadre/parse.hpp"

#include "cadre/training.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

std::chrono::minutes parse_clock(std::string_view text, std::string_view field) {
  return std::chrono::minutes(detail::parse_clock(detail::trim(text), detail::field(field)));
}

LeaveRatio parse_leave_ratio(std::string_view text, std::string_view field) {
  std::string f = detail::field(field);
  std::string t = detail::trim(text);
  auto slash = t.find('/');
  if (slash == std::string::npos) return {detail::parse_number(t, f, 0, 1), 1.0};
  double num = detail::parse_number(t.substr(0, slash), f, 0, 1e6);
  double den = detail::parse_number(t.substr(slash + 1), f, 0, 1e6);
  if (den <= 0) detail::fail(Errc::invalid, f, "{}: the denominator must be positive", f);
  if (num > den) detail::fail(Errc::invalid, f, "{}: {} is more than 1", f, t);
  return {num, den};
}

std::vector<Component> parse_components(std::string_view text, std::string_view field) {
  std::string f = detail::field(field);
  std::vector<Component> out;
  for (const auto& part : detail::split(text, ',')) {
    auto colon = part.find(':');
    std::string name = detail::trim(part.substr(0, colon));
    if (colon == std::string::npos || name.empty())
      detail::fail(Errc::invalid, f, "{}: expected name:weight, got {}", f, part);
    out.push_back({name, detail::parse_number(part.substr(colon + 1), f, 0, 1)});
  }
  return out;
}

double parse_hours(std::string_view text, std::string_view field, double max) {
  return detail::parse_hours(text, detail::field(field), max);
}

}  // namespace cadre
