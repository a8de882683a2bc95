// Internal: duty trips (报备), shared by `trip add`, the C API and `import trips`.
#pragma once
#include "cadre/secondment.hpp"
#include "store/store.hpp"

namespace cadre::detail {

// Validates one trip against its period, approved leave and the other trips, inserts it and audits
// it; returns the new id. Runs inside the caller's transaction.
Id insert_trip(Database::Impl& impl, const TripInput& in);

}  // namespace cadre::detail
