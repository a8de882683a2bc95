// Fuzz smoke tests: random and mutated inputs to the file and value parsers must end in a
// cadre::Error or a result, never a crash or another exception. (Deterministic seeds; the
// coverage-guided fuzzers in tests/fuzz go further when clang is available.)
#include <doctest/doctest.h>

#include <random>

#include "cadre/error.hpp"
#include "io/csv.hpp"
#include "util/dates.hpp"

using namespace cadre;

namespace {
std::string mutate(std::string s, std::mt19937& rng) {
  static const char alphabet[] = ",\"\r\n \t\xEF\xBB\xBF\xE5\x90\x8D\xFF\x00a1-:T+Z";
  std::uniform_int_distribution<int> op(0, 3), ch(0, sizeof(alphabet) - 2);
  int edits = 1 + int(rng() % 8);
  for (int i = 0; i < edits; ++i) {
    size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (op(rng)) {
      case 0: s.insert(pos, 1, alphabet[ch(rng)]); break;
      case 1: if (!s.empty() && pos < s.size()) s.erase(pos, 1); break;
      case 2: if (!s.empty() && pos < s.size()) s[pos] = alphabet[ch(rng)]; break;
      case 3: s.insert(pos, s.substr(0, rng() % (s.size() + 1))); break;
    }
  }
  return s;
}

template <typename F>
void survives(F&& f) {
  try {
    f();
  } catch (const Error&) {
  }
}
}  // namespace

TEST_CASE("CSV parser survives mutated input") {
  std::mt19937 rng(20261123);
  const std::string seed = "\xEF\xBB\xBFstaff_no,name,unit\r\nA1,\"Li, \"\"Ming\"\"\",U1\r\nA2,王五,U2\n";
  for (int i = 0; i < 20000; ++i) {
    std::string input = mutate(seed, rng);
    survives([&] {
      detail::CsvReader f(input, "fuzz.csv");
      detail::CsvRow row;
      while (f.next(row)) CHECK(row.fields.size() == f.header().size());
    });
  }
}

TEST_CASE("date and instant parsers survive mutated input") {
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string d = mutate("2026-02-28", rng);
    survives([&] { detail::parse_date(d, "x"); });
    std::string t = mutate("2026-03-02T08:31:00+08:00", rng);
    survives([&] {
      auto inst = detail::parse_instant(t, "x", "Asia/Shanghai");
      // Whatever parsed must format and parse back to the same moment.
      auto again = detail::parse_instant(detail::format_instant(inst), "x", "Asia/Shanghai");
      CHECK(again.utc == inst.utc);
    });
    survives([&] { detail::parse_month(mutate("2026-02", rng), "x"); });
    survives([&] { detail::parse_clock(mutate("08:30", rng), "x"); });
  }
}
