// Internal hook: the secondments of one person as `report person` lists them
// (secondments[]{id,host,post,start,end,status,overall_grade}), read in the caller's transaction.
#pragma once
#include <cstdint>
#include <string>

#include "cadre/model.hpp"
#include "cadre/types.hpp"
#include "store/store.hpp"

namespace cadre::detail {
// `as_of`: the day statuses and presence are computed for (report person's --as-of, else today).
Node person_secondments(Database::Impl& impl, std::int64_t person_id, Date as_of);
}  // namespace cadre::detail
