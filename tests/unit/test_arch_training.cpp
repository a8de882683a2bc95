// The typed training API: the library holds typed values to the rules the text layer parses with,
// and names the field by id, so each surface spells it its own way.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/training.hpp"

using namespace cadre;
using namespace std::chrono;

namespace {

CourseInput course(const std::string& code, Date start, Date end) {
  CourseInput c;
  c.code = code;
  c.title = "T";
  c.organizer = "SZDX";
  c.start = start;
  c.end = end;
  return c;
}

struct Db {
  std::filesystem::path dir;
  std::unique_ptr<Database> db;
  Db() {
    char tmpl[] = "/tmp/cadre-arch-training-XXXXXX";
    dir = mkdtemp(tmpl);
    db = std::make_unique<Database>((dir / "t.db").string());
    add_unit(*db, {"SZDX", "市委党校", "party_school", std::nullopt});
    add_course(*db, course("C1", 2026y / March / 9, 2026y / March / 13));
  }
  ~Db() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
};

// The error's field id and its message as the CLI and the C API would show it.
struct Failure {
  std::string field, cli, capi;
};
template <typename F>
Failure failure(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return {e.field(), name_fields(e.what(), FieldStyle::cli), name_fields(e.what(), FieldStyle::capi)};
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE("typed course values are held to the rules the text layer parses with") {
  Db db;
  CourseInput c = course("C2", 2026y / March / 13, 2026y / March / 9);
  auto f = failure([&] { add_course(*db.db, c); });
  CHECK(f.field == "end");
  CHECK(f.cli == "--end: 2026-03-09 is before --start 2026-03-13");
  CHECK(f.capi == "end: 2026-03-09 is before start 2026-03-13");
  c.end = 2026y / March / 20;
  c.pass_mark = 101;
  CHECK(failure([&] { add_course(*db.db, c); }).cli == "--pass-mark: 101 is not between 0 and 100");
  c.pass_mark = NAN;
  CHECK(failure([&] { add_course(*db.db, c); }).field == "pass-mark");
  c.pass_mark = 60;
  c.capacity = 0;
  CHECK(failure([&] { add_course(*db.db, c); }).cli == "--capacity: 0 is not between 1 and 1000000");
  c.capacity.reset();
  c.components = {{"exam", 0.5}, {"paper", 0.4}};
  CHECK(failure([&] { add_course(*db.db, c); }).cli == "--components: the weights sum to 0.9, not 1");
  c.components = {{" ", 1}};
  CHECK(failure([&] { add_course(*db.db, c); }).field == "components");
}

TEST_CASE("typed session times, numbers and hours") {
  Db db;
  SessionInput s{"C1", 2026y / March / 9, 8h, 25h, "s", std::nullopt, std::nullopt};
  CHECK(failure([&] { add_session(*db.db, s); }).field == "end");  // not a time of day
  s.end = 12h;
  s.hours = 0;
  CHECK(failure([&] { add_session(*db.db, s); }).cli == "--hours: must be more than 0 and at most 24 (got 0)");
  s.hours = INFINITY;
  CHECK(failure([&] { add_session(*db.db, s); }).field == "hours");
  s.hours.reset();
  CHECK(add_session(*db.db, s) == 1);
  CHECK(failure([&] {
          attend(*db.db, AttendanceInput{"C1", 0, {"X"}, "present", std::nullopt});
        }).cli == "SESSION_NO: 0 is not between 1 and 100000");
  CHECK(failure([&] { report_hours(*db.db, 1899, std::nullopt); }).cli == "--year: 1899 is not between 1900 and 9999");
}

TEST_CASE("the training text forms") {
  CHECK(parse_clock(" 08:30 ", "start") == 8h + 30min);
  CHECK(failure([] { parse_clock("8.30", "start"); }).cli == "--start: not a time (HH:MM): 8.30");
  CHECK(parse_components("exam:0.6, paper:0.4", "components") == std::vector<Component>{{"exam", 0.6}, {"paper", 0.4}});
  CHECK(failure([] { parse_components("exam", "components"); }).capi == "components: expected name:weight, got exam");
  CHECK(parse_hours("1.5", "hours", kMaxSessionHours) == 1.5);
  CHECK(parse_integer(" 7 ", "SESSION_NO", 1, kMaxSessionNo) == 7);
  CHECK(failure([] { parse_integer("1.5", "capacity", 1, kMaxCapacity); }).cli ==
        "--capacity: not a whole number: 1.5");
}
