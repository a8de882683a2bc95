// Issue 11, step 1: the pieces of the PostgreSQL backend that need no server.
#include <doctest/doctest.h>

#include <string>

#include "store/conn.hpp"

using namespace cadre::detail;

TEST_CASE("the shared SQL as PostgreSQL reads it: placeholders numbered, strings and comments untouched") {
  int n = 0;
  CHECK(pg_placeholders("SELECT a FROM t WHERE b = ? AND c = ?", &n) == "SELECT a FROM t WHERE b = $1 AND c = $2");
  CHECK(n == 2);
  // ?NNN keeps its number; a bare ? after it takes the largest so far + 1, as in SQLite.
  CHECK(pg_placeholders("WHERE x = ?1 OR ?1 IS NULL AND y = ?", &n) == "WHERE x = $1 OR $1 IS NULL AND y = $2");
  CHECK(n == 2);
  CHECK(pg_placeholders("SELECT '?', \"q?\", 'it''s ?' -- ?\n, ? /* ? */", &n) ==
        "SELECT '?', \"q?\", 'it''s ?' -- ?\n, $1 /* ? */");
  CHECK(n == 1);
  CHECK(pg_placeholders("FROM c CROSS JOIN s ON s.c = c.id CROSS JOIN a ON a.s = s.id") ==
        "FROM c JOIN s ON s.c = c.id JOIN a ON a.s = s.id");
  CHECK(pg_placeholders("SELECT 'CROSS JOIN x'") == "SELECT 'CROSS JOIN x'");
}

TEST_CASE("which --db values name PostgreSQL, and a password never shown") {
  CHECK(is_postgres("postgresql://u@h/db"));
  CHECK(is_postgres("postgres:///cadre?host=/tmp/x"));
  CHECK(is_postgres("host=/tmp dbname=cadre"));
  CHECK_FALSE(is_postgres("/home/clerk/cadre.db"));
  CHECK_FALSE(is_postgres("cadre.db"));
  CHECK(redact_connection_string("postgresql://clerk:s3cret@db.example/cadre") ==
        "postgresql://clerk:***@db.example/cadre");
  CHECK(redact_connection_string("postgresql://clerk@/cadre?host=/run&password=s3cret") ==
        "postgresql://clerk@/cadre?host=/run&password=***");
  CHECK(redact_connection_string("host=db dbname=cadre password='s3 cret' user=x") ==
        "host=db dbname=cadre password=*** user=x");
  CHECK(redact_connection_string("host=db dbname=cadre") == "host=db dbname=cadre");
}
