// Internal: the rules of leave approval and appraisal, as pure functions the reports and the
// tests share.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cadre::detail {

// ≤ 3 calendar days: host; ≤ 7: district; more: city.
std::string required_level(std::int64_t calendar_days);
// host 0 < district 1 < city 2.
int level_rank(const std::string& level);

inline constexpr std::array<const char*, 5> kDimensions = {"conduct", "competence", "diligence", "performance",
                                                            "integrity"};

struct Evaluation {
  std::int64_t id = 0;  // recording order
  std::string period, rater;
  std::array<double, 5> scores{};  // in kDimensions order
  std::optional<std::string> grade;  // explicit grade
  double score() const;  // mean of the five
  std::string effective_grade() const;  // explicit, else the band of score()
};

// excellent ≥ 90, competent ≥ 75, basically_competent ≥ 60, else incompetent.
std::string grade_for(double score);

struct RaterWeights {
  double host = 0.5, home = 0.25, org = 0.25;
  double of(const std::string& rater) const { return rater == "host" ? host : rater == "home" ? home : org; }
};

struct Overall {
  std::optional<double> score;  // null without evaluations (or when the weights present sum to 0)
  std::optional<std::string> grade;
  std::array<double, 5> dimensions{};  // weighted like the score
  std::vector<const Evaluation*> used;  // one per rater role present
};

// Per rater role, the evaluation of period `final` if that role gave one, else its latest
// recorded one. The score weights the roles present, renormalised. The grade is an explicit
// grade of a used evaluation when there is one (org first, then host, then home: the
// organisation department has the last word), else the band of the score.
Overall overall_of(const std::vector<Evaluation>& evaluations, const RaterWeights& weights);

}  // namespace cadre::detail
