// Secondment: periods, check-ins, leave, monthly reports, evaluations, presence.
// Inputs are typed (cadre/types.hpp); text is parsed by cadre/parse.hpp before it gets here. The
// rules name fields by id ("start", "lat"), which each surface spells its own way. Enum words
// (direction, kind, level, rater, grade, source) are still validated strings. Every write is one
// transaction and one audit entry.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/types.hpp"

namespace cadre {

// The ranges the rules hold numbers to, for a text surface to parse with (parse_number).
struct Range {
  double min, max;
};
inline constexpr Range kLatitude{-90, 90}, kLongitude{-180, 180}, kScore{0, 100};

// --- periods ---------------------------------------------------------------------------------
struct SecondmentInput {
  std::string staff_no;
  std::string home_unit;  // field "from"
  std::string host_unit;  // field "to"
  std::string post;
  Date start;
  Date end;  // planned end
  std::optional<std::string> batch;
  std::optional<std::string> direction;  // down (default) | up | across
  std::optional<std::string> type;       // standard (default) | village (驻村)
};
// Returns the new secondment id. An overlapping secondment of the same person is Error(conflict).
CADRE_API std::int64_t add_secondment(Database& db, const SecondmentInput& in);

// The fields of SecondmentInput as a text surface offers them (the CLI's options of `secondment
// add` and its usage, the C API's named fields), in the order the usage lists them. They come from
// the secondment field table (lib/src/secondment/fields.cpp), so a new field needs no surface code.
struct SecondmentInputField {
  std::string id;       // field id: the CLI option without "--", the C name; "STAFF_NO" is positional
  std::string metavar;  // what the usage shows: "UNIT", "DATE", "down|up|across"
  bool required = false;
  bool positional = false;
};
CADRE_API const std::vector<SecondmentInputField>& secondment_input_fields();
// Parses `text` as the field `id` (cadre/parse.hpp, naming the field) and stores it typed in `in`;
// an id that is not a field of secondment_input_fields() is Error(invalid).
CADRE_API void set_secondment_field(SecondmentInput& in, std::string_view id, std::string_view text);

struct SecondmentFilter {
  std::optional<Date> active_on;  // periods covering that day
  std::optional<std::string> batch;
  std::optional<std::string> host;  // unit code
};
CADRE_API Report list_secondments(Database& db, const SecondmentFilter& filter);
// One secondment with its extension history and termination.
CADRE_API Report show_secondment(Database& db, Id id);
// `secondment extend ID --until DATE --reason R`: a later planned end; the history is kept.
CADRE_API void extend_secondment(Database& db, Id id, Date until, const std::string& reason);
// `secondment end ID --on DATE --reason R [--decided-by N]`: early end (status terminated).
CADRE_API void end_secondment(Database& db, Id id, Date on, const std::string& reason,
                              const std::optional<std::string>& decided_by);

// --- check-ins -------------------------------------------------------------------------------
struct CheckinInput {
  std::string staff_no;
  std::optional<When> at;           // default now; a LocalTime is read in the database's zone
  std::optional<std::string> kind;  // on_duty (default) | field | meeting | remote
  std::optional<std::string> place;
  std::optional<double> lat;       // kLatitude, given together with lon
  std::optional<double> lon;       // kLongitude
  std::string source = "cli";      // cli | api | import
  // A make-up punch (补卡): counted as a check-in, kept apart; reason and approver both required.
  bool makeup = false;
  std::optional<std::string> reason;       // field "reason"
  std::optional<std::string> approved_by;  // field "approved-by"
};
struct CheckinResult {
  std::int64_t secondment_id = 0;
  Date day;                // the local day it counts on (database time zone)
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
  Id secondment_id = 0;
  Date from, to;         // inclusive
  std::string kind;      // sick | personal | annual | official
  std::optional<std::string> reason;
};
CADRE_API std::int64_t request_leave(Database& db, const LeaveInput& in);
// The level must be at least the one the length requires (≤ 3 days host, ≤ 7 district, more city).
CADRE_API void approve_leave(Database& db, Id leave_id, const std::string& by, const std::string& level);
CADRE_API void reject_leave(Database& db, Id leave_id, const std::string& by, const std::optional<std::string>& reason);
CADRE_API void cancel_leave(Database& db, Id leave_id);
// 销假: back at post on `on` (a day of the leave); the leave now ends the day before.
CADRE_API void return_from_leave(Database& db, Id leave_id, Date on);

// --- duty trips (报备) and spot checks (抽查) -------------------------------------------------
struct TripInput {
  Id secondment_id = 0;
  Date from, to;  // inclusive, inside the period
  std::string purpose;
  std::optional<std::string> place;
};
// Filed, not approved; working days on the trip count as in post. `to` before `from` or a day
// outside the period is Error(invalid); overlapping approved leave or another trip is
// Error(conflict). Returns the new id.
CADRE_API std::int64_t add_trip(Database& db, const TripInput& in);

struct SpotCheckInput {
  Id secondment_id = 0;
  Date on;                        // a day of the period
  std::string result;             // present | absent
  std::optional<std::string> by;  // the checker
  std::optional<std::string> note;
};
// Absences found cap the overall grade (setting spotcheck_caps). Returns the new id.
CADRE_API std::int64_t add_spot_check(Database& db, const SpotCheckInput& in);

// --- monthly work reports ----------------------------------------------------------------------
struct MonthlyReportInput {
  Id secondment_id = 0;
  Month month;  // within the period
  std::string text;              // 主要工作: what was done
  std::optional<Date> filed_on;  // default today
  // The sections the end-of-term summary compiles (optional).
  std::optional<std::string> insights;  // 心得体会
  std::optional<std::string> problems;  // 存在不足
  std::optional<std::string> plans;     // 下一步打算
};
CADRE_API void add_monthly_report(Database& db, const MonthlyReportInput& in);

// --- appraisal opinions (鉴定意见) of the end-of-term summary ------------------------------------
struct OpinionInput {
  Id secondment_id = 0;
  std::string by;         // host | home | org
  std::string text;
  std::string signed_by;  // who signs it for the rater
  std::optional<Date> on; // default today
};
// One opinion per rater role: a second replaces the first (the audit entry keeps both). Returns
// true when it replaced one. An unknown role is Error(invalid), an unknown secondment Error(not_found).
CADRE_API bool add_opinion(Database& db, const OpinionInput& in);

// --- evaluations -------------------------------------------------------------------------------
struct EvaluationInput {
  Id secondment_id = 0;
  std::string period;  // midterm, annual-2026, final, ...
  std::string rater;   // host | home | org
  double conduct = 0, competence = 0, diligence = 0, performance = 0, integrity = 0;  // kScore
  std::optional<std::string> grade;  // excellent | competent | basically_competent | incompetent
  std::optional<std::string> comment;
};
CADRE_API void evaluate(Database& db, const EvaluationInput& in);

// --- reports -----------------------------------------------------------------------------------
// `report secondment ID [--as-of D]`
// as_of: default today in the database's time zone.
CADRE_API Report report_secondment(Database& db, Id id, std::optional<Date> as_of);
// `report secondments [--batch B] [--host UNIT] [--as-of D]`
CADRE_API Report report_secondments(Database& db, const std::optional<std::string>& batch,
                                    const std::optional<std::string>& host, std::optional<Date> as_of);

}  // namespace cadre
