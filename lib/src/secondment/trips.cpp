// Duty trips (报备): filed, not approved; working days on a trip count as in post (presence.hpp).
// A trip is work elsewhere, leave an absence: the two may not overlap.
#include "secondment/trips.hpp"

#include "audit/audit.hpp"
#include "secondment/secondment_internal.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

Id insert_trip(Database::Impl& impl, const TripInput& in) {
  auto p = load_period(impl, in.secondment_id, field("SECONDMENT_ID"));
  Day from = in.from, to = in.to;
  if (to < from)
    fail(Errc::invalid, field("to"), "{} ({}) is before {} ({})", field("to"), format_date(to), field("from"),
         format_date(from));
  if (from < p.start || to > p.end()) {
    auto which = field(from < p.start ? "from" : "to");
    fail(Errc::invalid, which, "{}: the trip {} to {} lies outside the secondment {} to {}", which, format_date(from),
         format_date(to), format_date(p.start), format_date(p.end()));
  }
  auto purpose = require_text(in.purpose, field("purpose"), TextLayout::paragraph);
  auto place = optional_text(in.place, field("place"));
  // Approved leave over its days after any return (销假): read and compared here, not in SQL, so
  // the query stays portable.
  {
    Stmt q(impl,
           "SELECT id, from_date, to_date, returned_on FROM leaves "
           "WHERE secondment_id = ? AND status = 'approved' AND from_date <= ? AND to_date >= ?");
    q.bind(in.secondment_id, format_date(to), format_date(from));
    while (q.step()) {
      Day last = parse_date(q.col(2).getString(), "to_date");
      if (auto back = q.text_or_null(3)) last = parse_date(*back, "returned_on") - date::days(1);
      if (last >= from)
        fail(Errc::conflict, field("from"), "the trip {} to {} overlaps approved leave {} ({} to {})",
             format_date(from), format_date(to), q.col(0).getInt64(), q.col(1).getString(), format_date(last));
    }
  }
  {
    Stmt q(impl,
           "SELECT id, from_date, to_date FROM trips WHERE secondment_id = ? AND from_date <= ? AND to_date >= ?");
    q.bind(in.secondment_id, format_date(to), format_date(from));
    if (q.step())
      fail(Errc::conflict, field("from"), "the trip {} to {} overlaps trip {} ({} to {}) of the same secondment",
           format_date(from), format_date(to), q.col(0).getInt64(), q.col(1).getString(), q.col(2).getString());
  }
  Stmt q(impl, "INSERT INTO trips(secondment_id, from_date, to_date, purpose, place) VALUES (?,?,?,?,?) RETURNING id");
  q.bind(in.secondment_id, format_date(from), format_date(to), purpose, place);
  if (!q.step()) throw std::logic_error("INSERT INTO trips returned no id");
  Id id = q.col(0).getInt64();
  audit(impl, "add", "trip", std::to_string(id), nullptr,
        {{"id", id},
         {"secondment", in.secondment_id},
         {"from", format_date(from)},
         {"to", format_date(to)},
         {"purpose", purpose},
         {"place", place ? nlohmann::json(*place) : nlohmann::json(nullptr)}});
  return id;
}

}  // namespace cadre::detail

namespace cadre {

std::int64_t add_trip(Database& db, const TripInput& in) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_trip(impl, in); });
}

}  // namespace cadre
