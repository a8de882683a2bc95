// The value types of the public C++ API: what a field is, never the text it was typed as.
//
// The pattern every area follows (secondment first; training, people, calendar next):
//   1. Inputs and parameters of cadre/<area>.hpp hold these types: dates Date, months Month, ids
//      Id, numbers double or std::int64_t, check-in instants When. Free text, codes (staff numbers,
//      unit codes) and, until the enum registry lands, enum words stay std::string.
//   2. Text becomes these types only in cadre/parse.hpp, called by every text surface (the CLI,
//      the importers, the report dispatch), each naming the field by its id: the option name
//      without "--" ("from", "decided-by") or the positional's name ("STAFF_NO", "ID").
//   3. The library's rules name a field as detail::field("from"), a token in the message; each
//      surface renders the tokens with name_fields() (CLI "--from", file column "from", C "from").
#pragma once
#include <chrono>
#include <cstdint>
#include <variant>

namespace cadre {

using Date = std::chrono::sys_days;
using Month = std::chrono::year_month;
using Id = std::int64_t;  // a row id: positive

// A moment, with the UTC offset it was written with ("+08:00", "Z" is 0).
struct Instant {
  std::chrono::sys_seconds utc{};
  int offset_minutes = 0;
};
// A wall-clock reading without an offset; the library reads it in the database's time zone.
struct LocalTime {
  std::chrono::local_seconds wall{};
};
using When = std::variant<Instant, LocalTime>;

}  // namespace cadre
