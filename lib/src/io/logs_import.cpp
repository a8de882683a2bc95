// `import logs`: monthly work reports, each row as `log add` takes it (secondment/logs.hpp).
#include "cadre/parse.hpp"
#include "io/importers.hpp"
#include "secondment/logs.hpp"

namespace cadre::detail {

ImportResult import_logs(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "logs", [&](const CsvRecord& rec) {
    MonthlyReportInput in;
    in.secondment_id = cadre::parse_id(rec.get("secondment_id").value_or(""), "SECONDMENT_ID");
    in.month = cadre::parse_month(rec.get("month").value_or(""), "month");
    in.text = rec.get("text").value_or("");
    in.insights = rec.get("insights");
    in.problems = rec.get("problems");
    in.plans = rec.get("plans");
    in.filed_on = cadre::parse_optional_date(rec.get("on"), "on");
    insert_monthly_report(impl, in);
  });
}

}  // namespace cadre::detail
