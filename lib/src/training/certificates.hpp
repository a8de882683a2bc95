// Internal: the numbering of completion certificates (certificates.cpp), for its unit tests.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace cadre::detail {

// "CODE-NNN": the course code, '-', the course's sequence number in at least 3 digits.
std::string certificate_number(std::string_view course_code, std::int64_t seq);
// The course's next sequence number: one past the highest ever issued (revoked ones count: rows
// are never deleted, so a number is never made twice).
std::int64_t next_certificate_seq(Database::Impl& impl, std::int64_t course_id);

}  // namespace cadre::detail
