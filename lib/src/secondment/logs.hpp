// Internal: monthly work reports (工作月报) and the appraisal opinions (鉴定意见), shared by `log add`,
// `opinion add`, the C API, `import logs` and the end-of-term summary.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cadre/secondment.hpp"
#include "store/store.hpp"

namespace cadre::detail {

// Validates one monthly report against its period, inserts it and audits it, in the caller's
// transaction.
void insert_monthly_report(Database::Impl& impl, const MonthlyReportInput& in);

// A monthly report as stored.
struct LogRow {
  Month month{};
  Date filed_on{};
  std::string text;
  std::optional<std::string> insights, problems, plans;
};
// The reports of a secondment filed on or before `as_of`, by month.
std::vector<LogRow> load_logs(Database::Impl& impl, Id secondment, Date as_of);

struct OpinionRow {
  std::string by;  // host | home | org
  std::string text, signed_by;
  Date on{};
};
// The opinions of a secondment given on or before `as_of`, host, home, org.
std::vector<OpinionRow> load_opinions(Database::Impl& impl, Id secondment, Date as_of);

}  // namespace cadre::detail
