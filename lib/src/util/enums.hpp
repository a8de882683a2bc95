// Internal: every enum-like value set of the library, listed once. Validation (require_enum), the
// schema test (each set against its column's CHECK constraint) and the catalogue test (a Chinese
// text for every value) read these; the CLI reads them through cadre/enums.hpp. A set an area
// declares beside its own fields (the secondment field table) joins them through register_enum.
#pragma once
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cadre::detail {

struct EnumSpec {
  std::string_view name;                     // "leave_kind"
  std::span<const std::string_view> values;  // in the order messages list them
  std::string_view table;                    // the table whose CHECK constraint lists them; empty: none
  std::string_view column;                   // its column, also the field of the values' catalogue words
};

namespace enums {
#define CADRE_ENUM(id, table, column, ...)                         \
  inline constexpr std::string_view id##_values[] = {__VA_ARGS__}; \
  inline constexpr EnumSpec id{#id, id##_values, table, column};

// clang-format off
CADRE_ENUM(unit_kind, "units", "kind", "org_dept", "party_school", "government", "township", "enterprise", "school", "other")
CADRE_ENUM(tier, "people", "tier", "leader", "general")
// The tier a promotion moves the person into (NULL: unchanged), the same words as people.tier.
CADRE_ENUM(promotion_tier, "promotions", "tier", "leader", "general")
CADRE_ENUM(gender, "people", "gender", "m", "f")
CADRE_ENUM(calendar_day_kind, "calendar_days", "kind", "holiday", "workday")
CADRE_ENUM(enrolment_status, "enrolments", "status", "enrolled", "waitlisted", "withdrawn")
CADRE_ENUM(attendance_status, "attendance", "status", "present", "late", "left_early", "leave", "absent")
CADRE_ENUM(hours_kind, "training_hours", "kind", "online", "external")
// The kinds of training of 条例 Art. 13 (专题培训, 集中轮训, 初任培训, 任职培训, 在职培训), online, other.
CADRE_ENUM(course_type, "courses", "type", "thematic", "rotation", "initial", "appointment", "in_service", "online", "other")
CADRE_ENUM(course_grade, "", "grade", "excellent", "good", "pass", "fail")  // computed, never stored
CADRE_ENUM(secondment_direction, "secondments", "direction", "down", "up", "across")
CADRE_ENUM(secondment_status, "", "status", "planned", "active", "completed", "terminated")  // computed
CADRE_ENUM(checkin_kind, "checkins", "kind", "on_duty", "field", "meeting", "remote")
// Where a check-in came from; stored beside "device:N" of an attendance device, so no CHECK.
CADRE_ENUM(checkin_source, "", "source", "cli", "api", "import")
CADRE_ENUM(leave_kind, "leaves", "kind", "sick", "personal", "annual", "official")
CADRE_ENUM(leave_status, "leaves", "status", "requested", "approved", "rejected", "cancelled")
CADRE_ENUM(approval_level, "leaves", "level", "host", "district", "city")
CADRE_ENUM(rater, "evaluations", "rater", "host", "home", "org")
CADRE_ENUM(evaluation_grade, "evaluations", "grade", "excellent", "competent", "basically_competent", "incompetent")
// The call-up (0011): a nomination's review, a nominee's status in report callup (computed), and a
// trainee's outcome in report course (computed).
CADRE_ENUM(nomination_status, "nominations", "status", "nominated", "approved", "rejected")
CADRE_ENUM(callup_status, "", "status", "nominated", "approved", "rejected", "arrived", "no_show", "withdrawn")
CADRE_ENUM(trainee_outcome, "", "outcome", "completed", "not_completed", "dismissed", "withdrawn", "no_show")
// clang-format on
#undef CADRE_ENUM

// Every set above (the schema test also fails on a CHECK (... IN ...) column missing here).
inline constexpr EnumSpec builtin[] = {unit_kind,
                                       tier,
                                       promotion_tier,
                                       gender,
                                       calendar_day_kind,
                                       enrolment_status,
                                       attendance_status,
                                       hours_kind,
                                       course_type,
                                       course_grade,
                                       secondment_direction,
                                       secondment_status,
                                       checkin_kind,
                                       checkin_source,
                                       leave_kind,
                                       leave_status,
                                       approval_level,
                                       rater,
                                       evaluation_grade,
                                       nomination_status,
                                       callup_status,
                                       trainee_outcome};

// The sets above followed by the registered ones, in registration order; iterate it as a range
// (`for (const EnumSpec& e : enums::all)`). Its elements never move: find_enum's pointers stay valid.
struct Registry {
  std::deque<EnumSpec>::const_iterator begin() const;
  std::deque<EnumSpec>::const_iterator end() const;
};
inline constexpr Registry all{};
}  // namespace enums

// Adds a set declared by an area (its values of static storage); returns true, for a namespace-scope
// initialiser. Every registration happens while the library loads, before any lookup.
bool register_enum(const EnumSpec& spec);

// The set called `name` ("leave_kind"); nullptr if none.
const EnumSpec* find_enum(std::string_view name);

// Words listed inside a message, in the thread's language: "a, b" in English, "a、b" in Chinese.
std::string word_list(const std::vector<std::string>& words);

}  // namespace cadre::detail
