// Internal: the call-up writes inside the caller's transaction (the public calls and the importers),
// and the arrival rule the trainee outcomes share with report callup.
#pragma once
#include <optional>
#include <vector>

#include "cadre/callup.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"

namespace cadre::detail {

void upsert_quota(Database::Impl& impl, const QuotaInput& in);
std::vector<Nominated> insert_nominations(Database::Impl& impl, const NominationInput& in);
EnrolOutcome decide_approve(Database::Impl& impl, const NominationDecision& d);
void decide_reject(Database::Impl& impl, const NominationDecision& d);
void insert_arrival(Database::Impl& impl, const ArrivalInput& in);
CallupReport build_callup(Database::Impl& impl, const std::string& course, std::optional<Date> as_of);

// The setting arrival_grace_days.
int arrival_grace_days(Database::Impl& impl);
// The last day a trainee may arrive: the course's start + the grace days. A trainee of a course that
// tracks arrivals (it has places or an arrival) not arrived after that day is a no-show.
Day arrival_deadline(const Day& start, int grace_days);

}  // namespace cadre::detail
