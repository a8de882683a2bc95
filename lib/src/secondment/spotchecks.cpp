// Spot checks (抽查): a checker finds the secondee at post or not. Absences cap the overall grade
// (one county: once absent, no 优秀; twice, at most 基本称职; three times, 不称职).
#include "secondment/spotchecks.hpp"

#include <algorithm>

#include "audit/audit.hpp"
#include "cadre/secondment.hpp"
#include "secondment/secondment_internal.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

namespace {
inline constexpr std::string_view kResults[] = {"present", "absent"};
inline constexpr EnumSpec kSpotCheckResult{"spot_check_result", kResults, "spot_checks", "result"};
[[maybe_unused]] const bool registered = register_enum(kSpotCheckResult);

// Grades from the best: a lower rank is a better grade.
std::size_t grade_rank(std::string_view grade) {
  const auto& v = enums::evaluation_grade.values;
  return std::size_t(std::find(v.begin(), v.end(), grade) - v.begin());
}
}  // namespace

std::vector<GradeCap> parse_spotcheck_caps(std::string_view text, std::string_view field_name) {
  std::vector<GradeCap> caps;
  if (trim(text).empty()) return caps;  // no cap: the rule is a county's, not everyone's
  for (const auto& part : split(text, ',')) {
    auto item = trim(part);
    auto colon = item.find(':');
    if (colon == std::string::npos)
      fail(Errc::invalid, field_name, "{}: expected ABSENCES:GRADE pairs separated by commas, got {}", field_name,
           item.empty() ? std::string(text) : item);
    GradeCap cap;
    cap.absences = parse_integer(trim(item.substr(0, colon)), field_name, 1, 1000);
    cap.grade = require_enum(trim(item.substr(colon + 1)), field_name, enums::evaluation_grade);
    if (!caps.empty() && cap.absences <= caps.back().absences)
      fail(Errc::invalid, field_name, "{}: the numbers of absences must rise ({} after {})", field_name, cap.absences,
           caps.back().absences);
    if (!caps.empty() && grade_rank(cap.grade) < grade_rank(caps.back().grade))
      fail(Errc::invalid, field_name, "{}: {} absences cannot allow a better grade ({}) than {} absences ({})",
           field_name, cap.absences, word("grade", cap.grade), caps.back().absences, word("grade", caps.back().grade));
    caps.push_back(std::move(cap));
  }
  return caps;
}

std::optional<std::string> capped_grade(const std::optional<std::string>& grade, std::int64_t absences,
                                        const std::vector<GradeCap>& caps) {
  if (!grade) return std::nullopt;
  const GradeCap* reached = nullptr;
  for (const auto& c : caps)
    if (absences >= c.absences) reached = &c;
  if (!reached || grade_rank(*grade) >= grade_rank(reached->grade)) return std::nullopt;
  return reached->grade;
}

}  // namespace cadre::detail

namespace cadre {

std::int64_t add_spot_check(Database& db, const SpotCheckInput& in) {
  return detail::write(db, [&](Database::Impl& impl) {
    using detail::field;
    auto p = detail::load_period(impl, in.secondment_id, field("SECONDMENT_ID"));
    detail::Day on = in.on;
    if (on < p.start || on > p.end())
      detail::fail(Errc::invalid, field("on"), "{} ({}) is outside the period {} to {}", field("on"),
                   detail::format_date(on), detail::format_date(p.start), detail::format_date(p.end()));
    auto result = detail::require_enum(detail::trim(in.result), field("result"), detail::kSpotCheckResult);
    auto by = detail::optional_text(in.by, field("by"));
    auto note = detail::optional_text(in.note, field("note"), TextLayout::paragraph);
    detail::Stmt q(impl,
                   "INSERT INTO spot_checks(secondment_id, on_date, result, checker, note) VALUES (?,?,?,?,?) "
                   "RETURNING id");
    q.bind(in.secondment_id, detail::format_date(on), result, by, note);
    if (!q.step()) throw std::logic_error("INSERT INTO spot_checks returned no id");
    Id id = q.col(0).getInt64();
    detail::audit(impl, "add", "spot_check", std::to_string(id), nullptr,
                  {{"id", id},
                   {"secondment", in.secondment_id},
                   {"on", detail::format_date(on)},
                   {"result", result},
                   {"by", by ? nlohmann::json(*by) : nlohmann::json(nullptr)},
                   {"note", note ? nlohmann::json(*note) : nlohmann::json(nullptr)}});
    return id;
  });
}

}  // namespace cadre
