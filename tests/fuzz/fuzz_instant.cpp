// libFuzzer target: dates, months, clock times and ISO 8601 instants as typed on the command line.
#include <cstdint>
#include <string>

#include "cadre/error.hpp"
#include "util/dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  using namespace cadre::detail;
  try { parse_date(s, "x"); } catch (const cadre::Error&) {}
  try { parse_month(s, "x"); } catch (const cadre::Error&) {}
  try { parse_clock(s, "x"); } catch (const cadre::Error&) {}
  try {
    auto i = parse_instant(s, "x", "Asia/Shanghai");
    if (parse_instant(format_instant(i), "x", "Asia/Shanghai").utc != i.utc) __builtin_trap();
  } catch (const cadre::Error&) {}
  try { local_to_instant(s, "x", "Asia/Shanghai"); } catch (const cadre::Error&) {}
  return 0;
}
