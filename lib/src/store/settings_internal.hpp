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
  // Checks a new value, naming the key, and returns it as stored; null: a fraction from 0 to 1.
  std::string (*validate)(const std::string& key, const std::string& value) = nullptr;
};
const std::vector<SettingDef>& setting_defs();
// The current value (or default) of a setting; Error(invalid) for an unknown key.
std::string setting(Database::Impl& impl, const std::string& key);
double setting_number(Database::Impl& impl, const std::string& key);
}  // namespace cadre::detail
