// The value sets of the library's enum-like fields ("attendance_status": present, late, ...), listed
// once in the library (lib/src/util/enums.hpp), for usage texts and programs offering a choice.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cadre/export.hpp"

namespace cadre {

// The names of the sets: "unit_kind", "tier", "attendance_status", "leave_kind", ...
CADRE_API std::vector<std::string> enum_names();
// The values of the set called `name`, in the order messages list them; std::invalid_argument
// for a name that is not a set.
CADRE_API std::vector<std::string> enum_values(std::string_view name);
// The values joined by `sep`, as a usage line shows them: "present|late|left_early|leave|absent".
CADRE_API std::string enum_choices(std::string_view name, std::string_view sep = "|");

}  // namespace cadre
