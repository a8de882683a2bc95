// Issue 10, item 6: one registry per kind of knowledge (report kinds, import kinds, enums).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "cadre/enums.hpp"
#include "cadre/i18n.hpp"
#include "cadre/import.hpp"
#include "cadre/report.hpp"
#include "io/importers.hpp"
#include "compose/registry.hpp"
#include "store/store.hpp"
#include "test_support.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

using namespace cadre;

namespace {
struct LanguageGuard {
  ~LanguageGuard() { set_language("en"); }
};
}  // namespace

TEST_CASE("report registry: one entry per name, each with a builder and a key that says what it names") {
  std::set<std::string_view> names;
  for (const auto& k : report_kinds()) {
    CAPTURE(k.name);
    CHECK(names.insert(k.name).second);
    CHECK(bool(k.build));
    CHECK(find_report_kind(k.name) == &k);
    CHECK((k.key_use == ReportKey::none) == k.key.empty());
    if (!k.key_option.empty()) CHECK(!k.list);  // only the CLI's `report` spells a key as an option
  }
  CHECK(find_report_kind("nope") == nullptr);
  // The contract's reports, then the C API's lists; none is ever renamed.
  for (auto r : {"course", "person", "secondment", "secondments", "hours", "summary"}) CHECK(!find_report_kind(r)->list);
  for (auto l : {"courses", "course_detail", "units", "people", "secondment_list", "secondment_show", "settings",
                 "audit", "calendar", "certificate", "certificate_show"})
    CHECK(find_report_kind(l)->list);
}

TEST_CASE("report registry: build_report builds the reports, names the lists unknown and lists the reports") {
  LanguageGuard guard;
  test::TestDb t;
  ReportRequest q;
  q.kind = "secondments";
  CHECK(build_report(t.db, q).kind == "secondments_report");
  q.kind = "courses";  // a list: cadre_report's, not build_report's (nor the CLI's `report`)
  try {
    build_report(t.db, q);
    FAIL("a list was built as a report");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::usage);
    CHECK(std::string(e.what()) == "report: unknown kind courses (course, person, secondment, secondments, hours, summary, callup)");
  }
  CHECK(&detail::report_kind("courses", true) == find_report_kind("courses"));
  set_language("zh");
  try {
    detail::report_kind("x", true);
    FAIL("an unknown kind was found");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "report：未知的报表类型 x（可选 course、person、secondment、secondments、hours、summary、callup）");
  }
}

TEST_CASE("import registry: one entry per name, one importer each, required columns among the known") {
  std::set<std::string_view> names;
  for (const auto& k : detail::import_kinds()) {
    CAPTURE(k.name);
    CHECK(names.insert(k.name).second);
    CHECK(bool(k.csv) != bool(k.file));
    CHECK(!k.required.empty());
    for (const auto& r : k.required) CHECK(std::find(k.known.begin(), k.known.end(), r) != k.known.end());
    CHECK(&detail::import_kind(k.name) == &k);
  }
  std::vector<std::string> listed(names.begin(), names.end()), public_names = import_kind_names();
  std::sort(public_names.begin(), public_names.end());
  CHECK(listed == public_names);
  CHECK_THROWS_WITH_AS(
      detail::import_kind("nope"),
      "import: unknown kind nope (units, people, courses, sessions, enrolments, attendance, checkins, secondments, "
      "leave, evaluations, assessments, feedback, hours, trips, tasks, logs, quotas, nominations, arrivals)",
      Error);
}

TEST_CASE("import registry: each importer checks its header against the registry's columns") {
  test::TestDb t;
  for (const auto& k : detail::import_kinds()) {
    CAPTURE(k.name);
    // A header of the required columns and one more: the message lists the registry's known columns.
    std::string path = t.dir.file(std::string(k.name) + ".csv");
    std::ofstream(path) << detail::join(k.required, ",") << ",bogus\n";
    CHECK_THROWS_WITH_AS(import_file(t.db, std::string(k.name), path),
                         (path + ":1: unknown column bogus (expected " + detail::join(k.known, ",") + ")").c_str(),
                         Error);
    // A header without one required column: that column is named.
    std::vector<std::string> short_header(k.required.begin() + 1, k.required.end());
    std::ofstream(path) << detail::join(short_header, ",") << "\n";
    CHECK_THROWS_WITH_AS(import_file(t.db, std::string(k.name), path),
                         (path + ":1: missing column " + k.required.front()).c_str(), Error);
  }
}

namespace {
// Every `column IN ('a','b')` of a CHECK constraint in a freshly migrated database, by table.column.
std::map<std::string, std::set<std::string>> schema_value_sets() {
  Database db(":memory:");
  SQLite::Statement q(db.impl().db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL");
  static const std::regex in_list(R"(CHECK\s*\([^()]*?(\w+)\s+IN\s*\(([^)]*)\))", std::regex::icase);
  static const std::regex quoted(R"('([^']*)')");
  std::map<std::string, std::set<std::string>> sets;
  while (q.executeStep()) {
    std::string table = q.getColumn(0).getString(), sql = q.getColumn(1).getString();
    for (std::sregex_iterator m(sql.begin(), sql.end(), in_list), end; m != end; ++m) {
      std::string list = (*m)[2];
      auto& values = sets[table + "." + (*m)[1].str()];
      for (std::sregex_iterator v(list.begin(), list.end(), quoted); v != end; ++v) values.insert((*v)[1]);
    }
  }
  return sets;
}
}  // namespace

TEST_CASE("enum registry: each set stored under a CHECK constraint lists exactly the constraint's values") {
  auto schema = schema_value_sets();
  REQUIRE(schema.size() >= 12);  // the parser found the constraints
  std::set<std::string> covered;
  for (const auto& e : detail::enums::all) {
    if (e.table.empty()) continue;
    std::string where = std::string(e.table) + "." + std::string(e.column);
    CAPTURE(where);
    REQUIRE(schema.count(where) == 1);
    std::set<std::string> listed(e.values.begin(), e.values.end());
    auto text = [](const std::set<std::string>& v) { return detail::join({v.begin(), v.end()}, ","); };
    CHECK(text(listed) == text(schema[where]));
    CHECK(covered.insert(where).second);  // one set per column
  }
  // And no CHECK (... IN ...) column of the schema is missing from the registry.
  for (const auto& [where, values] : schema) {
    CAPTURE(where);
    CHECK(covered.count(where) == 1);
  }
}

TEST_CASE("enum registry: names unique, values unique, each value has a Chinese text") {
  LanguageGuard guard;
  std::set<std::string_view> names;
  for (const auto& e : detail::enums::all) {
    CAPTURE(e.name);
    CHECK(names.insert(e.name).second);
    CHECK(detail::find_enum(e.name) == &e);
    CHECK(!e.column.empty());
    std::set<std::string_view> values(e.values.begin(), e.values.end());
    CHECK(values.size() == e.values.size());
    CHECK(enum_values(e.name) == std::vector<std::string>(e.values.begin(), e.values.end()));
  }
  CHECK(enum_names().size() == names.size());
  CHECK(detail::find_enum("nope") == nullptr);
  CHECK_THROWS_AS(enum_values("nope"), std::invalid_argument);
  CHECK(enum_choices("attendance_status") == "present|late|left_early|leave|absent");
  CHECK(enum_choices("tier", " | ") == "leader | general");
  // The catalogue's "field.word" entry, else "word"'s (detail::word, as the renderers look it up).
  set_language("zh");
  for (const auto& e : detail::enums::all)
    for (auto v : e.values) {
      CAPTURE(e.name);
      CAPTURE(v);
      CHECK(detail::word(e.column, v) != v);
    }
  CHECK(detail::word(detail::enums::checkin_kind.column, "field") == "外勤");
}

TEST_CASE("enum registry: require_enum and optional_enum read a set, naming the field and the values") {
  CHECK(detail::require_enum("late", "--status", detail::enums::attendance_status) == "late");
  CHECK(detail::optional_enum(std::nullopt, "--gender", detail::enums::gender) == std::nullopt);
  CHECK(detail::optional_enum(std::string("f"), "--gender", detail::enums::gender) == "f");
  CHECK_THROWS_WITH_AS(detail::require_enum("half", "--kind", detail::enums::hours_kind),
                       "--kind: unknown value half (expected online, external)", Error);
}
