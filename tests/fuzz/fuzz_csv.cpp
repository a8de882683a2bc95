// libFuzzer target: the CSV reader behind every import. Build with
//   CXX=clang++ cmake -S . -B build-fuzz -DCADRE_BUILD_FUZZ=ON && cmake --build build-fuzz --target fuzz_csv
//   build-fuzz/tests/fuzz/fuzz_csv -max_total_time=60 examples/
#include <cstdint>
#include <string>

#include "cadre/error.hpp"
#include "io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto f = cadre::detail::CsvFile::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    for (const auto& row : f.rows())
      if (row.fields.size() != f.header().size()) __builtin_trap();
  } catch (const cadre::Error&) {
  }
  return 0;
}
