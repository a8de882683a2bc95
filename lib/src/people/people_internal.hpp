#pragma once
#include "cadre/people.hpp"
#include "store/store.hpp"

namespace cadre::detail {
// Validate and insert inside the caller's transaction (used by add_* and by imports).
void insert_unit(Database::Impl& impl, const UnitInput& in);
void insert_person(Database::Impl& impl, const PersonInput& in);
// `person promote` inside the caller's transaction; true when the promotion is the latest by date.
bool insert_promotion(Database::Impl& impl, const PromotionInput& in);
// The promotions of a person as the rows of `person show` (`promotions[]{on,rank,title,tier}`).
Node promotion_rows(Database::Impl& impl, std::int64_t person_id);
}  // namespace cadre::detail
