// libFuzzer target: one line of a ZKTeco attlog export.
#include <cstdint>
#include <string_view>

#include "secondment/secondment_internal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  cadre::detail::AttlogPunch p;
  if (cadre::detail::parse_attlog_line(line, p) && (p.pin.empty() || p.device < 0)) __builtin_trap();
  return 0;
}
