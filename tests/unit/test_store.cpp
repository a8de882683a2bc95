#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "audit/audit.hpp"
#include "cadre/audit.hpp"
#include "cadre/people.hpp"
#include "cadre/settings.hpp"
#include "store/embedded.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {
int exec_raw(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}
std::int64_t scalar(Database& db, const char* sql) {
  SQLite::Statement q(db.impl().db, sql);
  q.executeStep();
  return q.getColumn(0).getInt64();
}
int latest_version() {
  int v = 0;
  for (const auto& f : detail::embedded_files())
    if (std::string(f.name).size() > 4 && std::string(f.name).find(".sql") != std::string::npos)
      v = std::max(v, std::stoi(std::string(f.name).substr(0, 4)));
  return v;
}
}  // namespace

TEST_CASE("a new database is created 0600, migrated, in WAL with foreign keys") {
  test::TempDir dir;
  std::string path = dir.file("new.db");  // folders are created only at the default location (issue 9)
  Database db(path);
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(scalar(db, "PRAGMA user_version") == latest_version());
  CHECK(scalar(db, "PRAGMA application_id") == 0x43414452);
  CHECK(scalar(db, "PRAGMA foreign_keys") == 1);
  CHECK(scalar(db, "PRAGMA synchronous") == 1);  // NORMAL
  SQLite::Statement jm(db.impl().db, "PRAGMA journal_mode");
  jm.executeStep();
  CHECK(jm.getColumn(0).getString() == "wal");
  CHECK(scalar(db, "SELECT count(*) FROM calendar_days") > 60);  // seed calendar
}

TEST_CASE("opening an existing database keeps its data and migrates only what is new") {
  test::TempDir dir;
  std::string path = dir.file("old.db");
  // A file made by the first cadre: only migration 0001 applied, with a unit in it.
  std::string first;
  for (const auto& f : detail::embedded_files())
    if (std::string(f.name).rfind("0001_", 0) == 0) first = f.text;
  REQUIRE(!first.empty());
  REQUIRE(exec_raw(path, (first + "PRAGMA user_version = 1; PRAGMA application_id = 1128350802;"
                             "INSERT INTO units(code, name) VALUES ('U1', 'Unit one');").c_str()) == SQLITE_OK);
  Database db(path);
  CHECK(scalar(db, "PRAGMA user_version") == latest_version());
  CHECK(scalar(db, "SELECT count(*) FROM units") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM calendar_days") > 60);
  // Opening again applies nothing and changes nothing.
  Database again(path);
  CHECK(scalar(again, "SELECT count(*) FROM units") == 1);
}

TEST_CASE("a database from a newer cadre or another application is refused") {
  test::TempDir dir;
  std::string path = dir.file("x.db");
  { Database db(path); }
  REQUIRE(exec_raw(path, "PRAGMA user_version = 9999;") == SQLITE_OK);
  CHECK_THROWS_AS(Database{path}, Error);
  std::string other = dir.file("other.db");
  REQUIRE(exec_raw(other, "CREATE TABLE t(x); PRAGMA application_id = 42;") == SQLITE_OK);
  try {
    Database db(other);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::storage);
  }
}

TEST_CASE("settings are validated") {
  test::TestDb t;
  CHECK(get_setting(t.db, "timezone") == "Asia/Shanghai");
  CHECK(get_setting(t.db, "min_presence") == "0.8");
  set_setting(t.db, "min_presence", "0.75");
  CHECK(get_setting(t.db, "min_presence") == "0.75");
  CHECK_THROWS_AS(set_setting(t.db, "min_presence", "1.5"), Error);
  CHECK_THROWS_AS(set_setting(t.db, "min_presence", "abc"), Error);
  CHECK_THROWS_AS(set_setting(t.db, "timezone", "Mars/Olympus"), Error);
  CHECK_THROWS_AS(set_setting(t.db, "colour", "blue"), Error);
  set_setting(t.db, "timezone", "Asia/Urumqi");
  CHECK(get_setting(t.db, "timezone") == "Asia/Urumqi");
  CHECK(get_setting(t.db, "min_presence") == "0.75");
}

TEST_CASE("the audit chain detects an edited, a deleted and a truncated entry") {
  test::TempDir dir;
  std::string path = dir.file("a.db");
  {
    Database db(path);
    db.set_actor("clerk");
    add_unit(db, {"U1", "One", std::nullopt, std::nullopt});
    add_unit(db, {"U2", "Two", std::nullopt, std::nullopt});
    add_unit(db, {"U3", "Three", std::nullopt, std::nullopt});
    auto v = verify_audit(db);
    CHECK(v.ok);
    CHECK(v.entries == 3);
    CHECK(check_database(db).ok);
  }
  SUBCASE("edited") {
    REQUIRE(exec_raw(path, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2") == SQLITE_OK);
    Database db(path);
    CHECK_FALSE(verify_audit(db).ok);
    CHECK_FALSE(check_database(db).ok);
  }
  SUBCASE("deleted in the middle") {
    REQUIRE(exec_raw(path, "DELETE FROM audit_log WHERE seq = 2") == SQLITE_OK);
    Database db(path);
    CHECK_FALSE(verify_audit(db).ok);
  }
  SUBCASE("last entry deleted") {
    REQUIRE(exec_raw(path, "DELETE FROM audit_log WHERE seq = 3") == SQLITE_OK);
    Database db(path);
    CHECK_FALSE(verify_audit(db).ok);
  }
  SUBCASE("untouched") {
    Database db(path);
    CHECK(verify_audit(db).ok);
  }
}

TEST_CASE("a failed command leaves no audit entry and no row") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  CHECK_THROWS_AS(add_unit(t.db, {"U1", "Again", std::nullopt, std::nullopt}), Error);
  CHECK_THROWS_AS(add_person(t.db, {"P1", "Name", "NOPE"}), Error);
  CHECK(scalar(t.db, "SELECT count(*) FROM audit_log") == 1);
  CHECK(scalar(t.db, "SELECT count(*) FROM people") == 0);
}

TEST_CASE("backup writes a consistent copy and refuses to overwrite") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  std::string copy = t.dir.file("copy.db");
  backup_database(t.db, copy);
  Database b(copy);
  CHECK(scalar(b, "SELECT count(*) FROM units") == 1);
  CHECK(check_database(b).ok);
  CHECK_THROWS_AS(backup_database(t.db, copy), Error);
}
