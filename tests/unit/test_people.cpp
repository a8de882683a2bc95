#include <doctest/doctest.h>

#include <fstream>
#include <functional>

#include "cadre/error.hpp"
#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/render.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {
Errc code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}
std::size_t count(const Report& r, const char* key) { return r.data.find(key)->items().size(); }
}  // namespace

TEST_CASE("ID numbers are masked unless asked for") {
  CHECK(mask_id_number("110105199001011234") == "110105********1234");
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  PersonInput p{"P1", "张三", "U1"};
  p.id_number = "11010519900101111x";
  add_person(t.db, p);
  auto masked = show_person(t.db, "P1");
  CHECK(masked.data.find("person")->find("id_number")->as_string() == "110105********111X");
  auto shown = show_person(t.db, "P1", true);
  CHECK(shown.data.find("person")->find("id_number")->as_string() == "11010519900101111X");
  CHECK(render(masked, {"json"}).find("19900101") == std::string::npos);
}

TEST_CASE("bad person input names the field and the error kind") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", "township", std::nullopt});
  CHECK(code_of([&] { add_unit(t.db, {"U2", "Two", "village", std::nullopt}); }) == Errc::invalid);
  CHECK(code_of([&] { add_unit(t.db, {"U2", "Two", std::nullopt, "NOPE"}); }) == Errc::not_found);
  CHECK(code_of([&] { add_unit(t.db, {"U1", "Dup", std::nullopt, std::nullopt}); }) == Errc::conflict);
  CHECK(code_of([&] { add_person(t.db, {"P1", "A", "NOPE"}); }) == Errc::not_found);
  PersonInput bad{"P1", "A", "U1"};
  // A date that does not exist is refused by the text layer, before it can reach the library.
  CHECK(code_of([&] { bad.birth = parse_date("1990-02-30", "birth"); }) == Errc::invalid);
  CHECK_FALSE(bad.birth);
  bad.tier = "boss";
  CHECK(code_of([&] { add_person(t.db, bad); }) == Errc::invalid);
  bad.tier.reset();
  bad.id_number = "12345";
  CHECK(code_of([&] { add_person(t.db, bad); }) == Errc::invalid);
  add_person(t.db, {"P1", "A", "U1"});
  CHECK(code_of([&] { add_person(t.db, {"P1", "B", "U1"}); }) == Errc::conflict);
  CHECK(code_of([&] { update_person(t.db, {"P9", "B"}); }) == Errc::not_found);
  CHECK(count(list_people(t.db, std::nullopt), "people") == 1);
}

TEST_CASE("person update changes only the given fields") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  add_unit(t.db, {"U2", "Two", std::nullopt, std::nullopt});
  PersonInput p{"P1", "A", "U1"};
  p.rank = "一级科员";
  add_person(t.db, p);
  PersonInput u;
  u.staff_no = "P1";
  u.unit = "U2";
  u.tier = "leader";
  update_person(t.db, u);
  auto r = show_person(t.db, "P1");
  const Node* person = r.data.find("person");
  CHECK(person->find("unit")->as_string() == "U2");
  CHECK(person->find("tier")->as_string() == "leader");
  CHECK(person->find("rank")->as_string() == "一级科员");
  CHECK(person->find("name")->as_string() == "A");
}

TEST_CASE("people import is all-or-nothing and reports every bad line") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  std::string path = t.dir.file("people.csv");
  {
    std::ofstream f(path);
    f << "\xEF\xBB\xBFstaff_no,name,unit,tier\n"  // with the BOM Excel writes
      << "P1,\"Li, Ming\",U1,general\n"
      << "P2,王五,NOPE,general\n"
      << "P3,赵六,U1,chief\n"
      << "P1,Again,U1,leader\n";
  }
  try {
    import_file(t.db, "people", path);
    FAIL("expected an error");
  } catch (const Error& e) {
    std::string m = e.what();
    CHECK(m.find("people.csv:3") != std::string::npos);
    CHECK(m.find("people.csv:4") != std::string::npos);
    CHECK(m.find("people.csv:5") != std::string::npos);
    CHECK(m.find("people.csv:2") == std::string::npos);
  }
  CHECK(count(list_people(t.db, std::nullopt), "people") == 0);

  {
    std::ofstream f(path);
    f << "staff_no,name,unit\nP1,\"Li, Ming\",U1\nP2,\"Quote \"\"Q\"\"\",U1\n";
  }
  auto dry = import_file(t.db, "people", path, {true});
  CHECK(dry.rows == 2);
  CHECK(count(list_people(t.db, std::nullopt), "people") == 0);
  auto r = import_file(t.db, "people", path);
  CHECK(r.written == 2);
  auto people = list_people(t.db, std::nullopt);
  CHECK(people.data.find("people")->items()[0].find("name")->as_string() == "Li, Ming");
  CHECK(people.data.find("people")->items()[1].find("name")->as_string() == "Quote \"Q\"");
}

TEST_CASE("malformed CSV is refused with its line") {
  test::TestDb t;
  std::string path = t.dir.file("units.csv");
  {
    std::ofstream f(path);
    f << "code,name\nU1,One\nU2,\"Two\nU3,Three\n";
  }
  try {
    import_file(t.db, "units", path);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    CHECK(std::string(e.what()).find("units.csv:") != std::string::npos);
  }
  {
    std::ofstream f(path);
    f << "code,name,colour\nU1,One,red\n";
  }
  CHECK_THROWS_AS(import_file(t.db, "units", path), Error);
  {
    std::ofstream f(path);
    f << "code,name\nU1,One,extra\n";
  }
  CHECK_THROWS_AS(import_file(t.db, "units", path), Error);
  CHECK(count(list_units(t.db), "units") == 0);
}

TEST_CASE("table output aligns CJK text by display width") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("张三") == 4);
  CHECK(display_width("A组织部") == 7);
  test::TestDb t;
  add_unit(t.db, {"U1", "青溪区委组织部", std::nullopt, std::nullopt});
  add_unit(t.db, {"U22", "Party school", std::nullopt, std::nullopt});
  std::string text = render(list_units(t.db), {"table"});
  // Every line of the grid ends its Name column at the same display column.
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  int kind_col = -1;
  for (const auto& line : lines) {
    auto k = line.find("Other");
    if (k == std::string::npos) continue;
    int col = display_width(line.substr(0, k));
    if (kind_col < 0) kind_col = col;
    CHECK(col == kind_col);
  }
  CHECK(kind_col > 0);
}
