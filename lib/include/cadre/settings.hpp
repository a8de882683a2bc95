#pragma once
#include <string>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

// Settings: timezone, min_presence, excellent_quota, weight_host, weight_home, weight_org.
// `settings get [KEY]` (all when key is empty) as a report of key/value rows.
CADRE_API Report get_settings(Database& db, const std::string& key = {});
CADRE_API std::string get_setting(Database& db, const std::string& key);
// Validated: an unknown key, a bad zone or a fraction outside 0-1 is Error(invalid).
CADRE_API void set_setting(Database& db, const std::string& key, const std::string& value);

}  // namespace cadre
