// Fuzz target: a calendar import (CSV date,kind,name,name_zh), as a dry run.
#include <cstdint>

#include "cadre/calendar.hpp"
#include "cadre/error.hpp"
#include "cadre/import.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto r = cadre::import_calendar(cadre::fuzz::db(), cadre::fuzz::file("calendar.csv", data, size), true);
    if (r.written != 0) __builtin_trap();  // a dry run writes nothing
  } catch (const cadre::Error&) {
  }
  return 0;
}
