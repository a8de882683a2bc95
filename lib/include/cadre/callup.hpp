// The call-up (调训) of a course: the organisation department gives units places (quota set), units
// nominate their people (申报, nominate), the level above approves a nomination (which enrols the
// nominee, or waitlists them when the course is full) or sends it back (reject, which frees the
// place), and trainees arrive (报到, arrive). A trainee who has not arrived by the course's start +
// arrival_grace_days (setting, default 3: "未经请假逾期三天不报到者，取消入学资格") is a no-show.
// Inputs are typed (cadre/types.hpp); the rules name fields by id. Every write is one transaction
// and one audit entry per change.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/training.hpp"
#include "cadre/types.hpp"

namespace cadre {

// The largest number of places one unit can be given in one course.
inline constexpr int kMaxPlaces = kMaxCapacity;
// The largest arrival_grace_days setting.
inline constexpr int kMaxArrivalGraceDays = 365;

// `quota set COURSE UNIT --places N`: sets (or changes) the unit's places, 0..kMaxPlaces. Fewer
// places than the unit's standing nominations (nominated or approved): Error(conflict) naming places.
struct QuotaInput {
  std::string course, unit;
  int places = -1;
};
CADRE_API void set_quota(Database& db, const QuotaInput& quota);

// `nominate COURSE STAFF_NO... [--by NAME] [--on DATE]`: all or none. Each nominee counts against
// the nearest unit up their unit's chain with places in the course; none there, or more standing
// nominations than its places: Error(conflict). A nominee already nominated, approved or enrolled:
// Error(conflict). A rejected nomination may be made again.
struct NominationInput {
  std::string course;
  std::vector<std::string> staff_nos;
  std::optional<std::string> by;  // who nominates (the unit's clerk)
  std::optional<Date> on;         // default today in the database's time zone
};
struct Nominated {
  std::string staff_no, unit;  // unit: the code whose places the nomination takes
};
CADRE_API std::vector<Nominated> nominate(Database& db, const NominationInput& nomination);

// `nomination approve|reject COURSE STAFF_NO --by NAME [--reason R] [--on DATE]`: only a nomination
// still `nominated` (else Error(conflict)); no nomination: Error(not_found). Reject needs a reason.
struct NominationDecision {
  std::string course, staff_no;
  std::optional<std::string> by;
  std::optional<std::string> reason;
  std::optional<Date> on;
};
// Approving enrols the nominee: enrolled, or waitlisted when the course is full.
CADRE_API EnrolOutcome approve_nomination(Database& db, const NominationDecision& decision);
CADRE_API void reject_nomination(Database& db, const NominationDecision& decision);

// `arrive COURSE STAFF_NO [--on DATE]` (报到): the trainee must be enrolled; the day may not be before
// the course's start minus 7 days nor after its end, nor after the arrival deadline (start +
// arrival_grace_days), when the place is lost (Error(conflict) naming the rule). Once per trainee.
struct ArrivalInput {
  std::string course, staff_no;
  std::optional<Date> on;
};
CADRE_API void arrive(Database& db, const ArrivalInput& arrival);

// --- report callup ------------------------------------------------------------------------------

// The call-up statuses of a nominee, in report order.
inline constexpr std::string_view kCallupStatuses[] = {"nominated", "approved", "rejected",
                                                       "arrived",   "no_show",  "withdrawn"};

struct CallupUnit {
  std::string unit, unit_name;
  std::int64_t places = 0;
  // nominated: every nomination (rejected ones too); approved: approved ones (arrived and no-shows
  // included); the rest as the people's statuses.
  std::int64_t nominated = 0, approved = 0, rejected = 0, arrived = 0, no_show = 0;
};

struct CallupPerson {
  std::string staff_no, name, unit;  // unit: the code whose places the nomination takes
  std::string status;                // one of kCallupStatuses
  std::optional<Date> arrived_on;
  std::optional<std::string> reason;  // a rejection's reason
};

// A unit the clerk must look at: places_unused (fewer approved than places once the course has
// started) or no_show (trainees who did not arrive), with the rule that raised it.
struct CallupFlag {
  std::string_view code;  // places_unused | no_show
  std::string_view rule;
  std::string unit, unit_name;
  std::int64_t count = 0;  // places left unused, or no-shows
};

struct CallupReport {
  std::string code, title;
  Date start{}, end{};
  Date as_of{};
  Date arrival_deadline{};  // start + arrival_grace_days: the last day to arrive
  int arrival_grace_days = 3;
  std::vector<CallupUnit> units;     // by unit code: units with places, then any other nominating unit
  std::vector<CallupPerson> people;  // by unit, then staff number
  std::vector<CallupFlag> flags;     // by unit
};

// `report callup COURSE [--as-of D]` (default today in the database's zone); Error(not_found) naming CODE.
CADRE_API CallupReport callup_report(Database& db, const std::string& course, std::optional<Date> as_of);
CADRE_API Report to_model(const CallupReport& report);
CADRE_API Report report_callup(Database& db, const std::string& course, std::optional<Date> as_of);

}  // namespace cadre
