// Internal hook: the secondments of one person as `report person` lists them
// (secondments[]{id,host,post,start,end,status,overall_grade}), read in the caller's transaction.
#pragma once
#include <cstdint>
#include <string>

#include "cadre/model.hpp"
#include "store/store.hpp"

namespace cadre::detail {
Node person_secondments(Database::Impl& impl, std::int64_t person_id, const std::string& as_of);
}  // namespace cadre::detail
