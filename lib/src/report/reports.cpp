#include "cadre/parse.hpp"
#include "cadre/report.hpp"
#include "cadre/secondment.hpp"
#include "cadre/training.hpp"
#include "util/text.hpp"

namespace cadre {

Report build_report(Database& db, const ReportRequest& q) {
  if (q.kind == "course") return report_course(db, q.key);
  if (q.kind == "person") return report_person(db, q.key, q.as_of);
  if (q.kind == "hours") return report_hours(db, q.key, q.unit);
  // The request is text (the CLI's and the C API's); the typed reports get parsed values.
  if (q.kind == "secondment") {
    Id id = parse_id(q.key, "ID");
    return report_secondment(db, id, parse_optional_date(q.as_of, "as-of"));
  }
  if (q.kind == "secondments") {
    auto batch = q.batch;
    if (!batch && !q.key.empty()) batch = q.key;
    return report_secondments(db, batch, q.host, parse_optional_date(q.as_of, "as-of"));
  }
  detail::fail(Errc::usage, "KIND", "report: unknown kind {} (course, person, secondment, secondments, hours)", q.kind);
}

}  // namespace cadre
