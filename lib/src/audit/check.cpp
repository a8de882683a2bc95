// `db check`: SQLite's own checks, the schema, the audit chain and the data it vouches for. It lives
// above the store (cadre/database.hpp declares it) because it reads the audit log's chain.
#include <SQLiteCpp/Statement.h>

#include "audit/audit.hpp"
#include "cadre/database.hpp"
#include "store/digest.hpp"
#include "store/store.hpp"
#include "util/text.hpp"

namespace cadre {

CheckResult check_database(Database& db) {
  return detail::read(db, [&](Database::Impl& impl) {
    CheckResult r;
    // The server keeps its own integrity and foreign keys; SQLite's are checked here.
    if (impl.backend() == detail::Backend::sqlite) {
      SQLite::Statement q(impl.db, "PRAGMA integrity_check");
      while (q.executeStep()) {
        std::string line = q.getColumn(0).getString();
        if (line != "ok") r.problems.push_back("integrity_check: " + line);
      }
      SQLite::Statement fk(impl.db, "PRAGMA foreign_key_check");
      while (fk.executeStep())
        r.problems.push_back(detail::msg("foreign_key_check: {} row {} refers to a missing {}",
                                         fk.getColumn(0).getString(), fk.getColumn(1).getInt64(),
                                         fk.getColumn(2).getString()));
    }
    for (auto& p : detail::verify_schema(impl)) r.problems.push_back(p);
    for (auto& p : detail::verify_audit_chain(impl)) r.problems.push_back(p);
    for (auto& p : detail::verify_audit_data(impl)) r.problems.push_back(p);
    r.ok = r.problems.empty();
    return r;
  });
}

}  // namespace cadre
