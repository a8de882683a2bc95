// Internal hook: the secondments of one person as `report person` lists them
// (secondments[]{id,host,post,start,end,status,overall_grade}), read in the caller's transaction.
#pragma once
#include <cstdint>
#include <string>

#include "cadre/model.hpp"
#include "cadre/parse.hpp"
#include "cadre/types.hpp"
#include "store/store.hpp"

namespace cadre::detail {
// `as_of`: the day statuses and presence are computed for (report person's --as-of, else today).
Node person_secondments(Database::Impl& impl, std::int64_t person_id, Date as_of);
// report_person (training area) still resolves its as-of to text "YYYY-MM-DD"; this overload goes
// when it hands over a Date.
inline Node person_secondments(Database::Impl& impl, std::int64_t person_id, const std::string& as_of) {
  return person_secondments(impl, person_id, cadre::parse_date(as_of, "as-of"));
}
}  // namespace cadre::detail
