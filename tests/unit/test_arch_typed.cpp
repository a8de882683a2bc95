// Issue 10, item 1: the text layer (cadre/parse.hpp) and field ids that each surface names its way.
#include <doctest/doctest.h>

#include <string>

#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "util/text.hpp"

using namespace cadre;
using namespace std::chrono;

namespace {
// The error of `f`, its message rendered for the CLI; "" when it does not throw.
template <typename F>
std::pair<std::string, std::string> refusal(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    return {e.field(), name_fields(e.what(), FieldStyle::cli)};
  }
  return {"", ""};
}
}  // namespace

TEST_CASE("parse: text to typed values") {
  CHECK(parse_date(" 2026-03-02 ", "start") == sys_days(2026y / March / 2));
  CHECK(parse_month("2026-03", "month") == 2026y / March);
  CHECK(parse_id("42", "ID") == 42);
  CHECK(parse_number("+12.5", "lat", -90, 90) == 12.5);
  CHECK(!parse_optional_date(std::nullopt, "on"));
  CHECK(!parse_optional_date(std::string("  "), "on"));
  CHECK(parse_optional_number(std::string("-1"), "lon", -180, 180) == -1.0);
  CHECK(format_date(parse_date("2028-02-29", "on")) == "2028-02-29");
  CHECK(format_month(2026y / November) == "2026-11");

  auto offset = parse_when("2026-03-02T08:31:00+08:00", "at");
  REQUIRE(std::holds_alternative<Instant>(offset));
  CHECK(std::get<Instant>(offset).utc == sys_days(2026y / March / 2) + 31min);
  CHECK(std::get<Instant>(offset).offset_minutes == 480);
  auto wall = parse_when("2026-03-02 08:31", "at");  // no offset: the database's zone decides
  REQUIRE(std::holds_alternative<LocalTime>(wall));
  CHECK(std::get<LocalTime>(wall).wall == local_days(2026y / March / 2) + 8h + 31min);
}

TEST_CASE("parse: refusals carry the field id and name it per surface") {
  CHECK(refusal([] { parse_date("2026-02-30", "start"); }) ==
        std::pair<std::string, std::string>{"start", "--start: no such date: 2026-02-30"});
  CHECK(refusal([] { parse_month("2026-13", "month"); }).second == "--month: not a month (YYYY-MM): 2026-13");
  CHECK(refusal([] { parse_id("0", "LEAVE_ID"); }).second == "LEAVE_ID: not an id: 0");
  CHECK(refusal([] { parse_id("x", "ID"); }).second == "ID: not an id: x");
  CHECK(refusal([] { parse_number("91", "lat", -90, 90); }).second == "--lat: 91 is not between -90 and 90");
  CHECK(refusal([] { parse_number("nan", "decided-by", 0, 1); }).first == "decided-by");
  CHECK(refusal([] { parse_when("", "at"); }).second == "--at: empty (leave the option out to mean now)");
  CHECK(refusal([] { parse_when("2026-06-22T08:00:60+08:00", "at"); }).second ==
        "--at: no such time of day: 2026-06-22T08:00:60+08:00");
  CHECK(refusal([] { parse_when("2026-06-22T08:00:00+14:01", "at"); }).first == "at");
}

TEST_CASE("name_fields: each surface spells a field its own way") {
  std::string m = detail::field("decided-by") + ": required; " + detail::field("STAFF_NO") + " and " +
                  detail::field("lat") + " go together";
  CHECK(name_fields(m, FieldStyle::cli) == "--decided-by: required; STAFF_NO and --lat go together");
  CHECK(name_fields(m, FieldStyle::file) == "decided_by: required; staff_no and lat go together");
  CHECK(name_fields(m, FieldStyle::capi) == "decided_by: required; STAFF_NO and lat go together");
  CHECK(name_fields("--score: no token here", FieldStyle::cli) == "--score: no token here");
  CHECK(name_fields("cut \x1e"
                    "off",
                    FieldStyle::cli) ==
        "cut \x1e"
        "off");  // a stray mark stays
  CHECK(field_id(detail::field("from")) == "from");
  CHECK(field_id("--start") == "--start");
}
