// The digest triggers follow the schema: a migration that adds a column needs no trigger SQL of its
// own (store/digest.cpp sync_digest_triggers, run after the migrations).
#include <doctest/doctest.h>

#include "cadre/database.hpp"
#include "cadre/people.hpp"
#include "store/digest.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {
std::vector<std::string> columns_of(Database& db, std::string_view table) {
  SQLite::Statement q(db.impl().db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, std::string(table));
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}
std::string stored_sql(Database& db, const std::string& trigger) {
  SQLite::Statement q(db.impl().db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
  q.bind(1, trigger);
  return q.executeStep() ? q.getColumn(0).getString() : std::string();
}
// The data against the log (db check's schema comparison would also see the hand-made column, which a
// real migration puts in the reference schema too).
bool data_vouched(Database& db) {
  auto problems = detail::verify_audit_data(db.impl());
  for (const auto& p : problems) MESSAGE(p);
  return problems.empty();
}
bool sync(Database& db) {
  SQLite::Transaction tx(db.impl().db, SQLite::TransactionBehavior::IMMEDIATE);
  bool changed = detail::sync_digest_triggers(db.impl().db);
  tx.commit();
  return changed;
}
}  // namespace

TEST_CASE("the generated triggers are word for word those of schema 0006: nothing changes on a new database") {
  test::TestDb t;
  for (auto table : detail::audited_tables()) {
    CAPTURE(table);
    for (const auto& [name, sql] : detail::digest_triggers(table, columns_of(t.db, table)))
      CHECK(stored_sql(t.db, name) == sql);
  }
  CHECK_FALSE(sync(t.db));
}

TEST_CASE("a column added by a migration: the triggers and the digest follow, one seal, the data stay vouched for") {
  test::TestDb t;
  add_unit(t.db, UnitInput{"U1", "第一单位", std::nullopt, std::nullopt});
  t.db.impl().db.exec("ALTER TABLE units ADD COLUMN note TEXT DEFAULT 'x'");  // as a migration would
  CHECK(sync(t.db));
  CHECK(stored_sql(t.db, "audit_digest_units_insert").find("NEW.note") != std::string::npos);
  CHECK(data_vouched(t.db));
  auto seals = t.db.impl().db.execAndGet("SELECT count(*) FROM audit_log WHERE operation = 'seal'").getInt();
  CHECK(seals == 1);
  CHECK_FALSE(sync(t.db));  // in step now: no second seal
  add_unit(t.db, UnitInput{"U2", "第二单位", std::nullopt, std::nullopt});  // the new trigger hashes the note too
  CHECK(data_vouched(t.db));
}

TEST_CASE("without the sync, the added column would leave the digest behind (the test above can fail)") {
  test::TestDb t;
  add_unit(t.db, UnitInput{"U1", "第一单位", std::nullopt, std::nullopt});
  t.db.impl().db.exec("ALTER TABLE units ADD COLUMN note TEXT DEFAULT 'x'");
  CHECK_FALSE(data_vouched(t.db));
}
