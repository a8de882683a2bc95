// Secondment: periods, check-ins, leave, monthly reports, evaluations, presence.
#pragma once
#include <optional>
#include <string>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

// `report secondment ID [--as-of D]`
CADRE_API Report report_secondment(Database& db, const std::string& id, const std::optional<std::string>& as_of);
// `report secondments [--batch B] [--host UNIT] [--as-of D]`
CADRE_API Report report_secondments(Database& db, const std::optional<std::string>& batch,
                                    const std::optional<std::string>& host, const std::optional<std::string>& as_of);

}  // namespace cadre
