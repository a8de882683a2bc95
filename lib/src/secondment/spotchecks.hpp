// Internal: spot checks (抽查) and the cap their absences put on the overall grade (a county rule,
// local policy: setting spotcheck_caps).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadre::detail {

// One step of spotcheck_caps: from `absences` absences on, the grade is at most `grade`.
struct GradeCap {
  std::int64_t absences = 0;
  std::string grade;
};
// Parses "1:competent,2:basically_competent,3:incompetent": thresholds whole numbers from 1, strictly
// rising, grades of evaluation_grade, each no better than the one before. Error(invalid) naming `field`.
std::vector<GradeCap> parse_spotcheck_caps(std::string_view text, std::string_view field);
// The grade after the caps for `absences` (the highest threshold reached), or nothing when the cap
// leaves it as it is (no grade, no threshold reached, or a grade already at or below the cap).
std::optional<std::string> capped_grade(const std::optional<std::string>& grade, std::int64_t absences,
                                        const std::vector<GradeCap>& caps);

}  // namespace cadre::detail
