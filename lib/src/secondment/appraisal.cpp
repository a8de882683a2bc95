#include "secondment/appraisal.hpp"

namespace cadre::detail {

double Evaluation::score() const {
  double sum = 0;
  for (double s : scores) sum += s;
  return sum / double(scores.size());
}

std::string Evaluation::effective_grade() const { return grade ? *grade : grade_for(score()); }

std::string grade_for(double score) {
  if (score >= 90) return "excellent";
  if (score >= 75) return "competent";
  if (score >= 60) return "basically_competent";
  return "incompetent";
}

Overall overall_of(const std::vector<Evaluation>& evaluations, const RaterWeights& weights) {
  Overall o;
  static const char* roles[] = {"org", "host", "home"};
  for (const char* role : roles) {
    const Evaluation* pick = nullptr;
    for (const auto& e : evaluations) {
      if (e.rater != role) continue;
      bool better = !pick || (e.period == "final" && pick->period != "final") ||
                    ((e.period == "final") == (pick->period == "final") && e.id > pick->id);
      if (better) pick = &e;
    }
    if (pick) o.used.push_back(pick);
  }
  double total = 0;
  for (const auto* e : o.used) total += weights.of(e->rater);
  if (o.used.empty() || total <= 0) return o;
  double score = 0;
  for (const auto* e : o.used) {
    double w = weights.of(e->rater) / total;
    score += w * e->score();
    for (size_t i = 0; i < 5; ++i) o.dimensions[i] += w * e->scores[i];
  }
  o.score = score;
  for (const auto* e : o.used)  // in the order org, host, home
    if (e->grade) {
      o.grade = *e->grade;
      return o;
    }
  o.grade = grade_for(score);
  return o;
}

}  // namespace cadre::detail
