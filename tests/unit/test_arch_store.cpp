// Issue 10, item 7 ("smaller"): the storage helpers.
#include <doctest/doctest.h>

#include <string>

#include "store/store.hpp"
#include "test_support.hpp"

using namespace cadre;

TEST_CASE("the statement cache is keyed by the SQL text, not by its address") {
  Database db(":memory:");
  auto& impl = db.impl();
  impl.statements.clear();
  std::string a = "SELECT count(*) FROM settings";
  std::string b = a;  // equal text, another address
  REQUIRE(a.c_str() != b.c_str());
  SQLite::Statement* first = &impl.prepare(a.c_str());
  CHECK(&impl.prepare(b.c_str()) == first);
  CHECK(impl.statements.size() == 1);

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
  CHECK(impl.statements.size() == 3);
  for (const auto& [key, statement] : impl.statements) CHECK(key.data() == statement->getQuery().data());
}
