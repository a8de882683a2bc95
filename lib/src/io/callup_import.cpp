// `import quotas | nominations | arrivals`: the call-up, each row as `quota set`, `nominate` and
// `arrive` take it (training/callup_internal.hpp).
#include "cadre/parse.hpp"
#include "io/importers.hpp"
#include "training/callup_internal.hpp"

namespace cadre::detail {

ImportResult import_quotas(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "quotas", [&](const CsvRecord& rec) {
    QuotaInput q{rec.get("course").value_or(""), rec.get("unit").value_or(""), 0};
    q.places = int(cadre::parse_integer(rec.require("places"), "places", 0, kMaxPlaces));
    upsert_quota(impl, q);
  });
}

ImportResult import_nominations(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "nominations", [&](const CsvRecord& rec) {
    NominationInput n;
    n.course = rec.get("course").value_or("");
    n.staff_nos = {rec.get("staff_no").value_or("")};
    n.by = rec.get("by");
    n.on = cadre::parse_optional_date(rec.get("on"), "on");
    insert_nominations(impl, n);
  });
}

ImportResult import_arrivals(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "arrivals", [&](const CsvRecord& rec) {
    ArrivalInput a{rec.get("course").value_or(""), rec.get("staff_no").value_or(""),
                   cadre::parse_optional_date(rec.get("on"), "on")};
    insert_arrival(impl, a);
  });
}

}  // namespace cadre::detail
