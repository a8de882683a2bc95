// Internal: parsing and formatting of dates, months and instants, and "today" in a time zone.
#pragma once
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "cadre/types.hpp"

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

// The moment and the offset it was written with (or the zone's offset then).
using cadre::Instant;
using cadre::LocalTime;
using cadre::When;
// ISO 8601 "2026-03-02T08:31:00+08:00", "...Z" (an Instant), or without offset (a LocalTime);
// a space may stand for the T, seconds may be left out.
When parse_when(std::string_view text, std::string_view field);
// A LocalTime read in `tz` (refused in a gap of the clocks, the first pass in an overlap).
Instant resolve(const When& when, const std::string& tz, std::string_view field);
// parse_when, then resolve: without offset meaning local time in `tz`.
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
