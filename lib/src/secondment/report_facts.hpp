// Internal: the facts the secondment reports are computed from (one period with its person, units,
// approved leave, monthly reports and evaluations), loaded one query per table, and the pieces of the
// report model the three secondment reports share.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cadre/model.hpp"
#include "cadre/secondment_report.hpp"
#include "cadre/types.hpp"
#include "secondment/appraisal.hpp"
#include "secondment/presence.hpp"
#include "secondment/secondment_internal.hpp"
#include "secondment/store.hpp"
#include "store/store.hpp"

namespace cadre::detail {

// A secondment row with what its reports read beside it.
struct Facts : SecondmentRow {
  std::vector<LeaveSpan> leaves;
  std::vector<std::pair<Day, Day>> reports;  // (month, filed_on)
  std::vector<Evaluation> evaluations;
};

// The row under the cursor of a SECONDMENT_ROW_SELECT query, its details still to load.
Facts facts_row(Stmt& q);
// Loads leave, reports and evaluations of the secondments in `index` (id → position), one query each.
void load_details(Database::Impl& impl, std::vector<Facts>& all, const std::unordered_map<std::int64_t, size_t>& index,
                  std::optional<std::int64_t> only);
RaterWeights weights(Database::Impl& impl);
Day as_of_day(Database::Impl& impl, std::optional<Date> as_of);
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
void add_alerts(Node& alerts, const Facts& f, const Presence& pr, double min_presence, bool with_id);

}  // namespace cadre::detail
