// A handle on one cadre database file. Opening creates the file (mode 0600) if needed and applies
// the embedded migrations. One Database per thread; the file itself may be shared by any number of
// processes and threads, writers wait on each other (busy timeout) instead of failing.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cadre/export.hpp"

namespace cadre {

struct OpenOptions {
  bool create = true;          // create and migrate a missing file
  int busy_timeout_ms = 15000; // how long a writer waits for another
};

class CADRE_API Database {
 public:
  explicit Database(const std::string& path, OpenOptions options = {});
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Who is recorded in the audit log for the changes made through this handle.
  void set_actor(std::string actor);
  const std::string& actor() const;
  const std::string& path() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// `db info`: schema version and row counts per table.
struct DatabaseInfo {
  std::string path;
  int schema_version = 0;
  int latest_schema_version = 0;
  std::string timezone;
  std::vector<std::pair<std::string, std::int64_t>> row_counts;
  std::string backend;  // "sqlite" or "postgresql"
};
CADRE_API DatabaseInfo database_info(Database& db);

// `db check`: integrity_check, foreign_key_check and the audit hash chain.
struct CheckResult {
  bool ok = true;
  std::vector<std::string> problems;
};
CADRE_API CheckResult check_database(Database& db);

// `db backup FILE`: an online, consistent copy through SQLite's backup API; from PostgreSQL, a cadre
// SQLite file (0600, in place only once whole) written by the copy of copy_database.
CADRE_API void backup_database(Database& db, const std::string& target_path);

// The default database path: $CADRE_DB, else $XDG_DATA_HOME/cadre/cadre.db, else
// ~/.local/share/cadre/cadre.db.
CADRE_API std::string default_database_path();

CADRE_API const char* version() noexcept;

// `db copy FROM TO`: a whole cadre database into a new one, either backend to either (FROM and TO as
// --db takes them). TO must hold no more than a new database does (else Error conflict); it is made
// when it is a missing file. In one transaction on TO: every table in dependency order with its ids,
// the audit log and its chain as they are; then verified there: the row counts of each table, the
// audit chain and the digests it vouches for, and every report's figures (secondments, each batch,
// each course, the hours of each year) the same on both sides. Any failure leaves TO as it was (a
// file made for it removed).
struct CopySummary {
  std::string from, to;                                      // as opened (no password)
  std::vector<std::pair<std::string, std::int64_t>> tables;  // rows per table, counted on both sides
  std::int64_t audit_entries = 0;                            // the chain verified on TO
  std::vector<std::string> reports;                          // the reports compared ("course C1")
};
CADRE_API CopySummary copy_database(const std::string& from, const std::string& to);

}  // namespace cadre
