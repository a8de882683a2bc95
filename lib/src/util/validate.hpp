// Internal: validation of user input, each failure naming its field.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "cadre/text.hpp"
#include "util/enums.hpp"

namespace cadre::detail {

// The trimmed text, or nothing when absent or blank (an optional field left empty). Either way the
// text passes check_text (valid UTF-8, no control characters but those `layout` allows).
std::optional<std::string> optional_text(const std::optional<std::string>& v, std::string_view field,
                                         TextLayout layout = TextLayout::line);
// Non-empty after trimming; returns the trimmed text.
std::string require_text(const std::optional<std::string>& v, std::string_view field,
                         TextLayout layout = TextLayout::line);
// One of the values of `allowed` (util/enums.hpp); Error(invalid) listing them otherwise.
std::string require_enum(std::string_view v, std::string_view field, const EnumSpec& allowed);
std::optional<std::string> optional_enum(const std::optional<std::string>& v, std::string_view field,
                                         const EnumSpec& allowed);
// A finite number in [min, max]. The generic range message suits ranges a clerk can read as one
// ("0 and 100"); a field with a rule of its own words it itself.
double parse_number(std::string_view v, std::string_view field, double min, double max);
// Hours of one record: more than 0 and at most `max`, the one rule named in one message.
double parse_hours(std::string_view v, std::string_view field, double max);
// The same rule for typed hours (the C and C++ APIs).
double check_hours(double h, std::string_view field, double max);
// The rules of typed values, for callers that did not come through the text layer (the C and C++
// APIs): a positive id, and a finite number in [min, max] (worded as parse_number words it).
void check_id(long long id, std::string_view field);
double check_number(double v, std::string_view field, double min, double max);
long long parse_integer(std::string_view v, std::string_view field, long long min, long long max);

}  // namespace cadre::detail
