// `report person STAFF_NO [--as-of D]`: a composition of two domains read in one transaction, the
// training record (training area, typed, then its model) and the person's secondments (secondment
// area), so neither domain includes the other.
#include "cadre/training.hpp"
#include "cadre/training_report.hpp"
#include "secondment/person_secondments.hpp"
#include "training/training_internal.hpp"
#include "util/dates.hpp"

namespace cadre {

Report report_person(Database& db, const std::string& staff_no, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) {
    Date day = as_of ? *as_of : Date(detail::today(detail::timezone(impl)));
    PersonTraining record = detail::person_training(impl, staff_no, day);
    Report r = to_model(record);
    r.data.set("secondments", detail::person_secondments(impl, record.person_id, day));
    return r;
  });
}

}  // namespace cadre
