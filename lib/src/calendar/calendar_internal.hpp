#pragma once
#include "cadre/calendar.hpp"
#include "store/store.hpp"

namespace cadre::detail {
// The calendar read inside the caller's transaction (a report's snapshot).
WorkCalendar load_calendar(Database::Impl& impl);
}  // namespace cadre::detail
