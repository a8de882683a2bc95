// Issue 10, item 6: one registry per kind of knowledge (report kinds, import kinds, enums).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "cadre/i18n.hpp"
#include "cadre/import.hpp"
#include "cadre/report.hpp"
#include "io/importers.hpp"
#include "report/registry.hpp"
#include "test_support.hpp"
#include "util/text.hpp"

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
  for (auto r : {"course", "person", "secondment", "secondments", "hours"}) CHECK(!find_report_kind(r)->list);
  for (auto l : {"courses", "course_detail", "units", "people", "secondment_list", "secondment_show", "settings",
                 "audit", "calendar"})
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
    CHECK(std::string(e.what()) == "report: unknown kind courses (course, person, secondment, secondments, hours)");
  }
  CHECK(&detail::report_kind("courses", true) == find_report_kind("courses"));
  set_language("zh");
  try {
    detail::report_kind("x", true);
    FAIL("an unknown kind was found");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "report：未知的报表类型 x（可选 course、person、secondment、secondments、hours）");
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
  CHECK_THROWS_WITH_AS(detail::import_kind("nope"),
                       "import: unknown kind nope (units, people, courses, sessions, enrolments, attendance, checkins)",
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
