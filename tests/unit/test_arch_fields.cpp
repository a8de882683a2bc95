// Issue 10: the secondment field table (secondment/fields.cpp) declares each field once; these
// tests make a forgotten field fail (a column without a row, a row without a column), and check
// what is derived from the table: the input fields, the catalogue fragments, the registered enums.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "cadre/enums.hpp"
#include "cadre/i18n.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"
#include "i18n/catalogue.hpp"
#include "secondment/store.hpp"
#include "test_support.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

using namespace cadre;

namespace {
std::set<std::string> secondment_columns(Database& db) {
  SQLite::Statement q(db.impl().db, "SELECT name FROM pragma_table_info('secondments')");
  std::set<std::string> out;
  while (q.executeStep()) out.insert(q.getColumn(0).getString());
  return out;
}
}  // namespace

TEST_CASE("field table: every column of secondments has a row, and every row's column exists") {
  Database db(":memory:");
  auto columns = secondment_columns(db);
  REQUIRE(columns.count("type") == 1);
  std::set<std::string> described;
  for (const auto& f : detail::secondment_field_table()) {
    if (f.column.empty()) continue;
    CAPTURE(f.key);
    CHECK(columns.count(std::string(f.column)) == 1);
    CHECK(described.insert(std::string(f.column)).second);  // one row per column
    CHECK(!f.select.empty());                               // a stored field is read back
  }
  CHECK(described == columns);
}

TEST_CASE("field table: keys unique, accessors present, places distinct per surface") {
  std::set<std::string_view> keys;
  std::map<int, std::set<int>> places;  // surface → positions
  for (const auto& f : detail::secondment_field_table()) {
    CAPTURE(f.key);
    CHECK(keys.insert(f.key).second);
    CHECK((f.access.get != nullptr || f.shown != nullptr));
    if (!f.select.empty()) CHECK(bool(f.access.put));
    if (!f.input.empty()) CHECK(bool(f.access.put_input));  // an input field is a SecondmentInput member
    if (f.type == detail::FieldType::enumeration) CHECK(detail::find_enum(f.enum_name) != nullptr);
    int i = 0;
    for (int p : {f.places.list, f.places.show, f.places.report, f.places.reports}) {
      if (p > 0) CHECK(places[i].insert(p).second);
      ++i;
    }
  }
}

TEST_CASE("field table: the input fields of secondment add, in usage order, typed by the text layer") {
  std::vector<std::string> ids;
  for (const auto& f : secondment_input_fields()) ids.push_back(f.id);
  CHECK(detail::join(ids, ",") == "STAFF_NO,from,to,post,start,end,batch,direction,type");
  CHECK(secondment_input_fields()[0].positional);
  CHECK(secondment_input_fields().back().metavar == "standard|village");

  SecondmentInput in;
  set_secondment_field(in, "start", "2026-03-02");
  set_secondment_field(in, "type", "village");
  set_secondment_field(in, "from", "QXFGW");
  CHECK(in.start == parse_date("2026-03-02", "x"));
  CHECK(in.type == "village");
  CHECK(in.home_unit == "QXFGW");
  CHECK_THROWS_WITH_AS(set_secondment_field(in, "end", "2026-02-30"), doctest::Contains("2026-02-30"), Error);
  CHECK_THROWS_WITH_AS(set_secondment_field(in, "colour", "red"), "colour: not a field of a secondment", Error);
}

TEST_CASE("catalogue fragments: sorted, Chinese for every id, no id in two places") {
  std::set<std::string_view> main_ids;
  for (const auto& e : detail::catalogue_zh()) main_ids.insert(e.id);
  std::set<std::string_view> seen;
  bool secondment = false;
  for (const auto& fr : detail::catalogue_fragments()) {
    CAPTURE(fr.area);
    secondment |= fr.area == "secondment";
    for (size_t i = 0; i < fr.entries.size(); ++i) {
      const auto& e = fr.entries[i];
      CAPTURE(e.id);
      if (i > 0) CHECK(fr.entries[i - 1].id < e.id);
      CHECK(!e.zh.empty());
      CHECK(e.zh != e.id);
      CHECK(main_ids.count(e.id) == 0);
      CHECK(seen.insert(e.id).second);
      CHECK(translate(e.id, "zh") == e.zh);  // lookups reach the fragment
    }
  }
  CHECK(secondment);
  // The table's labels and words: moved ones (post) and the type field's own.
  CHECK(translate("post", "zh") == "挂职岗位");
  CHECK(translate("type", "zh") == "类型");
  set_language("zh");
  CHECK(detail::word("type", "standard") == "常规挂职");  // as the renderers and the enum test look words up
  set_language("en");
  CHECK(translate("type.standard", "zh") == "常规挂职");
  CHECK(translate("type.village", "zh") == "驻村");
}

TEST_CASE("enum registry: a set declared with its field is registered, CHECK-tested and listed") {
  const detail::EnumSpec* e = detail::find_enum("secondment_type");
  REQUIRE(e != nullptr);
  CHECK(e->table == "secondments");
  CHECK(e->column == "type");
  CHECK(enum_choices("secondment_type") == "standard|village");
  bool listed = false;
  for (const auto& each : detail::enums::all) listed |= &each == e;
  CHECK(listed);  // so the registry's CHECK-constraint test covers it
  CHECK_THROWS_WITH_AS(detail::require_enum("vilage", "--type", *e),
                       "--type: unknown value vilage (expected standard, village)", Error);
}

TEST_CASE("secondment type: stored, defaulted, shown, in the audit image, checked") {
  test::TestDb t;
  add_unit(t.db, {"HOME", "Home", std::string("government"), std::nullopt});
  add_unit(t.db, {"HOST", "Host", std::string("township"), std::nullopt});
  for (auto s : {"A1", "A2"}) {
    PersonInput p;
    p.staff_no = s;
    p.name = s;
    p.unit = "HOME";
    add_person(t.db, p);
  }
  SecondmentInput in{"A1", "HOME", "HOST", "post", parse_date("2026-03-02", "start"), parse_date("2026-06-30", "end")};
  auto standard = add_secondment(t.db, in);
  in.staff_no = "A2";
  in.type = "village";
  auto village = add_secondment(t.db, in);
  Report list = list_secondments(t.db, {});
  auto rows = list.data.find("secondments");
  REQUIRE(rows != nullptr);
  REQUIRE(rows->items().size() == 2);
  CHECK(rows->items()[0].find("type")->as_string() == "standard");
  CHECK(rows->items()[1].find("type")->as_string() == "village");
  Report show = show_secondment(t.db, village);
  auto shown = show.data.find("secondment");
  CHECK(shown->find("type")->as_string() == "village");
  Report one = report_secondment(t.db, standard, std::nullopt);
  CHECK(one.data.find("secondment")->find("type")->as_string() == "standard");
  Report all = report_secondments(t.db, std::nullopt, std::nullopt, std::nullopt);
  auto batch = all.data.find("rows");
  CHECK(batch->items()[1].find("type")->as_string() == "village");
  auto image = detail::read(
      t.db, [&](Database::Impl& impl) { return detail::secondment_json(*detail::load_secondment(impl, village)); });
  CHECK(image["type"] == "village");

  in.staff_no = "A1";
  in.start = parse_date("2026-07-01", "start");
  in.end = parse_date("2026-08-01", "end");
  in.type = "vilage";
  CHECK_THROWS_WITH_AS(add_secondment(t.db, in), doctest::Contains("unknown value vilage"), Error);
}
