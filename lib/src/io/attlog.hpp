// Internal: the ZKTeco attlog reader, beside the CSV reader (io/csv.hpp).
#pragma once
#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadre::detail {

// One punch of a ZKTeco attlog line: "PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>Device<TAB>Status<TAB>Verify[<TAB>WorkCode...]"
// (tabs or spaces). False when the line does not parse.
struct AttlogPunch {
  std::string pin;
  date::local_seconds local;
  std::int64_t device = 0, status = 0, verify = 0;
  std::optional<std::int64_t> workcode;
};
bool parse_attlog_line(std::string_view line, AttlogPunch& out);
// The blank-separated tokens of a line (tabs, spaces, a stray CR).
std::vector<std::string_view> attlog_tokens(std::string_view line);

}  // namespace cadre::detail
