// Fuzz target: the CSV reader behind every import and the device map. With clang and libFuzzer:
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCADRE_BUILD_FUZZ=ON -DCADRE_BUILD_TESTS=OFF
//   cmake --build build-fuzz --target fuzz_csv && build-fuzz/tests/fuzz/fuzz_csv tests/fuzz/corpus/csv
// ctest runs the same function over the corpus and bounded mutations (tests/fuzz/driver.cpp).
#include <cstdint>
#include <string>

#include "cadre/error.hpp"
#include "io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    cadre::detail::CsvReader f(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    const auto& header = f.header();
    // A header that was accepted has named, distinct columns.
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i].empty()) __builtin_trap();
      for (std::size_t j = 0; j < i; ++j)
        if (header[i] == header[j]) __builtin_trap();
    }
    cadre::detail::CsvRow row;
    long last = 0;
    while (f.next(row)) {
      if (row.fields.size() != header.size() || row.line <= last) __builtin_trap();
      for (const auto& field : row.fields)
        if (field.find('\0') != std::string::npos || field.size() > cadre::detail::max_line_bytes) __builtin_trap();
      last = row.line;
    }
  } catch (const cadre::Error&) {
  }
  return 0;
}
