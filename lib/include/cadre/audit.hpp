#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/types.hpp"

namespace cadre {

// `audit log [--since DATE]`: entries with their before/after JSON.
CADRE_API Report audit_log(Database& db, std::optional<Date> since);

struct AuditVerification {
  bool ok = true;
  std::int64_t entries = 0;
  std::vector<std::string> problems;
};
// `audit verify`: walks the hash chain and checks that the rows of every audited table are what the
// latest entry vouches for (with no entry: what a new database holds).
CADRE_API AuditVerification verify_audit(Database& db);
// `audit verify --anchor HASH`: the same, and the log still holds the entry of an anchor taken earlier
// (HASH or SEQ:HASH as audit_anchor gave them): a log rewritten or cut back past it is a problem.
// A malformed anchor is Errc::invalid.
CADRE_API AuditVerification verify_audit(Database& db, const std::string& anchor);

// `audit anchor`: the head of the log, to be written down or sent elsewhere and checked later.
struct AuditAnchor {
  std::int64_t entries = 0;  // the head's seq (0: the log is empty)
  std::string hash;          // the head's hash ("" when the log is empty)
};
CADRE_API AuditAnchor audit_anchor(Database& db);

}  // namespace cadre
