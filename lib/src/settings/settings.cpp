#include "cadre/settings.hpp"

#include "audit/audit.hpp"
#include "secondment/secondment_internal.hpp"
#include "secondment/spotchecks.hpp"
#include "store/settings_internal.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace {
// The presence-side workflow settings (local policy): whole numbers of make-ups and days, and the
// spot-check caps; nothing for another key.
std::optional<std::string> validated_presence_setting(const std::string& key, const std::string& value) {
  if (key == "max_makeup_per_month") return std::to_string(detail::parse_integer(value, key, 0, 31));
  if (key == "village_min_days_month") return std::to_string(detail::parse_integer(value, key, 0, 31));
  if (key == "village_min_days_year") return std::to_string(detail::parse_integer(value, key, 0, 366));
  if (key == "spotcheck_caps") {
    std::string out;
    for (const auto& c : detail::parse_spotcheck_caps(value, key))
      out += (out.empty() ? "" : ",") + std::to_string(c.absences) + ":" + c.grade;
    return out;
  }
  return std::nullopt;
}

std::string validated(const std::string& key, const std::string& value) {
  for (const auto& d : detail::setting_defs())
    if (d.validate && key == d.key) return d.validate(key, value);
  if (key == "timezone") {
    detail::check_timezone(value, key);
    return value;
  }
  if (auto v = validated_presence_setting(key, value)) return *v;
  // Fractions and weights: numbers 0-1.
  double v = detail::parse_number(value, key, 0, 1);
  return fmt::format("{}", v);
}

// The score weights the raters present, renormalised: with all three weights 0 no secondee could
// ever get a score, so a change that leaves them all 0 is refused.
void refuse_all_weights_zero(Database::Impl& impl, const std::string& key, const std::string& value) {
  static const char* weights[] = {"weight_host", "weight_home", "weight_org"};
  bool is_weight = false;
  double sum = 0;
  for (const char* w : weights) {
    is_weight = is_weight || key == w;
    sum += key == w ? std::stod(value) : detail::setting_number(impl, w);
  }
  if (is_weight && sum <= 0)
    detail::fail(Errc::invalid, key, "{}: weight_host, weight_home and weight_org cannot all be 0", key);
}
}  // namespace

std::string get_setting(Database& db, const std::string& key) {
  return detail::read(db, [&](Database::Impl& impl) { return detail::setting(impl, key); });
}

Report get_settings(Database& db, const std::string& key) {
  return detail::read(db, [&](Database::Impl& impl) {
    Report r;
    r.kind = "settings";
    r.title = detail::msg("Settings");
    auto& rows = r.data.set("settings", Node::array());
    for (const auto& d : detail::setting_defs()) {
      if (!key.empty() && key != d.key) continue;
      auto& row = rows.push(Node::object());
      row.set("key", Node::string(d.key));
      row.set("value", Node::string(detail::setting(impl, d.key)));
      row.set("default", Node::string(d.default_value));
    }
    if (!key.empty() && rows.items().empty()) detail::fail(Errc::invalid, detail::field("KEY"), "unknown setting {}", key);
    return r;
  });
}

void set_setting(Database& db, const std::string& key, const std::string& value) {
  detail::write(db, [&](Database::Impl& impl) {
    std::string before = detail::setting(impl, key);  // also refuses unknown keys
    std::string v = validated(key, value);
    refuse_all_weights_zero(impl, key, v);
    detail::Stmt q(impl, "INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.bind(key, v).exec();
    detail::audit(impl, "update", "setting", key, {{"value", before}}, {{"value", v}});
    impl.timezone_cache.reset();
    if (key == "timezone" && v != before) {
      // The check-ins' local days follow the zone in this same transaction (issue 9): otherwise
      // old and new check-ins would count days in different zones.
      if (auto changed = detail::recompute_checkin_days(impl, v))
        detail::audit(impl, "update", "checkins", "local_day", {{"timezone", before}},
                      {{"timezone", v}, {"checkins", changed}});
    }
  });
}

}  // namespace cadre
