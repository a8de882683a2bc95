// The people, calendar and audit areas take typed values; their rules name fields by id.
#include <doctest/doctest.h>

#include "cadre/audit.hpp"
#include "cadre/calendar.hpp"
#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {
Date d(const char* text) { return parse_date(text, "date"); }
}  // namespace

TEST_CASE("calendar reports take a Month and two Dates") {
  test::TestDb t;
  auto month = calendar_month(t.db, parse_month("2026-02", "YYYY-MM"));
  CHECK(month.data.find("month")->as_string() == "2026-02");
  CHECK(month.data.find("days")->items().size() == 28);
  auto days = calendar_workdays(t.db, d("2026-02-01"), d("2026-02-28"));
  CHECK(days.data.find("working_days")->as_int() == 16);
  CHECK(days.data.find("from")->as_string() == "2026-02-01");
  try {
    calendar_workdays(t.db, d("2026-03-01"), d("2026-02-01"));
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    CHECK(e.field() == "TO");
    CHECK(name_fields(e.what(), FieldStyle::cli) == "TO (2026-02-01) is before FROM (2026-03-01)");
  }
}

TEST_CASE("a person's birth is a Date; a cleared one is nullopt inside") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  PersonInput p{"P1", "A", "U1"};
  p.birth = d("1990-01-01");
  add_person(t.db, p);
  CHECK(show_person(t.db, "P1").data.find("person")->find("birth")->as_string() == "1990-01-01");
  PersonInput clear;
  clear.staff_no = "P1";
  clear.birth.emplace(std::nullopt);
  update_person(t.db, clear);
  CHECK(show_person(t.db, "P1").data.find("person")->find("birth")->is_null());
  // A birth that contradicts the ID number names the field by its id, spelled by each surface.
  PersonInput wrong{"P2", "B", "U1"};
  wrong.id_number = "11010519900101111X";
  wrong.birth = d("1990-01-02");
  try {
    add_person(t.db, wrong);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.field() == "birth");
    CHECK(name_fields(e.what(), FieldStyle::cli).rfind("--birth: ", 0) == 0);
    CHECK(name_fields(e.what(), FieldStyle::file).rfind("birth: ", 0) == 0);
  }
}

TEST_CASE("audit log since a Date") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  CHECK(audit_log(t.db, std::nullopt).data.find("entries")->items().size() >= 1);
  CHECK(audit_log(t.db, d("2199-01-01")).data.find("entries")->items().empty());
}
