// Shared by the fuzz targets that go through a whole import: one database for the process (a unit,
// two people with a secondment each, so check-ins resolve), and the fuzzer's bytes written to a
// file, since imports read files. Every import runs as a dry run: the database never grows.
#pragma once
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cadre/database.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"

namespace cadre::fuzz {

inline void remove_dir();

inline const std::string& dir() {
  static const std::string d = [] {
    char tmpl[] = "/tmp/cadre-fuzz-XXXXXX";
    if (!mkdtemp(tmpl)) __builtin_trap();
    return std::string(tmpl);
  }();
  // Removed when the process exits normally (a finding leaves it, with the database, to look at).
  static const int cleanup = std::atexit(remove_dir);
  (void)cleanup;
  return d;
}

inline void remove_dir() {
  std::error_code ec;
  std::filesystem::remove_all(dir(), ec);
}

// Writes `size` bytes to a file named `name` in the fuzzer's folder and returns its path.
inline std::string file(const std::string& name, const std::uint8_t* data, std::size_t size) {
  std::string path = dir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  if (!out.flush()) __builtin_trap();
  return path;
}
inline std::string file(const std::string& name, const std::string& text) {
  return file(name, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

inline Database& db() {
  static Database* d = [] {
    auto* d = new Database(dir() + "/fuzz.db");
    add_unit(*d, {"U1", "Unit one", std::nullopt, std::nullopt});
    add_unit(*d, {"U2", "Unit two", std::nullopt, std::string("U1")});
    for (const char* staff : {"A1", "A2"}) {
      add_person(*d, {staff, std::string("Person ") + staff, std::string("U1"), std::nullopt, std::nullopt,
                      std::nullopt, std::nullopt, std::nullopt, std::nullopt});
      add_secondment(*d, {staff, "U1", "U2", "post", parse_date("2026-01-01", "start"), parse_date("2026-12-31", "end"),
                          std::nullopt, std::nullopt});
    }
    return d;
  }();
  return *d;
}

}  // namespace cadre::fuzz
