// Internal: what the secondment files share — periods, status, ids, the time-zone cache.
#pragma once
#include <date/tz.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"
#include "util/dates.hpp"
#include "util/zone.hpp"

namespace cadre::detail {

struct Period {
  std::int64_t id = 0, person_id = 0;
  Day start, planned_end;
  std::optional<Day> actual_end;  // early end
  Day end() const { return actual_end ? *actual_end : planned_end; }
};

// The period of a secondment; Error(not_found) naming `field`.
Period load_period(Database::Impl& impl, std::int64_t id, std::string_view field);
// planned (before start) | active | completed (after the planned end) | terminated (after an early end).
std::string status_as_of(const Period& p, Day as_of);

inline std::int64_t day_number(Day d) { return d.time_since_epoch().count(); }
inline Day day_from_number(std::int64_t n) { return Day(date::days(n)); }
inline std::string text_or_empty(const std::optional<std::string>& s) { return s ? *s : std::string(); }

// Local days and local wall-clock times in one zone, remembering the last offset period so a
// million check-ins do not search the zone's transitions a million times.
class ZoneCache {
 public:
  explicit ZoneCache(const std::string& tz);
  Day local_day(std::chrono::sys_seconds utc);
  Instant from_local(date::local_seconds local);

 private:
  const Zone* zone_;
  date::sys_info info_{};
  bool have_ = false;
};

// "YYYY-MM-DD HH:MM[:SS]" (T or space) → local seconds; false when malformed.
bool parse_local_time(std::string_view s, date::local_seconds& out);

// One punch of a ZKTeco attlog line: "PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>Device<TAB>Status<TAB>Verify[<TAB>WorkCode...]"
// (tabs or spaces). False when the line does not parse.
struct AttlogPunch {
  std::string pin;
  date::local_seconds local;
  std::int64_t device = 0, status = 0, verify = 0;
  std::optional<std::int64_t> workcode;
};
bool parse_attlog_line(std::string_view line, AttlogPunch& out);

}  // namespace cadre::detail
