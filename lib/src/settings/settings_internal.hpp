#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace cadre::detail {
struct SettingDef {
  const char* key;
  const char* default_value;
};
const std::vector<SettingDef>& setting_defs();
// The current value (or default) of a setting; Error(invalid) for an unknown key.
std::string setting(Database::Impl& impl, const std::string& key);
double setting_number(Database::Impl& impl, const std::string& key);
// Recomputes the stored local day of every check-in in zone `tz` (secondment/checkins.cpp); returns
// how many changed.
std::int64_t recompute_checkin_days(Database::Impl& impl, const std::string& tz);
}  // namespace cadre::detail
