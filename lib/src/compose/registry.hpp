// Internal: the report registry's lookups for the library's surfaces (see registry.cpp).
#pragma once
#include <string_view>

#include "cadre/report.hpp"

namespace cadre::detail {
// The kind called `name` (a list too when `lists`); Error(usage) listing the report kinds otherwise.
const ReportKind& report_kind(std::string_view name, bool lists);
}  // namespace cadre::detail
