// `import trips`: duty trips (报备), each row as `trip add` takes it (secondment/trips.hpp).
#include "cadre/parse.hpp"
#include "io/importers.hpp"
#include "secondment/trips.hpp"

namespace cadre::detail {

ImportResult import_trips(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "trips", [&](const CsvRecord& rec) {
    TripInput in;
    in.secondment_id = cadre::parse_id(rec.get("secondment_id").value_or(""), "SECONDMENT_ID");
    in.from = cadre::parse_date(rec.get("from").value_or(""), "from");
    in.to = cadre::parse_date(rec.get("to").value_or(""), "to");
    in.purpose = rec.get("purpose").value_or("");
    in.place = rec.get("place");
    insert_trip(impl, in);
  });
}

}  // namespace cadre::detail
