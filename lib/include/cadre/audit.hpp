#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

// `audit log [--since DATE]`: entries with their before/after JSON.
CADRE_API Report audit_log(Database& db, const std::optional<std::string>& since);

struct AuditVerification {
  bool ok = true;
  std::int64_t entries = 0;
  std::vector<std::string> problems;
};
// `audit verify`: walks the hash chain.
CADRE_API AuditVerification verify_audit(Database& db);

}  // namespace cadre
