// The reports of the CLI contract, built by the library and rendered by cadre::render.
#pragma once
#include <optional>
#include <string>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

struct ReportRequest {
  std::string kind;  // course | person | secondment | secondments | hours
  std::string key;   // course code, staff number, secondment id, batch (may be empty), year
  std::optional<std::string> as_of;  // YYYY-MM-DD, default today in the database time zone
  std::optional<std::string> batch;  // secondments
  std::optional<std::string> host;   // secondments: host unit code
  std::optional<std::string> unit;   // hours: unit code
};

// Dispatches on kind; Error(usage) for an unknown kind.
CADRE_API Report build_report(Database& db, const ReportRequest& request);

}  // namespace cadre
