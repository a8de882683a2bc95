#pragma once
#include "cadre/people.hpp"
#include "store/store.hpp"

namespace cadre::detail {
// Validate and insert inside the caller's transaction (used by add_* and by imports).
void insert_unit(Database::Impl& impl, const UnitInput& in);
void insert_person(Database::Impl& impl, const PersonInput& in);
}  // namespace cadre::detail
