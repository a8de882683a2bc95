// Issue 10, item 7 ("smaller"): the storage helpers.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/embedded.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cadre;

TEST_CASE("the statement cache is keyed by the SQL text, not by its address") {
  Database db(":memory:");
  auto& impl = db.impl();
  impl.conn->statements.clear();
  std::string a = "SELECT count(*) FROM settings";
  std::string b = a;  // equal text, another address
  REQUIRE(a.c_str() != b.c_str());
  detail::Statement* first = &impl.conn->prepare(a.c_str());
  CHECK(&impl.conn->prepare(b.c_str()) == first);
  CHECK(impl.conn->statements.size() == 1);

  // A text built at run time and gone: the entry keeps its own copy of the text, so a new text
  // at a reused address is prepared as itself.
  {
    std::string gone = "SELECT 1";
    detail::Stmt q(impl, gone.c_str());
    REQUIRE(q.step());
    CHECK(q.col(0).getInt() == 1);
  }
  std::string other = "SELECT 2";
  detail::Stmt q(impl, other.c_str());
  REQUIRE(q.step());
  CHECK(q.col(0).getInt() == 2);
  CHECK(impl.conn->statements.size() == 3);
  for (const auto& [key, statement] : impl.conn->statements) CHECK(key.data() == statement->sql().data());
}

namespace {
std::int64_t count_settings(Database::Impl& impl, const char* key) {
  detail::Stmt q(impl, "SELECT count(*) FROM settings WHERE key = ?");
  q.bind(std::string(key));
  q.step();
  return q.col(0).getInt64();
}
void put_setting(Database::Impl& impl, const char* key) {
  detail::Stmt(impl, "INSERT INTO settings(key, value) VALUES (?, 'x')").bind(std::string(key)).exec();
}
}  // namespace

TEST_CASE("a savepoint undoes its own work alone; the transaction goes on") {
  test::TempDir dir;
  Database db(dir.file("sp.db"));
  auto& impl = db.impl();
  {
    detail::Tx tx(impl, detail::Tx::Mode::write);
    put_setting(impl, "t_before");
    {
      detail::Savepoint kept(impl);
      put_setting(impl, "t_kept");
      {
        detail::Savepoint undone(impl);  // nested, same name: the innermost one is undone
        put_setting(impl, "t_undone");
        undone.rollback();
      }
      kept.release();
    }
    try {
      detail::Savepoint failed(impl);
      put_setting(impl, "t_failed");
      throw std::runtime_error("row failed");
    } catch (const std::runtime_error&) {  // the destructor rolled the savepoint back
    }
    put_setting(impl, "t_after");
    tx.commit();
  }
  CHECK(count_settings(impl, "t_before") == 1);
  CHECK(count_settings(impl, "t_kept") == 1);
  CHECK(count_settings(impl, "t_undone") == 0);
  CHECK(count_settings(impl, "t_failed") == 0);
  CHECK(count_settings(impl, "t_after") == 1);
  // Nothing left open: the transaction committed, so autocommit is back.
  CHECK(sqlite3_get_autocommit(impl.db.getHandle()) != 0);
}

TEST_CASE("the embedded migrations are numbered 1..n without gaps or duplicates") {
  std::vector<int> numbers;
  for (const auto& f : detail::embedded_files()) {
    std::string name = f.name;
    if (name.size() < 4 || name.substr(name.size() - 4) != ".sql") continue;
    INFO(name);
    // NNNN_name.sql: the number is what PRAGMA user_version records once the file has run.
    REQUIRE(name.size() > 9);
    REQUIRE(name.find_first_not_of("0123456789") == 4);
    CHECK(name[4] == '_');
    numbers.push_back(std::stoi(name.substr(0, 4)));
  }
  REQUIRE(!numbers.empty());
  std::sort(numbers.begin(), numbers.end());
  for (std::size_t i = 0; i < numbers.size(); ++i) CHECK(numbers[i] == int(i) + 1);
}
