// Training: courses, sessions, enrolment, attendance, assessment, completion, feedback, hours.
#pragma once
#include <optional>
#include <string>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

// `report course CODE`
CADRE_API Report report_course(Database& db, const std::string& code);
// `report person STAFF_NO`: the training record, hours per year and the secondments.
CADRE_API Report report_person(Database& db, const std::string& staff_no, const std::optional<std::string>& as_of);
// `report hours --year Y [--unit U]`
CADRE_API Report report_hours(Database& db, const std::string& year, const std::optional<std::string>& unit);

}  // namespace cadre
