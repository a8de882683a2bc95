// Internal: the settings as the rules read them (the store; `settings set` is settings/settings.cpp).
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
}  // namespace cadre::detail
