// Internal: the facts the secondment reports are computed from (one period with its person, units,
// approved leave, monthly reports and evaluations), loaded one query per table, and the pieces of the
// report model the three secondment reports share.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cadre/model.hpp"
#include "cadre/secondment_report.hpp"
#include "cadre/types.hpp"
#include "secondment/appraisal.hpp"
#include "secondment/presence.hpp"
#include "secondment/secondment_internal.hpp"
#include "secondment/spotchecks.hpp"
#include "secondment/store.hpp"
#include "store/store.hpp"

namespace cadre::detail {

// A day with make-up punches (补卡): how many, and whether they are the day's only check-ins.
struct MakeupDay {
  Day day;
  std::int64_t punches = 0;
  bool only = false;
};

// A secondment row with what its reports read beside it.
struct Facts : SecondmentRow {
  std::vector<LeaveSpan> leaves;
  std::vector<std::pair<Day, Day>> reports;  // (month, filed_on)
  std::vector<Evaluation> evaluations;
  // load_presence_details: duty trips, spot checks, make-up days.
  std::vector<SecondmentTrip> trips;
  std::vector<SecondmentSpotCheck> spot_checks;
  std::vector<MakeupDay> makeups;
};

// The settings of the presence-side workflow rules (local policy), read once per report.
struct PresenceRules {
  std::int64_t max_makeup_per_month = 3, village_min_days_month = 20, village_min_days_year = 200;
  std::vector<GradeCap> caps;
};
PresenceRules presence_rules(Database::Impl& impl);

// The secondments a report reads: one by id, or those of a batch and/or host (all when neither is
// given). Every query of the facts is filtered by it in SQL, so a report's cost follows the rows it
// shows, not the size of the tables behind them.
struct Scope {
  std::optional<std::int64_t> id;
  std::optional<std::string> batch;
  std::optional<std::int64_t> host;
  // A report of many secondments reads them a chunk at a time: the ids from .first to .second.
  std::optional<std::pair<std::int64_t, std::int64_t>> ids;
};
// `sql` with "$S" made the scope's id list ("(?1)", or a sub-select of the batch's and host's ids
// binding ?1 and ?2, and ?3 and ?4 for a chunk's ids) and "$N" the number of the first parameter
// after it: [0] for an id, [1] for a batch or host, [2] for a chunk of them. Each caller keeps
// the three in a static, so no SQL is built per call.
std::array<std::string, 3> scoped_sql(std::string_view sql);
// Binds the scope's parameters, then `more`, to a query of scoped(scoped_sql(...), scope).
template <class... A>
void bind_scoped(Stmt& q, const Scope& s, const A&... more) {
  if (s.id)
    q.bind(*s.id, more...);
  else if (s.ids)
    q.bind(s.batch, s.host, s.ids->first, s.ids->second, more...);
  else
    q.bind(s.batch, s.host, more...);
}
inline const std::string& scoped(const std::array<std::string, 3>& sql, const Scope& s) {
  return sql[s.id ? 0 : s.ids ? 2 : 1];
}

// The row under the cursor of a SECONDMENT_ROW_SELECT query, its details still to load.
Facts facts_row(Stmt& q);
// Loads leave, reports and evaluations of the secondments in `index` (id → position), one query each.
void load_details(Database::Impl& impl, std::vector<Facts>& all, const std::unordered_map<std::int64_t, size_t>& index,
                  const Scope& scope);
// Loads duty trips, spot checks and make-up days up to `as_of` of the secondments in `index`.
void load_presence_details(Database::Impl& impl, std::vector<Facts>& all,
                           const std::unordered_map<std::int64_t, size_t>& index, const Scope& scope, Day as_of);
// Feeds presence with the make-ups and then the trips; after every check-in (Presence::add_trip).
void feed_presence_details(Presence& pr, const Facts& f);
// Absences found by spot checks on or before `as_of`.
std::int64_t spot_check_absences(const Facts& f, Day as_of);
// The spot-check cap (setting spotcheck_caps) on `grade`, lowered in place; the flag when it bites.
std::optional<SecondmentFlag> cap_by_spot_checks(std::optional<std::string>& grade, std::int64_t absences,
                                                 const PresenceRules& rules);
// makeup_over_limit for each month over max_makeup_per_month; for a village secondment
// village_month_below_minimum for each complete month and village_year_below_minimum for each
// complete year short of its minimum.
std::vector<SecondmentFlag> presence_flags(const Facts& f, const Presence& pr, const PresenceRules& rules, Day as_of);
RaterWeights weights(Database::Impl& impl);
Day as_of_day(Database::Impl& impl, std::optional<Date> as_of);
// The last day of a leave: its to_date, or the day before the return (销假) when it was cut short.
// Computed here rather than with SQLite's date() so the same SQL runs on PostgreSQL.
Day leave_last_day(const std::string& to_date, const std::optional<std::string>& returned_on);

// The month of its first day, as the typed results carry it.
Month month_of(Day first);
Node opt_rate(std::optional<double> v);
std::string percent(double v);
// Fills presence counters with the monthly reports.
void feed_reports(Presence& pr, const Facts& f);
// The period as of a day, as the typed results carry it.
SecondmentPeriod period_of(const SecondmentRow& f, Day as_of);
// The period's fields from the field table: `report secondment`'s (unit_names: the end-of-term
// summary also names the units, a clerk reads names, not codes) or a row of `report secondments`.
void secondment_fields(Node& s, const SecondmentPeriod& p, Day as_of, bool unit_names);
void secondment_fields(Node& s, const Facts& f, Day as_of, bool unit_names);
// What the presence rule (setting min_presence) and the monthly report rule (due the 5th of the next
// month) raise for one period.
std::vector<SecondmentFlag> flags_of(const Presence& pr, double min_presence);
// One alert per flag, its message naming the secondee; with_id: the list report also names the period.
void add_alerts(Node& alerts, const std::vector<SecondmentFlag>& flags, const SecondmentPeriod& who, bool with_id);
// The rows of `report secondment`'s trips and leaves (the end-of-term summary shows the same).
void add_trips(Node& data, const SecondmentSummary& x);
void add_leaves(Node& data, const SecondmentSummary& x);
void add_alerts(Node& alerts, const Facts& f, const Presence& pr, double min_presence, bool with_id);
void add_alerts(Node& alerts, const Facts& f, const std::vector<SecondmentFlag>& flags, bool with_id);

}  // namespace cadre::detail
