// Internal: parsing and formatting of dates, months and instants, and "today" in a time zone.
#pragma once
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cadre::detail {

using Day = date::sys_days;

// "YYYY-MM-DD", validated (2026-02-30 is refused). Throws Error(invalid) naming `field`.
Day parse_date(std::string_view text, std::string_view field);
std::optional<Day> parse_optional_date(const std::optional<std::string>& text, std::string_view field);
std::string format_date(Day d);
// "YYYY-MM" -> first day of the month.
Day parse_month(std::string_view text, std::string_view field);
std::string format_month(Day first_of_month);
// "HH:MM" -> minutes since midnight.
int parse_clock(std::string_view text, std::string_view field);

struct Instant {
  std::chrono::sys_seconds utc;  // the moment
  int offset_minutes = 0;        // the offset it was written with (or the zone's offset then)
};
// ISO 8601 "2026-03-02T08:31:00+08:00", "...Z", or without offset meaning local time in `tz`;
// a space may stand for the T, seconds may be left out.
Instant parse_instant(std::string_view text, std::string_view field, const std::string& tz);
// Local wall-clock time in `tz` (used for device logs): "YYYY-MM-DD HH:MM:SS".
Instant local_to_instant(std::string_view text, std::string_view field, const std::string& tz);
std::string format_instant(const Instant& i);  // "2026-03-02T08:31:00+08:00"
// The calendar day of an instant in `tz`.
Day local_day(std::chrono::sys_seconds utc, const std::string& tz);
Day today(const std::string& tz);
// Throws Error(invalid) when `tz` is not a zone of the system tz database.
void check_timezone(std::string_view tz, std::string_view field);

}  // namespace cadre::detail
