// The settings' defaults and stored values, as every area reads them (settings/settings.cpp changes them).
#include "store/settings_internal.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {

namespace {
// A count of people: a whole number from 1.
std::string whole_count(const std::string& key, const std::string& value) {
  return std::to_string(parse_integer(value, key, 1, 1000000));
}
// A number of days: a whole number from 0 to a year.
std::string whole_days(const std::string& key, const std::string& value) {
  return std::to_string(parse_integer(value, key, 0, 365));
}
}  // namespace

const std::vector<SettingDef>& setting_defs() {
  static const std::vector<SettingDef> defs = {
      {"timezone", "Asia/Shanghai"}, {"min_presence", "0.8"}, {"excellent_quota", "0.2"},
      {"weight_host", "0.5"},        {"weight_home", "0.25"}, {"weight_org", "0.25"},
      // Local policy (a province's rule: at most 2 secondees in one leadership team).
      {"max_secondees_per_host", "2", whole_count},

      // Secondment workflows, presence side (local policy): make-ups, spot checks, village minimums.
      {"max_makeup_per_month", "3"}, {"spotcheck_caps", "1:competent,2:basically_competent,3:incompetent"},
      {"village_min_days_month", "20"}, {"village_min_days_year", "200"},

      // Training workflows: the party-school rule "未经请假逾期三天不报到者，取消入学资格" (no-shows).
      {"arrival_grace_days", "3", whole_days},
      // Training (local reading of a national rule): the leaders' "3个月" of 条例 Art. 14 as training
      // days over five years, a month taken as 20 training days.
      {"leader_min_days", "60", whole_count},
  };
  return defs;
}

std::string setting(Database::Impl& impl, const std::string& key) {
  const SettingDef* def = nullptr;
  for (const auto& d : setting_defs())
    if (d.key == key) def = &d;
  if (!def) fail(Errc::invalid, field("KEY"), "unknown setting {}", key);
  Stmt q(impl, "SELECT value FROM settings WHERE key = ?");
  q.bind(key);
  return q.step() ? q.col(0).getString() : std::string(def->default_value);
}

double setting_number(Database::Impl& impl, const std::string& key) { return std::stod(setting(impl, key)); }

}  // namespace detail

}  // namespace cadre
