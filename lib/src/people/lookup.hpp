// Internal: resolving codes and staff numbers to row ids (Error(not_found) naming the field).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/store.hpp"

namespace cadre::detail {
std::int64_t unit_id(Database::Impl& impl, const std::string& code, std::string_view field);
std::optional<std::int64_t> find_unit_id(Database::Impl& impl, const std::string& code);
std::int64_t person_id(Database::Impl& impl, const std::string& staff_no, std::string_view field);
std::optional<std::int64_t> find_person_id(Database::Impl& impl, const std::string& staff_no);
}  // namespace cadre::detail
