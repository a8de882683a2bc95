// Internal: what makes the audit log vouch for the data. Every audited table has a running digest
// (row count and an order-independent sum of 64-bit row hashes) kept by triggers (schema 0006)
// through SQL functions registered on each connection; every audit entry records the digests, and
// `db check` recomputes them from the rows. See schema/0006_audit_digest.sql. They live with the
// store, below the audit log: the store registers the functions on every connection it opens.
#pragma once
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

struct sqlite3;

namespace cadre::detail {

// The SHA-256 (hex) of an entry's fields; state is the data digests the entry vouches for ("" in
// entries written before schema 6).
std::string entry_hash(std::int64_t seq, const std::string& at, const std::string& actor, const std::string& op,
                       const std::string& entity, const std::string& key, const std::string& before,
                       const std::string& after, const std::string& prev, const std::string& state);

// Every table whose rows the audit log vouches for: all of the schema but the log itself
// (audit_log, audit_head, audit_digest). A unit test compares this list with sqlite_schema.
const std::vector<std::string_view>& audited_tables();

// Registers cadre_digest_add/sub/sum, cadre_entry_hash and cadre_audit_state on a new connection
// (before it is migrated: the migration and the triggers call them). Throws SQLite::Exception.
void register_audit_functions(sqlite3* db);

struct TableDigest {
  std::int64_t rows = 0;
  std::uint64_t sum = 0;
  bool operator==(const TableDigest&) const = default;
};
using DigestState = std::map<std::string, TableDigest, std::less<>>;

// The running digests (audit_digest) as the compact text an audit entry records:
// "1;people=12:9f86d081884c7d65;units=3:..." (tables with no rows and a zero sum are left out).
std::string audit_state(sqlite3* db);
// The same for the database of a command: "" on PostgreSQL, where the digests are not kept yet (an
// entry then vouches for the chain alone, as entries written before schema 6 do).
std::string audit_state(Database::Impl& impl);
// The same read through the connection (PostgreSQL's).
std::string audit_state(Connection& conn);
// Now as an audit entry's `at`: "2026-03-02T01:00:00.123Z".
std::string now_utc();
// The text of audit_state parsed back; nullopt when it is not such a text.
std::optional<DigestState> parse_audit_state(std::string_view text);

// An identifier quoted for SQL ("name", with " doubled); identifiers come from cadre's own lists and
// the catalogue, never from input.
std::string sql_identifier(std::string_view identifier);

// A new database made by the embedded migrations, in memory (one per thread): the schema and seed
// data to compare with, and the description of the tables `db copy` copies.
Database::Impl& reference_database();

// Problems where the rows of the audited tables are not what the latest audit entry vouches for
// (or, with no entry at all, not the data of a new database); empty when they are.
std::vector<std::string> verify_audit_data(Database::Impl& impl);

// Problems where the schema differs from the one cadre's migrations make: a missing or changed
// table, index or trigger, or one cadre does not make. Empty when it is the same.
std::vector<std::string> verify_schema(Database::Impl& impl);
std::vector<std::string> verify_schema_pg(Database::Impl& impl);

// The three triggers (name, CREATE text) that keep `table`'s running digest over its columns `cols`,
// word for word as schema/0006 wrote them.
std::vector<std::pair<std::string, std::string>> digest_triggers(std::string_view table,
                                                                  const std::vector<std::string>& cols);
// After migrations ran (in their transaction): an audited table whose columns no longer match its
// triggers gets them anew and its digest recomputed, then one "seal" entry vouches for the data. So a
// migration that adds a column needs no trigger SQL of its own. Returns whether anything changed.
bool sync_digest_triggers(SQLite::Database& db);

// ---- PostgreSQL -------------------------------------------------------------------------------
// The same digests kept by plpgsql: per audited table a SQL function audit_digest_hash_T(row) giving
// the row hash SQLite's cadre_digest_add gives (the same typed encoding and SHA-256, so an audit
// entry's state reads the same on both backends and `db copy` carries the chain as it is), and three
// statement-level triggers (transition tables: one digest update per statement, a COPY included)
// through one trigger function audit_digest_T(). `db check` recomputes with the same function.

// What cadre_meta records as "digest" once the functions and triggers of this cadre are in place.
inline constexpr const char* kPgDigestVersion = "1";
// In the migrations' transaction (under the lock): installs or renews the functions and triggers of
// every audited table present, recomputes each table's digest where it differs from audit_digest
// (a migration that added a column), and seals as sync_digest_triggers does. Returns whether any
// digest changed.
bool sync_digest_pg(Connection& conn);

}  // namespace cadre::detail
