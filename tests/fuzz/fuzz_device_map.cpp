// Fuzz target: the device map of an attlog import (CSV pin,staff_no), with a fixed attlog (dry run).
#include <cstdint>

#include "cadre/error.hpp"
#include "cadre/import.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string attlog = cadre::fuzz::file(
      "1_attlog.dat",
      "SN01\r\n 1\t2026-03-02 08:31:05\t1\t0\t1\t0\r\n2\t2026-03-02 08:40:00\t1\t0\t1\t0\r\nCHK:01\r\n");
  cadre::ImportOptions o;
  o.dry_run = true;
  o.input_format = "zkteco";
  o.device_map = cadre::fuzz::file("map.csv", data, size);
  try {
    auto r = cadre::import_file(cadre::fuzz::db(), "checkins", attlog, o);
    if (r.rows != 2 || r.written + r.duplicates != 2) __builtin_trap();
  } catch (const cadre::Error&) {
  }
  return 0;
}
