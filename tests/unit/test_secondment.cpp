// Secondment rules at their edges.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"
#include "cadre/settings.hpp"
#include "secondment/appraisal.hpp"
#include "secondment/person_secondments.hpp"
#include "secondment/presence.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"

using namespace cadre;

namespace {

// The typed API takes values; the tests write them as text, parsed as a surface would.
Date d(const std::string& text) { return parse_date(text, "date"); }
Month m(const std::string& text) { return parse_month(text, "month"); }

struct Fixture {
  std::string dir;
  Database db;
  static std::string make_dir() {
    char tmpl[] = "/tmp/cadre-secondment-XXXXXX";
    return mkdtemp(tmpl);
  }
  Fixture() : dir(make_dir()), db(dir + "/t.db") {
    add_unit(db, {"QXFGW", "发改局", std::string("government"), std::nullopt});
    add_unit(db, {"HXZ", "河西镇", std::string("township"), std::nullopt});
    for (auto s : {"A1", "A2"}) {
      PersonInput p;
      p.staff_no = s;
      p.name = std::string("N") + s;
      p.unit = "QXFGW";
      add_person(db, p);
    }
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  std::int64_t second(const std::string& staff, const std::string& start, const std::string& end) {
    return add_secondment(db, {staff, "QXFGW", "HXZ", "副镇长", d(start), d(end), std::string("b1"), std::nullopt});
  }
  std::int64_t count(const char* table) {
    return detail::read(db, [&](Database::Impl& impl) {
      return impl.db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
    });
  }
  std::string file(const std::string& name, const std::string& text) {
    std::ofstream f(dir + "/" + name, std::ios::binary);
    f << text;
    return dir + "/" + name;
  }
  Node rep(std::int64_t id, const std::string& as_of) { return report_secondment(db, id, d(as_of)).data; }
};

Errc code_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}

const Node& month(const Node& r, const std::string& m) {
  for (const auto& row : r.find("months")->items())
    if (row.find("month")->as_string() == m) return row;
  FAIL("no month " << m);
  return r;
}

bool has_alert(const Node& r, const std::string& code) {
  for (const auto& a : r.find("alerts")->items())
    if (a.find("code")->as_string() == code) return true;
  return false;
}

CheckinInput at(const std::string& staff, const std::string& instant) {
  CheckinInput c;
  c.staff_no = staff;
  c.at = parse_when(instant, "at");
  return c;
}

}  // namespace

TEST_CASE("secondment periods: overlap, end before start, status") {
  Fixture f;
  auto id = f.second("A1", "2026-03-02", "2026-12-31");
  CHECK(id > 0);
  CHECK(code_of([&] { f.second("A1", "2026-12-31", "2027-06-30"); }) == Errc::conflict);  // shares one day
  CHECK(code_of([&] { f.second("A2", "2026-05-01", "2026-04-30"); }) == Errc::invalid);
  CHECK(f.second("A1", "2027-01-01", "2027-06-30") > id);  // the next day is fine
  CHECK(f.rep(id, "2026-03-01").find("secondment")->find("status")->as_string() == "planned");
  CHECK(f.rep(id, "2026-03-02").find("secondment")->find("status")->as_string() == "active");
  CHECK(f.rep(id, "2026-12-31").find("secondment")->find("status")->as_string() == "active");
  CHECK(f.rep(id, "2027-01-01").find("secondment")->find("status")->as_string() == "completed");
  // Extending into the next secondment would overlap it.
  CHECK(code_of([&] { extend_secondment(f.db, id, d("2027-02-01"), "need"); }) == Errc::conflict);
  CHECK(code_of([&] { extend_secondment(f.db, id, d("2026-12-31"), "need"); }) == Errc::invalid);
  end_secondment(f.db, id, d("2026-09-30"), "recalled", std::string("区委组织部"));
  CHECK(f.rep(id, "2026-09-30").find("secondment")->find("status")->as_string() == "active");
  CHECK(f.rep(id, "2026-10-01").find("secondment")->find("status")->as_string() == "terminated");
  CHECK(f.rep(id, "2026-10-01").find("secondment")->find("end")->as_string() == "2026-09-30");
}

TEST_CASE("extension keeps the history") {
  Fixture f;
  auto id = f.second("A1", "2026-03-02", "2026-12-31");
  extend_secondment(f.db, id, d("2027-03-01"), "host needs");
  extend_secondment(f.db, id, d("2027-06-30"), "again");
  auto r = show_secondment(f.db, id).data;
  REQUIRE(r.find("extensions")->items().size() == 2);
  CHECK(r.find("extensions")->items()[0].find("previous_end")->as_string() == "2026-12-31");
  CHECK(r.find("secondment")->find("end")->as_string() == "2027-06-30");
  CHECK(r.find("secondment")->find("original_end")->as_string() == "2026-12-31");
}

TEST_CASE("a make-up Saturday counts as a working day, a holiday Monday does not") {
  Fixture f;
  auto id = f.second("A1", "2026-02-01", "2026-12-31");
  CHECK_FALSE(checkin(f.db, at("A1", "2026-02-14T09:00:00+08:00")).duplicate);  // make-up Saturday
  checkin(f.db, at("A1", "2026-02-16T09:00:00+08:00"));                         // Spring Festival Monday
  checkin(f.db, at("A1", "2026-02-21T09:00:00+08:00"));                         // an ordinary Saturday
  auto r = f.rep(id, "2026-02-28");
  CHECK(month(r, "2026-02").find("working_days")->as_int() == 16);
  CHECK(month(r, "2026-02").find("present_days")->as_int() == 1);
  CHECK(r.find("presence_rate")->as_double() == doctest::Approx(1.0 / 16));
}

TEST_CASE("a check-in at 01:00 local is the previous day in UTC but counts on the local day") {
  Fixture f;
  auto id = f.second("A1", "2026-03-02", "2026-12-31");
  auto res = checkin(f.db, at("A1", "2026-03-03T01:00:00+08:00"));  // 2026-03-02T17:00Z
  CHECK(res.day == d("2026-03-03"));
  CHECK(res.secondment_id == id);
  auto r = f.rep(id, "2026-03-03");
  CHECK(r.find("working_days")->as_int() == 2);
  CHECK(r.find("present_days")->as_int() == 1);
  // As of 03-02 the 01:00 check-in of the 3rd does not count yet.
  CHECK(f.rep(id, "2026-03-02").find("present_days")->as_int() == 0);
  // 00:30 local on the start day is the day before in UTC and still inside the period.
  CHECK(checkin(f.db, at("A1", "2026-03-02T00:30:00+08:00")).day == d("2026-03-02"));
  // 23:59 local of the day before the start is refused, whatever the UTC date.
  CHECK(code_of([&] { checkin(f.db, at("A1", "2026-03-01T23:59:00+08:00")); }) == Errc::invalid);
  // An instant written in UTC is judged in the database zone.
  CHECK(checkin(f.db, at("A1", "2026-03-04T16:30:00Z")).day == d("2026-03-05"));
}

TEST_CASE("check-ins: duplicates by the minute, period bounds, coordinates") {
  Fixture f;
  f.second("A1", "2026-03-02", "2026-03-31");
  CHECK_FALSE(checkin(f.db, at("A1", "2026-03-02T08:31:00+08:00")).duplicate);
  CHECK(checkin(f.db, at("A1", "2026-03-02T08:31:59+08:00")).duplicate);
  CHECK(checkin(f.db, at("A1", "2026-03-02T00:31:10Z")).duplicate);  // the same minute written in UTC
  CHECK_FALSE(checkin(f.db, at("A1", "2026-03-02T08:32:00+08:00")).duplicate);
  CHECK(f.count("checkins") == 2);
  CHECK(code_of([&] { checkin(f.db, at("A1", "2026-04-01T09:00:00+08:00")); }) == Errc::invalid);
  CHECK(code_of([&] { checkin(f.db, at("A2", "2026-03-05T09:00:00+08:00")); }) == Errc::invalid);
  CHECK(code_of([&] { checkin(f.db, at("ZZ", "2026-03-05T09:00:00+08:00")); }) == Errc::not_found);
  auto c = at("A1", "2026-03-05T09:00:00+08:00");
  c.lat = 91;
  c.lon = 120;
  CHECK(code_of([&] { checkin(f.db, c); }) == Errc::invalid);
  c.lat = 30.2;
  c.lon = -181;
  CHECK(code_of([&] { checkin(f.db, c); }) == Errc::invalid);
  c.lon = 120.1;
  c.kind = "party";
  CHECK(code_of([&] { checkin(f.db, c); }) == Errc::invalid);
  c.kind = "field";
  CHECK_FALSE(checkin(f.db, c).duplicate);
  CHECK(f.count("checkins") == 3);
  // A batch is all or nothing.
  std::vector<CheckinInput> batch = {at("A1", "2026-03-06T09:00:00+08:00"), at("A1", "2026-04-06T09:00:00+08:00")};
  CHECK(code_of([&] { checkin_batch(f.db, batch); }) == Errc::invalid);
  CHECK(f.count("checkins") == 3);
  batch[1] = at("A1", "2026-03-02T08:31:00+08:00");
  auto br = checkin_batch(f.db, batch);
  CHECK(br.written == 1);
  CHECK(br.duplicates == 1);
}

TEST_CASE("leave: a 3-day leave approved by the host, a 4-day one refused at host level") {
  Fixture f;
  auto id = (f.second("A1", "2026-03-02", "2026-12-31"));
  auto three = (request_leave(f.db, {id, d("2026-03-10"), d("2026-03-12"), "personal", std::nullopt}));
  approve_leave(f.db, three, "镇长", "host");
  auto four = (request_leave(f.db, {id, d("2026-04-07"), d("2026-04-10"), "sick", std::nullopt}));
  CHECK(code_of([&] { approve_leave(f.db, four, "镇长", "host"); }) == Errc::conflict);
  approve_leave(f.db, four, "区委组织部", "city");  // a higher level is allowed
  auto eight = (request_leave(f.db, {id, d("2026-05-11"), d("2026-05-18"), "annual", std::nullopt}));
  CHECK(code_of([&] { approve_leave(f.db, eight, "区委组织部", "district"); }) == Errc::conflict);
  approve_leave(f.db, eight, "市委组织部", "city");
  auto seven = (request_leave(f.db, {id, d("2026-06-01"), d("2026-06-07"), "annual", std::nullopt}));
  approve_leave(f.db, seven, "区委组织部", "district");
  CHECK(detail::required_level(3) == "host");
  CHECK(detail::required_level(4) == "district");
  CHECK(detail::required_level(7) == "district");
  CHECK(detail::required_level(8) == "city");
  // Overlap with a requested or approved leave, outside the period.
  CHECK(code_of([&] {
          request_leave(f.db, {id, d("2026-03-12"), d("2026-03-13"), "sick", std::nullopt});
        }) == Errc::conflict);
  CHECK(code_of([&] {
          request_leave(f.db, {id, d("2026-12-31"), d("2027-01-01"), "sick", std::nullopt});
        }) == Errc::conflict);
  CHECK(code_of([&] {
          request_leave(f.db, {id, d("2026-03-01"), d("2026-03-02"), "sick", std::nullopt});
        }) == Errc::conflict);
  auto before = f.count("leaves");
  CHECK(code_of([&] {
          request_leave(f.db, {id, d("2026-03-20"), d("2026-03-19"), "sick", std::nullopt});
        }) == Errc::invalid);
  CHECK(f.count("leaves") == before);
}

TEST_CASE("leave days count working days; a return (销假) shortens the leave") {
  Fixture f;
  auto sid = f.second("A1", "2026-03-02", "2026-12-31");
  auto id = sid;
  // Mon 9 - Sun 15 March: 5 working days.
  auto l = (request_leave(f.db, {id, d("2026-03-09"), d("2026-03-15"), "sick", std::nullopt}));
  CHECK(f.rep(sid, "2026-03-31").find("leave_days")->as_int() == 0);  // requested only
  approve_leave(f.db, l, "区委组织部", "district");
  CHECK(f.rep(sid, "2026-03-31").find("leave_days")->as_int() == 5);
  return_from_leave(f.db, l, d("2026-03-12"));  // back on Thursday: 9-11 on leave
  auto r = f.rep(sid, "2026-03-31");
  CHECK(r.find("leave_days")->as_int() == 3);
  CHECK(r.find("working_days")->as_int() == 22);
  // The days after the return are free for another leave.
  auto l2 = (request_leave(f.db, {id, d("2026-03-13"), d("2026-03-13"), "personal", std::nullopt}));
  cancel_leave(f.db, l2);
  CHECK(code_of([&] { return_from_leave(f.db, l, d("2026-03-13")); }) == Errc::conflict);
  auto l3 = (request_leave(f.db, {id, d("2026-03-16"), d("2026-03-16"), "personal", std::nullopt}));
  CHECK(code_of([&] { return_from_leave(f.db, l3, d("2026-03-16")); }) == Errc::conflict);  // not approved
  reject_leave(f.db, l3, "镇长", std::string("busy"));
  CHECK(code_of([&] { approve_leave(f.db, l3, "镇长", "host"); }) == Errc::conflict);
}

TEST_CASE("monthly reports: filed on the 5th is on time, none on the 6th is missing") {
  Fixture f;
  auto sid = f.second("A1", "2026-03-02", "2026-12-31");
  auto id = sid;
  add_monthly_report(f.db, {id, m("2026-03"), "三月工作", d("2026-04-05")});
  auto r = f.rep(sid, "2026-04-06");
  CHECK(month(r, "2026-03").find("report_filed")->as_bool());
  CHECK_FALSE(has_alert(r, "monthly_report_missing"));
  // April: due by 5 May.
  CHECK_FALSE(has_alert(f.rep(sid, "2026-05-05"), "monthly_report_missing"));
  CHECK(has_alert(f.rep(sid, "2026-05-06"), "monthly_report_missing"));
  CHECK(f.rep(sid, "2026-05-06").find("reports")->find("missing")->as_int() == 1);
  // As of a day before the filing, the March report was not yet there.
  CHECK(has_alert(f.rep(sid, "2026-04-06"), "monthly_report_missing") == false);
  CHECK_FALSE(month(f.rep(sid, "2026-04-04"), "2026-03").find("report_filed")->as_bool());
  CHECK(code_of([&] { add_monthly_report(f.db, {id, m("2026-03"), "again", std::nullopt}); }) == Errc::conflict);
  CHECK(code_of([&] { add_monthly_report(f.db, {id, m("2026-02"), "before", std::nullopt}); }) == Errc::invalid);
  CHECK(code_of([&] { add_monthly_report(f.db, {id, m("2027-01"), "after", std::nullopt}); }) == Errc::invalid);
}

TEST_CASE("presence rate and its alert at min_presence") {
  Fixture f;
  auto sid = f.second("A1", "2026-03-02", "2026-12-31");
  // 2-6 March: 5 working days; present on 4 of them = 0.8 = the minimum: no alert.
  for (auto d : {"02", "03", "04", "05"}) checkin(f.db, at("A1", std::string("2026-03-") + d + "T09:00:00+08:00"));
  auto r = f.rep(sid, "2026-03-06");
  CHECK(r.find("presence_rate")->as_double() == doctest::Approx(0.8));
  CHECK_FALSE(has_alert(r, "presence_below_minimum"));
  set_setting(f.db, "min_presence", "0.81");
  CHECK(has_alert(f.rep(sid, "2026-03-06"), "presence_below_minimum"));
  // Nothing to divide by: null, no alert.
  CHECK(f.rep(sid, "2026-03-01").find("presence_rate")->is_null());
  CHECK(detail::Presence::rate(5, 5, 0) == std::nullopt);
}

TEST_CASE("evaluations: rater mean, weights renormalised over the roles present, explicit grade") {
  using detail::Evaluation;
  Evaluation host{1, "midterm", "host", {90, 90, 90, 90, 90}, std::nullopt};
  Evaluation org{2, "midterm", "org", {70, 70, 70, 70, 70}, std::nullopt};
  detail::RaterWeights w;
  // home absent: host 0.5 / 0.75, org 0.25 / 0.75.
  auto o = detail::overall_of({host, org}, w);
  REQUIRE(o.score);
  CHECK(*o.score == doctest::Approx(90 * 2.0 / 3 + 70 * 1.0 / 3));
  CHECK(*o.grade == "competent");
  // Only one role: its own score.
  CHECK(*detail::overall_of({org}, w).score == doctest::Approx(70));
  // The final evaluation of a role wins over a later midterm one.
  Evaluation host_final{3, "final", "host", {60, 60, 60, 60, 60}, std::nullopt};
  Evaluation host_late{4, "annual-2027", "host", {100, 100, 100, 100, 100}, std::nullopt};
  CHECK(*detail::overall_of({host, host_final, host_late}, w).score == doctest::Approx(60));
  CHECK(*detail::overall_of({host, host_late}, w).score == doctest::Approx(100));
  // Grade bands at their edges.
  CHECK(detail::grade_for(90) == "excellent");
  CHECK(detail::grade_for(89.99) == "competent");
  CHECK(detail::grade_for(75) == "competent");
  CHECK(detail::grade_for(60) == "basically_competent");
  CHECK(detail::grade_for(59.9) == "incompetent");
  // An explicit grade wins.
  org.grade = "excellent";
  CHECK(*detail::overall_of({host, org}, w).grade == "excellent");
  CHECK(detail::overall_of({}, w).score == std::nullopt);
}

TEST_CASE("evaluate through the library: ranges, roles, quota") {
  Fixture f;
  auto a = (f.second("A1", "2026-03-02", "2026-12-31"));
  auto b = (f.second("A2", "2026-03-02", "2026-12-31"));
  EvaluationInput e{a, "final", "host", 95, 95, 95, 95, 95, std::nullopt, std::nullopt};
  evaluate(f.db, e);
  CHECK(code_of([&] { evaluate(f.db, e); }) == Errc::conflict);
  e.rater = "peer";
  CHECK(code_of([&] { evaluate(f.db, e); }) == Errc::invalid);
  e.rater = "home";
  e.integrity = 101;
  CHECK(code_of([&] { evaluate(f.db, e); }) == Errc::invalid);
  e.integrity = -1;
  CHECK(code_of([&] { evaluate(f.db, e); }) == Errc::invalid);
  e.integrity = 95;
  e.grade = "good";
  CHECK(code_of([&] { evaluate(f.db, e); }) == Errc::invalid);
  CHECK(f.count("evaluations") == 1);
  auto r = report_secondments(f.db, std::string("b1"), std::nullopt, d("2026-06-01")).data;
  CHECK(r.find("excellent_share")->as_double() == doctest::Approx(1.0));
  CHECK(has_alert(r, "excellent_over_quota"));
  evaluate(f.db, {b, "final", "host", 80, 80, 80, 80, 80, std::nullopt, std::nullopt});
  set_setting(f.db, "excellent_quota", "0.5");
  r = report_secondments(f.db, std::string("b1"), std::nullopt, d("2026-06-01")).data;
  CHECK(r.find("excellent_share")->as_double() == doctest::Approx(0.5));
  CHECK_FALSE(has_alert(r, "excellent_over_quota"));  // equal to the quota is allowed
  CHECK(r.find("rows")->items().size() == 2);
}

TEST_CASE("attlog import: padded PINs, CRLF, serial and checksum lines, all or nothing, idempotent") {
  Fixture f;
  f.second("A1", "2026-03-02", "2026-12-31");
  auto map = f.file("map.csv", "pin,staff_no\n7,A1\n");
  auto good = f.file("1_attlog.dat",
                     "BJ2C184860012\r\n"
                     "        7\t2026-03-02 08:31:05\t1\t0\t1\t0\r\n"
                     "    7 \t2026-03-02 08:31:40\t1\t1\t15\t0\r\n"
                     "7\t2026-03-03 01:00:00\t1\t0\t1\t0\r\n"
                     "\r\n"
                     "CHECKSUM:1A2B3C\r\n");
  ImportOptions o;
  o.input_format = "zkteco";
  o.device_map = map;
  auto r = import_file(f.db, "checkins", good, o);
  CHECK(r.rows == 3);
  CHECK(r.written == 2);
  CHECK(r.duplicates == 1);
  auto again = import_file(f.db, "checkins", good, o);
  CHECK(again.written == 0);
  CHECK(again.duplicates == 3);
  auto day = detail::read(f.db, [&](Database::Impl& impl) {
    return impl.db.execAndGet("SELECT source || ' ' || raw_verify || ' ' || offset_minutes FROM checkins "
                              "ORDER BY at_utc LIMIT 1").getString();
  });
  CHECK(day == "device:1 1 480");
  auto bad = f.file("2_attlog.dat", "7\t2026-03-04 08:00:00\t1\t0\t1\t0\n7\t2026-03-04 8:00\t1\t0\n9\t2026-03-05 08:00:00\t1\t0\t1\t0\n");
  try {
    import_file(f.db, "checkins", bad, o);
    FAIL("accepted a bad attlog");
  } catch (const Error& e) {
    std::string m = e.what();
    CHECK(m.find(":2:") != std::string::npos);
    CHECK(m.find(":3:") != std::string::npos);
    CHECK(m.find("PIN 9") != std::string::npos);
  }
  CHECK(f.count("checkins") == 2);
}

TEST_CASE("an early end before existing check-ins is refused; report person lists the secondments") {
  Fixture f;
  auto sid = f.second("A1", "2026-03-02", "2026-12-31");
  checkin(f.db, at("A1", "2026-06-01T09:00:00+08:00"));
  CHECK(code_of([&] { end_secondment(f.db, sid, d("2026-05-31"), "recall", std::nullopt); }) == Errc::conflict);
  CHECK(code_of([&] { end_secondment(f.db, sid, d("2027-01-01"), "recall", std::nullopt); }) == Errc::invalid);
  end_secondment(f.db, sid, d("2026-06-01"), "recall", std::nullopt);
  CHECK(code_of([&] { end_secondment(f.db, sid, d("2026-06-01"), "again", std::nullopt); }) == Errc::conflict);
  CHECK(code_of([&] { checkin(f.db, at("A1", "2026-06-02T09:00:00+08:00")); }) == Errc::invalid);
  evaluate(f.db, {sid, "final", "org", 70, 70, 70, 70, 70, std::nullopt, std::nullopt});
  auto list = detail::read(f.db, [&](Database::Impl& impl) {
    auto pid = impl.db.execAndGet("SELECT id FROM people WHERE staff_no = 'A1'").getInt64();
    return detail::person_secondments(impl, pid, parse_date("2026-07-01", "as-of"));
  });
  REQUIRE(list.items().size() == 1);
  CHECK(list.items()[0].find("status")->as_string() == "terminated");
  CHECK(list.items()[0].find("end")->as_string() == "2026-06-01");
  CHECK(list.items()[0].find("overall_grade")->as_string() == "basically_competent");
}

TEST_CASE("CSV check-in import: dry run writes nothing, bad rows are reported by line") {
  Fixture f;
  f.second("A1", "2026-03-02", "2026-12-31");
  auto csv = f.file("c.csv", "staff_no,at,kind,place,lat,lon\nA1,2026-03-02T08:00:00+08:00,on_duty,,,\n"
                             "A1,2026-03-02 08:05,remote,家,30,120\n");
  ImportOptions o;
  o.dry_run = true;
  auto r = import_file(f.db, "checkins", csv, o);
  CHECK(r.written == 2);
  CHECK(f.count("checkins") == 0);
  auto bad = f.file("d.csv", "staff_no,at,kind\nA1,2026-03-02T08:00:00+08:00,on_duty\nA1,yesterday,on_duty\n"
                             "A1,2026-03-03T08:00:00+08:00,nap\nZZ,2026-03-03T08:00:00+08:00,on_duty\n");
  try {
    import_file(f.db, "checkins", bad);
    FAIL("accepted bad rows");
  } catch (const Error& e) {
    std::string m = e.what();
    CHECK(m.find("d.csv:3:") != std::string::npos);
    CHECK(m.find("d.csv:4:") != std::string::npos);
    CHECK(m.find("d.csv:5:") != std::string::npos);
    CHECK(m.find("d.csv:2:") == std::string::npos);
  }
  CHECK(f.count("checkins") == 0);
}
