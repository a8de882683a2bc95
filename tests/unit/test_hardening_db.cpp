// Issue 9, the database file: first use by parallel connections, another program's file.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

#include "cadre/people.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cadre;

TEST_CASE("8 connections opening one new database at once all succeed (finding 10)") {
  test::TempDir dir;
  int failures = 0;
  std::string first_error;
  for (int round = 0; round < 60; ++round) {
    std::string path = dir.file("r" + std::to_string(round) + ".db");
    std::atomic<int> ready{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        ++ready;
        while (ready.load() < 8) std::this_thread::yield();  // start together
        try {
          Database db(path);
          if (t % 2 == 0)
            add_unit(db, {"U" + std::to_string(t), "unit", std::nullopt, std::nullopt});
          else
            list_units(db);
        } catch (const Error& e) {
          if (failed++ == 0 && first_error.empty()) first_error = e.what();
        }
      });
    }
    for (auto& th : threads) th.join();
    failures += failed.load();
    Database db(path);
    CHECK(check_database(db).ok);
  }
  INFO(first_error);
  CHECK(failures == 0);
}

TEST_CASE("a file cadre refuses is left exactly as it was") {
  test::TempDir dir;
  std::string path = dir.file("notes.db");
  {
    std::ofstream f(path);
    f << "SQLite format 3 is not what this file holds\n";
  }
  CHECK_THROWS_AS(Database{path}, Error);
  std::ifstream f(path);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  CHECK(text == "SQLite format 3 is not what this file holds\n");
}

TEST_CASE("--db in a folder that does not exist is refused, nothing is created") {
  test::TempDir dir;
  try {
    Database db(dir.file("no/such/x.db"));
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find(dir.file("no/such")) != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir.file("no")));
}
