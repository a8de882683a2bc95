// Test helpers: a fresh database in a temporary directory.
#pragma once
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "cadre/database.hpp"
#include "cadre/error.hpp"

namespace cadre::test {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/cadre-test-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A database file with the migrations applied, in its own directory.
struct TestDb {
  TempDir dir;
  Database db{dir.file("test.db")};
};

}  // namespace cadre::test
