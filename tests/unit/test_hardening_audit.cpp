// Issue 9, finding 7: the audit log vouches for the data (schema 0006, lib/src/store/digest.cpp).
#include <doctest/doctest.h>

#include <set>

#include "store/digest.hpp"
#include "cadre/audit.hpp"
#include "cadre/people.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {
std::vector<std::string> column(Database& db, const std::string& sql, const std::string& arg = "") {
  SQLite::Statement q(db.impl().db, sql);
  if (!arg.empty()) q.bind(1, arg);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}
}  // namespace

TEST_CASE("every table of the schema is audited, except the audit log's own") {
  test::TestDb t;
  std::set<std::string> schema;
  for (auto& name : column(t.db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    if (name != "audit_log" && name != "audit_head" && name != "audit_digest") schema.insert(name);
  std::set<std::string> listed(detail::audited_tables().begin(), detail::audited_tables().end());
  CHECK(listed == schema);
  CHECK(listed.size() == detail::audited_tables().size());  // no table listed twice
}

TEST_CASE("each audited table has its three triggers, hashing every column in declaration order") {
  test::TestDb t;
  for (auto table : detail::audited_tables()) {
    std::string name(table);
    CAPTURE(name);
    auto cols = column(t.db, "SELECT name FROM pragma_table_info(?) ORDER BY cid", name);
    REQUIRE(!cols.empty());
    auto args = [&](const char* prefix) {
      std::string s;
      for (auto& c : cols) s += (s.empty() ? "" : ", ") + std::string(prefix) + c;
      return s;
    };
    auto sql = [&](const std::string& trigger) {
      auto v = column(t.db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?", trigger);
      return v.empty() ? std::string() : v[0];
    };
    std::string where = "WHERE tbl = '" + name + "'";
    std::string ins = sql("audit_digest_" + name + "_insert");
    CHECK(ins.find("AFTER INSERT ON " + name + " ") != std::string::npos);
    CHECK(ins.find("rows = rows + 1, sum = cadre_digest_add(sum, " + args("NEW.") + ") " + where) !=
          std::string::npos);
    std::string upd = sql("audit_digest_" + name + "_update");
    CHECK(upd.find("AFTER UPDATE ON " + name + " ") != std::string::npos);
    CHECK(upd.find("sum = cadre_digest_sub(cadre_digest_add(sum, " + args("NEW.") + "), " + args("OLD.") + ") " +
                   where) != std::string::npos);
    std::string del = sql("audit_digest_" + name + "_delete");
    CHECK(del.find("AFTER DELETE ON " + name + " ") != std::string::npos);
    CHECK(del.find("rows = rows - 1, sum = cadre_digest_sub(sum, " + args("OLD.") + ") " + where) !=
          std::string::npos);
  }
}

TEST_CASE("the running digest is the sum over the rows, whatever the order and the value types") {
  test::TestDb t;
  auto& db = t.db.impl().db;
  auto digest_matches = [&] {
    SQLite::Statement run(db, "SELECT rows, sum FROM audit_digest WHERE tbl = 'units'");
    SQLite::Statement all(db, "SELECT count(*), cadre_digest_sum(id, code, name, kind, parent_id) FROM units");
    run.executeStep();
    all.executeStep();
    return run.getColumn(0).getInt64() == all.getColumn(0).getInt64() &&
           run.getColumn(1).getInt64() == all.getColumn(1).getInt64();
  };
  db.exec("INSERT INTO units(code, name) VALUES ('A', 'a'), ('B', 'b'), ('C', 'c')");
  CHECK(digest_matches());
  db.exec("UPDATE units SET name = 'bee', parent_id = 1 WHERE code = 'B'");
  db.exec("DELETE FROM units WHERE code = 'C'");
  db.exec("INSERT OR REPLACE INTO units(id, code, name) VALUES (1, 'A', 'replaced')");  // a delete and an insert
  CHECK(digest_matches());
  // The same rows written in another order give the same sum; a changed value does not.
  SQLite::Statement a(db, "SELECT cadre_digest_sum(x) FROM (SELECT 1 AS x UNION ALL SELECT 'two' UNION ALL SELECT 3.5)");
  SQLite::Statement b(db, "SELECT cadre_digest_sum(x) FROM (SELECT 3.5 AS x UNION ALL SELECT 1 UNION ALL SELECT 'two')");
  SQLite::Statement c(db, "SELECT cadre_digest_sum(x) FROM (SELECT 3.5 AS x UNION ALL SELECT 2 UNION ALL SELECT 'two')");
  a.executeStep();
  b.executeStep();
  c.executeStep();
  CHECK(a.getColumn(0).getInt64() == b.getColumn(0).getInt64());
  CHECK(a.getColumn(0).getInt64() != c.getColumn(0).getInt64());
  // A whole REAL hashes as the integer (SQLite hands either to a trigger); text '1' does not.
  auto one = [&](const char* sql) { return db.execAndGet(sql).getInt64(); };
  CHECK(one("SELECT cadre_digest_add(0, 60.0)") == one("SELECT cadre_digest_add(0, 60)"));
  CHECK(one("SELECT cadre_digest_add(0, '60')") != one("SELECT cadre_digest_add(0, 60)"));
  CHECK(one("SELECT cadre_digest_add(0, NULL, 'a')") != one("SELECT cadre_digest_add(0, 'a', NULL)"));
  // Adding and subtracting wraps mod 2^64 and comes back to where it started.
  CHECK(one("SELECT cadre_digest_sub(cadre_digest_add(9223372036854775807, 'x'), 'x')") == INT64_MAX);
}

TEST_CASE("the state an entry records is read back exactly; anything else is not a state") {
  detail::DigestState s{{"people", {12, 0x9f86d081884c7d65ULL}}, {"units", {3, 0}}};
  test::TestDb t;
  std::string text = detail::audit_state(t.db.impl().db.getHandle());
  auto fresh = detail::parse_audit_state(text);
  REQUIRE(fresh);
  CHECK(fresh->count("calendar_days") == 1);  // the seed calendar
  CHECK(detail::parse_audit_state("1;people=12:9f86d081884c7d65;units=3:0000000000000000") == s);
  CHECK(detail::parse_audit_state("1") == detail::DigestState{});
  CHECK_FALSE(detail::parse_audit_state(""));
  CHECK_FALSE(detail::parse_audit_state("2;people=1:0000000000000000"));
  CHECK_FALSE(detail::parse_audit_state("1;people=x:0000000000000000"));
  CHECK_FALSE(detail::parse_audit_state("1;people=1:00"));
  CHECK_FALSE(detail::parse_audit_state("1;people"));
}

TEST_CASE("a new database checks clean with no entry; an anchor is the head of the log") {
  test::TestDb t;
  CHECK(check_database(t.db).ok);
  CHECK(audit_anchor(t.db).entries == 0);
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  auto a = audit_anchor(t.db);
  CHECK(a.entries == 1);
  CHECK(a.hash.size() == 64);
  CHECK(verify_audit(t.db, a.hash).ok);
  CHECK(verify_audit(t.db, "1:" + a.hash).ok);
  CHECK_FALSE(verify_audit(t.db, "2:" + a.hash).ok);
  CHECK_THROWS_AS(verify_audit(t.db, "not a hash"), Error);
  CHECK_THROWS_AS(verify_audit(t.db, "0:" + a.hash), Error);
  CHECK(check_database(t.db).ok);
}
