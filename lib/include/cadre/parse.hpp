// The one text layer: turns what a user typed (an option, a file's column) into the typed values
// of cadre/types.hpp, and names fields in library messages the way each surface spells them.
//
// Each parse_* takes the field's id ("from", "STAFF_NO"; see types.hpp) and throws
// Error(Errc::invalid, message, id) whose message names the field by a token; the surface that
// shows the message renders it with name_fields. A surface never writes "--from" itself into a
// library call: it passes the id, so the CLI, an import and the C API word the same rule alike.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cadre/export.hpp"
#include "cadre/types.hpp"

namespace cadre {

// "YYYY-MM-DD", a real day of the years cadre keeps; surrounding blanks are ignored.
CADRE_API Date parse_date(std::string_view text, std::string_view field);
// "YYYY-MM".
CADRE_API Month parse_month(std::string_view text, std::string_view field);
// ISO 8601 "2026-03-02T08:31:00+08:00" or "...Z" (an Instant), or without an offset (a LocalTime
// the library reads in the database's time zone); a space may stand for the T, seconds may be left
// out. An empty text is refused (leave the field out to mean now).
CADRE_API When parse_when(std::string_view text, std::string_view field);
// A positive integer.
CADRE_API Id parse_id(std::string_view text, std::string_view field);
// A whole number in [min, max].
CADRE_API std::int64_t parse_integer(std::string_view text, std::string_view field, std::int64_t min, std::int64_t max);
// A finite number in [min, max].
CADRE_API double parse_number(std::string_view text, std::string_view field, double min, double max);

// Absent or blank (an optional field left empty) is nothing; anything else must parse.
CADRE_API std::optional<Date> parse_optional_date(const std::optional<std::string>& text, std::string_view field);
CADRE_API std::optional<double> parse_optional_number(const std::optional<std::string>& text, std::string_view field,
                                                      double min, double max);

// "2026-03-02" and "2026-03": the forms parse_date and parse_month read.
CADRE_API std::string format_date(Date d);
CADRE_API std::string format_month(Month m);

// How a surface spells a field id ("from", "decided-by", "STAFF_NO").
enum class FieldStyle {
  cli,   // its option "--from", "--decided-by"; a positional as it is: "STAFF_NO"
  file,  // an imported file's column "from", "decided_by", "staff_no"
  capi,  // the C struct member or parameter: "from", "decided_by"; a positional as it is: "LEAVE_ID"
};
// `message` with every field token of the library rendered in `style`.
CADRE_API std::string name_fields(std::string_view message, FieldStyle style);
// The id of a field token ("from"); any other text as it is.
CADRE_API std::string_view field_id(std::string_view field);

}  // namespace cadre
