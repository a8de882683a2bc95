// Fuzz target: a ZKTeco attlog export, one line through the punch parser and the whole file
// through the check-in import (dry run), against people with secondments and a fixed device map.
#include <cstdint>
#include <string_view>

#include "cadre/error.hpp"
#include "cadre/import.hpp"
#include "fuzz_support.hpp"
#include "io/attlog.hpp"
#include "secondment/secondment_internal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  cadre::detail::AttlogPunch p;
  if (cadre::detail::parse_attlog_line(line, p) && (p.pin.empty() || p.device < 0)) __builtin_trap();
  static const std::string map = cadre::fuzz::file("map.csv", "pin,staff_no\n1,A1\n2,A2\n101,A1\n");
  cadre::ImportOptions o;
  o.dry_run = true;
  o.input_format = "zkteco";
  o.device_map = map;
  try {
    auto r = cadre::import_file(cadre::fuzz::db(), "checkins", cadre::fuzz::file("1_attlog.dat", data, size), o);
    if (r.written + r.duplicates != r.rows) __builtin_trap();
  } catch (const cadre::Error&) {
  }
  return 0;
}
