// Internal: validation of user input, each failure naming its field.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace cadre::detail {

// The trimmed text, or nothing when absent or blank (an optional field left empty).
std::optional<std::string> optional_text(const std::optional<std::string>& v);
// Non-empty after trimming; returns the trimmed text.
std::string require_text(const std::optional<std::string>& v, std::string_view field);
// One of `allowed`; Error(invalid) listing them otherwise.
std::string require_enum(std::string_view v, std::string_view field, std::initializer_list<std::string_view> allowed);
std::optional<std::string> optional_enum(const std::optional<std::string>& v, std::string_view field,
                                         std::initializer_list<std::string_view> allowed);
// A finite number in [min, max].
double parse_number(std::string_view v, std::string_view field, double min, double max);
long long parse_integer(std::string_view v, std::string_view field, long long min, long long max);

}  // namespace cadre::detail
