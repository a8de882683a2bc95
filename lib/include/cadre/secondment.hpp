// Secondment: periods, check-ins, leave, monthly reports, evaluations, presence.
// Inputs are strings as the user typed them; the library validates them, naming the CLI field in
// the error (`--start`, `--lat`, ...). Every write is one transaction and one audit entry.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

// --- periods ---------------------------------------------------------------------------------
struct SecondmentInput {
  std::string staff_no;
  std::string home_unit;  // --from
  std::string host_unit;  // --to
  std::string post;
  std::string start;  // YYYY-MM-DD
  std::string end;    // planned end, YYYY-MM-DD
  std::optional<std::string> batch;
  std::optional<std::string> direction;  // down (default) | up | across
};
// Returns the new secondment id. An overlapping secondment of the same person is Error(conflict).
CADRE_API std::int64_t add_secondment(Database& db, const SecondmentInput& in);

struct SecondmentFilter {
  std::optional<std::string> active_on;  // YYYY-MM-DD: periods covering that day
  std::optional<std::string> batch;
  std::optional<std::string> host;  // unit code
};
CADRE_API Report list_secondments(Database& db, const SecondmentFilter& filter);
// One secondment with its extension history and termination.
CADRE_API Report show_secondment(Database& db, const std::string& id);
// `secondment extend ID --until DATE --reason R`: a later planned end; the history is kept.
CADRE_API void extend_secondment(Database& db, const std::string& id, const std::string& until,
                                 const std::string& reason);
// `secondment end ID --on DATE --reason R [--decided-by N]`: early end (status terminated).
CADRE_API void end_secondment(Database& db, const std::string& id, const std::string& on, const std::string& reason,
                              const std::optional<std::string>& decided_by);

// --- check-ins -------------------------------------------------------------------------------
struct CheckinInput {
  std::string staff_no;
  std::optional<std::string> at;    // ISO 8601 instant; default now; without offset = database zone
  std::optional<std::string> kind;  // on_duty (default) | field | meeting | remote
  std::optional<std::string> place;
  std::optional<std::string> lat;  // -90..90, given together with lon
  std::optional<std::string> lon;  // -180..180
  std::string source = "cli";      // cli | api | import
};
struct CheckinResult {
  std::int64_t secondment_id = 0;
  std::string day;         // the local day it counts on (database time zone)
  bool duplicate = false;  // same person, same minute: ignored
};
CADRE_API CheckinResult checkin(Database& db, const CheckinInput& in);

struct CheckinBatchResult {
  std::int64_t rows = 0;
  std::int64_t written = 0;
  std::int64_t duplicates = 0;
};
// All or nothing: one bad check-in (reported as "item N: ...") refuses the whole batch.
CADRE_API CheckinBatchResult checkin_batch(Database& db, const std::vector<CheckinInput>& items);

// --- leave (请销假) ------------------------------------------------------------------------------
struct LeaveInput {
  std::string secondment_id;
  std::string from, to;  // YYYY-MM-DD, inclusive
  std::string kind;      // sick | personal | annual | official
  std::optional<std::string> reason;
};
CADRE_API std::int64_t request_leave(Database& db, const LeaveInput& in);
// The level must be at least the one the length requires (≤ 3 days host, ≤ 7 district, more city).
CADRE_API void approve_leave(Database& db, const std::string& leave_id, const std::string& by,
                             const std::string& level);
CADRE_API void reject_leave(Database& db, const std::string& leave_id, const std::string& by,
                            const std::optional<std::string>& reason);
CADRE_API void cancel_leave(Database& db, const std::string& leave_id);
// 销假: back at post on `on` (a day of the leave); the leave now ends the day before.
CADRE_API void return_from_leave(Database& db, const std::string& leave_id, const std::string& on);

// --- monthly work reports ----------------------------------------------------------------------
struct MonthlyReportInput {
  std::string secondment_id;
  std::string month;  // YYYY-MM, within the period
  std::string text;
  std::optional<std::string> filed_on;  // YYYY-MM-DD, default today
};
CADRE_API void add_monthly_report(Database& db, const MonthlyReportInput& in);

// --- evaluations -------------------------------------------------------------------------------
struct EvaluationInput {
  std::string secondment_id;
  std::string period;  // midterm, annual-2026, final, ...
  std::string rater;   // host | home | org
  std::string conduct, competence, diligence, performance, integrity;  // 0-100
  std::optional<std::string> grade;  // excellent | competent | basically_competent | incompetent
  std::optional<std::string> comment;
};
CADRE_API void evaluate(Database& db, const EvaluationInput& in);

// --- reports -----------------------------------------------------------------------------------
// `report secondment ID [--as-of D]`
CADRE_API Report report_secondment(Database& db, const std::string& id, const std::optional<std::string>& as_of);
// `report secondments [--batch B] [--host UNIT] [--as-of D]`
CADRE_API Report report_secondments(Database& db, const std::optional<std::string>& batch,
                                    const std::optional<std::string>& host, const std::optional<std::string>& as_of);

}  // namespace cadre
