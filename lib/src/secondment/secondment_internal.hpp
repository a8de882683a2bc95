// Internal: what the secondment files share — periods, status, ids, the time-zone cache.
#pragma once
#include <date/tz.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cadre/secondment.hpp"
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
// `secondment add`, `leave request` and `evaluate` (and their import kinds) inside the caller's
// transaction: each checks its row against the rules and writes and audits it.
std::int64_t insert_secondment(Database::Impl& impl, const SecondmentInput& in);
std::int64_t insert_leave(Database::Impl& impl, const LeaveInput& in);
void approve_leave_row(Database::Impl& impl, Id leave_id, const std::string& by, const std::string& level);
void insert_evaluation(Database::Impl& impl, const EvaluationInput& in);

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

// `settings set timezone`: recomputes the stored local day of every check-in in zone `tz`; returns
// how many changed.
std::int64_t recompute_checkin_days(Database::Impl& impl, const std::string& tz);
}  // namespace cadre::detail
