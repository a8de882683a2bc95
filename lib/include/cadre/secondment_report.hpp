// The typed result of `report secondment ID`: what the report computes from the period's facts
// (calendar, check-ins, leave, monthly reports, evaluations, settings), as values, before any label
// or format. secondment_summary() reads the facts and applies the rules (presence, appraisal, the
// report due dates); to_model() turns the result into the Report the renderers print.
// report_secondment() in cadre/secondment.hpp is the two in a row.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/secondment.hpp"
#include "cadre/types.hpp"

namespace cadre {

// The five appraisal dimensions (德能勤绩廉), in the order of every score array below.
inline constexpr std::array<const char*, 5> kAppraisalDimensions = {"conduct", "competence", "diligence", "performance",
                                                                    "integrity"};

// The period and who it is, as of the summary's date.
struct SecondmentPeriod {
  Id id = 0;
  std::string staff_no, name;
  std::string host, host_name, home, home_name;  // unit codes and names
  std::string post;
  Date start{}, end{};    // end: the actual end if ended early, else the planned one
  std::string status;     // planned | active | completed | terminated, as of the date
  std::string direction;  // down | up | across
  std::optional<std::string> batch;
  // Every stored field as add_secondment takes it (its `end` is the planned end): a field added to
  // SecondmentInput reaches the typed result, and through the field table the report, by itself.
  SecondmentInput record;
  std::optional<Date> actual_end;  // an early end
};

// Presence and the monthly work report of one month of the window [start, min(end, as_of)].
struct SecondmentMonth {
  Month month{};
  std::int64_t working_days = 0, present_days = 0, leave_days = 0;
  std::optional<double> presence_rate;  // (present + trip) / (working - leave); none when that is 0
  bool report_filed = false;            // filed on or before the as-of date
  bool report_missing = false;          // not filed and past its due date (the 5th of the next month)
  std::int64_t trip_days = 0;           // working days on a duty trip without a check-in, not on leave
  std::int64_t makeup_days = 0;         // present days whose only check-ins are make-up punches
  std::int64_t makeups = 0;             // make-up punches (补卡) in the month
  std::int64_t days_in_post = 0;        // calendar days with a check-in, or on a trip (village rule)
};

// A duty trip (报备) of the period.
struct SecondmentTrip {
  Id id = 0;
  Date from{}, to{};
  std::string purpose;
  std::optional<std::string> place;
};

// A spot check (抽查) of the period.
struct SecondmentSpotCheck {
  Id id = 0;
  Date on{};
  std::string result;  // present | absent
  std::optional<std::string> by, note;
};

// One calendar year of a village secondment: days in post against the yearly minimum (setting
// village_min_days_year, pro rata for the part of the year the period covers).
struct SecondmentVillageYear {
  int year = 0;
  std::int64_t days = 0;          // calendar days of the period in the year
  std::int64_t days_in_post = 0;  // up to the as-of date
  std::int64_t required = 0;
  bool complete = false;  // the period's part of the year is over; only then is a shortfall flagged
};

// One leave of the period, in any status.
struct SecondmentLeave {
  Id id = 0;
  Date from{}, to{};
  std::string kind, status;  // sick | personal | annual | official; requested | approved | ...
  std::optional<std::string> level, approver;
  std::optional<Date> returned_on;
  std::int64_t days = 0;  // calendar days, a return ending the leave the day before
};

struct SecondmentEvaluation {
  std::string period, rater;
  double score = 0;                    // the mean of the five
  std::string grade;                   // explicit, else the band of the score
  std::array<double, 5> dimensions{};  // kAppraisalDimensions order
  bool counted = false;                // used for the overall score
};

// One task set by the host, its status as of the summary's date.
struct SecondmentTask {
  Id id = 0;
  std::string title;
  Date due{};
  std::string status;  // open | done | overdue
  std::optional<Date> done_on;
  bool done_late = false;  // done after its due date
};

// Something the clerk must look at: a code, the rule that raised it and the figures it names.
struct SecondmentFlag {
  std::string code;  // presence_below_minimum | monthly_report_missing | task_overdue | term_outside_rule |
                     // host_over_limit | makeup_over_limit | grade_capped_by_spot_checks |
                     // village_month_below_minimum | village_year_below_minimum
  std::string rule;  // setting min_presence | monthly report due the 5th of the next month | setting ...
  std::optional<double> presence_rate, min_presence;  // presence_below_minimum
  std::optional<Month> month;  // monthly_report_missing, makeup_over_limit, village_month_below_minimum
  std::optional<Date> due;     // monthly_report_missing: the due date; task_overdue: the task's
  // task_overdue: the task; term_outside_rule: the planned term (with extensions) it found.
  std::optional<Id> task_id;
  std::optional<std::string> task_title;
  std::optional<Date> term_start, term_end;
  // makeup_over_limit: make-ups in the month and max_makeup_per_month; village_*: days in post and
  // the minimum; grade_capped_by_spot_checks: the absences (count).
  std::optional<std::int64_t> count, limit;
  std::optional<std::string> grade, capped_grade;  // grade_capped_by_spot_checks: before and after
  std::optional<int> year;                         // village_year_below_minimum
};

struct SecondmentSummary {
  SecondmentPeriod secondment;
  Date as_of{};
  std::int64_t working_days = 0, leave_days = 0, present_days = 0;
  std::optional<double> presence_rate;
  double min_presence = 0;  // setting min_presence
  std::vector<SecondmentMonth> months;
  std::int64_t reports_filed = 0, reports_missing = 0, reports_not_yet_due = 0;
  std::vector<SecondmentLeave> leaves;            // by start date
  std::vector<SecondmentEvaluation> evaluations;  // in recording order
  std::optional<double> overall_score;            // none without evaluations
  std::optional<std::string> overall_grade;       // excellent | competent | basically_competent | incompetent
  std::array<double, 5> overall_dimensions{};     // weighted like the score; meaningful with a score
  std::vector<SecondmentTask> tasks;              // by due date
  std::int64_t tasks_open = 0, tasks_overdue = 0;  // tasks of each status as of the date
  std::vector<SecondmentFlag> flags;
  // Secondment workflows (presence side): duty trips, make-up punches, spot checks, village rules.
  std::int64_t trip_days = 0, makeup_days = 0, days_in_post = 0, spot_check_absences = 0;
  std::vector<SecondmentTrip> trips;                 // by start date
  std::vector<SecondmentSpotCheck> spot_checks;      // by day
  std::vector<SecondmentVillageYear> village_years;  // village secondments only
  // overall_grade above is after the spot-check cap; this is the grade the evaluations gave.
  std::optional<std::string> uncapped_grade;
};

// `report secondment ID [--as-of D]` as values; as_of: default today in the database's time zone.
// Error(invalid) for an id below 1, Error(not_found) for an unknown one.
CADRE_API SecondmentSummary secondment_summary(Database& db, Id id, std::optional<Date> as_of);
// The report model of `report secondment` (in the thread's language), for cadre::render.
CADRE_API Report to_model(const SecondmentSummary& summary);

}  // namespace cadre
