// Working days: Monday-Friday, minus holidays, plus make-up working days (调休).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/types.hpp"

namespace cadre {

// A snapshot of the calendar overrides. Answers in O(log n) from sorted overrides, so a report can
// ask it for thousands of periods.
class CADRE_API WorkCalendar {
 public:
  WorkCalendar() = default;
  static WorkCalendar load(Database& db);

  bool is_working_day(std::chrono::sys_days d) const;
  // Working days in [from, to], both inclusive; 0 when to < from.
  std::int64_t working_days(std::chrono::sys_days from, std::chrono::sys_days to) const;

  void add_holiday(std::chrono::sys_days d);
  void add_workday(std::chrono::sys_days d);

 private:
  std::vector<std::chrono::sys_days> holidays_;  // sorted weekdays that are off
  std::vector<std::chrono::sys_days> workdays_;  // sorted weekend days that are worked
};

// `calendar import FILE`: CSV date,kind,name,name_zh (kind holiday|workday); replaces those days.
// Each column is read by the text layer (cadre/parse.hpp) and a bad one is named with its line.
// `encoding` (utf-8 | gb18030 | gbk | utf-16) as import_file's; without it detected the same way.
struct ImportResult;
CADRE_API ImportResult import_calendar(Database& db, const std::string& path, bool dry_run,
                                       const std::optional<std::string>& encoding = std::nullopt);
// `calendar show YYYY-MM`: one row per day.
CADRE_API Report calendar_month(Database& db, Month month);
// Working days in [from, to] by the database's calendar: `to` before `from` is Error(invalid)
// naming TO.
CADRE_API std::int64_t working_days(Database& db, Date from, Date to);
// `calendar workdays FROM TO`: the report of working_days().
CADRE_API Report calendar_workdays(Database& db, Date from, Date to);

}  // namespace cadre
