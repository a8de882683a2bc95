// Training rules at their boundaries: the pure rules first, then through a database.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/training.hpp"
#include "training/rules.hpp"
#include "training/training_internal.hpp"

using namespace cadre;
namespace d = cadre::detail;

namespace {

struct TempDb {
  std::filesystem::path dir;
  std::unique_ptr<Database> db;
  TempDb() {
    char tmpl[] = "/tmp/cadre-training-XXXXXX";
    dir = mkdtemp(tmpl);
    db = std::make_unique<Database>((dir / "t.db").string());
    add_unit(*db, {"SZDX", "市委党校", "party_school", std::nullopt});
    add_unit(*db, {"QX", "青溪区", "government", std::nullopt});
    add_unit(*db, {"QXA", "青溪区A局", "government", "QX"});
    add_person(*db, person("L1", "leader", "QX"));
    add_person(*db, person("G1", "general", "QXA"));
    add_person(*db, person("G2", "general", "QXA"));
    add_person(*db, person("G3", "general", "SZDX"));
  }
  ~TempDb() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  static PersonInput person(const std::string& no, const std::string& tier, const std::string& unit) {
    PersonInput p;
    p.staff_no = no;
    p.name = "N" + no;
    p.unit = unit;
    p.tier = tier;
    return p;
  }
  Database& operator*() { return *db; }
};

Date day(const std::string& text) { return parse_date(text, "date"); }
std::chrono::minutes clock(const std::string& text) { return parse_clock(text, "start"); }

CourseInput course(const std::string& code, const std::string& start, const std::string& end) {
  CourseInput c;
  c.code = code;
  c.title = "T " + code;
  c.organizer = "SZDX";
  c.start = day(start);
  c.end = day(end);
  return c;
}

// hours: none when empty (the default from the session's length).
void session(Database& db, const std::string& code, const std::string& date, const std::string& hours,
             const std::string& start = "08:00", const std::string& end = "12:00") {
  std::optional<double> h;
  if (!hours.empty()) h = std::stod(hours);
  add_session(db, SessionInput{code, day(date), clock(start), clock(end), "s", std::nullopt, h});
}

void mark(Database& db, const std::string& code, int no, const std::string& who, const std::string& status) {
  attend(db, AttendanceInput{code, no, {who}, status, std::nullopt});
}

const Node& trainee(const Report& r, const std::string& staff_no) {
  for (const auto& t : r.data.find("trainees")->items())
    if (t.find("staff_no")->as_string() == staff_no) return t;
  FAIL("no trainee " << staff_no);
  throw 0;
}
const Node& hours_row(const Report& r, const std::string& staff_no) {
  for (const auto& t : r.data.find("people")->items())
    if (t.find("staff_no")->as_string() == staff_no) return t;
  FAIL("no row " << staff_no);
  throw 0;
}
std::vector<std::string> reasons(const Node& row) {
  std::vector<std::string> v;
  for (const auto& n : row.find("reasons")->items()) v.push_back(n.as_string());
  return v;
}
Errc code_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}

}  // namespace

TEST_CASE("leave exactly 1/7 of the hours completes, a little more does not") {
  d::CoursePolicy p;  // 1/7
  d::TraineeFacts f;
  f.total_hours = 35;
  f.leave_hours = 5;  // exactly 1/7
  CHECK(d::evaluate_completion(p, f).completed);
  f.leave_hours = 5.0001;
  auto c = d::evaluate_completion(p, f);
  CHECK_FALSE(c.completed);
  CHECK(c.reasons == std::vector<std::string>{"leave_over_limit"});
  // 7 sessions of 3.5 hours (24.5 hours): one session of leave is exactly 1/7.
  f.total_hours = 24.5;
  f.leave_hours = 3.5;
  CHECK(d::evaluate_completion(p, f).completed);
}

TEST_CASE("leave ratio accepts a fraction or a decimal") {
  CHECK(parse_leave_ratio("1/7", "max-leave-ratio") == LeaveRatio{1, 7});
  CHECK(parse_leave_ratio("0.2", "max-leave-ratio") == LeaveRatio{0.2, 1});
  CHECK(code_of([] { parse_leave_ratio("8/7", "max-leave-ratio"); }) == Errc::invalid);
  CHECK(code_of([] { parse_leave_ratio("1/0", "max-leave-ratio"); }) == Errc::invalid);
  CHECK(code_of([] { parse_leave_ratio("abc", "max-leave-ratio"); }) == Errc::invalid);
  // The typed ratio is held to the same rules.
  TempDb db;
  auto c = course("R1", "2026-03-09", "2026-03-13");
  c.max_leave_ratio = {8, 7};
  CHECK(code_of([&] { add_course(*db, c); }) == Errc::invalid);
  c.max_leave_ratio = {1, 0};
  CHECK(code_of([&] { add_course(*db, c); }) == Errc::invalid);
}

TEST_CASE("absence limit, unrecorded sessions, pass mark and grades") {
  d::CoursePolicy p;
  p.has_components = true;
  d::TraineeFacts f;
  f.total_hours = 10;
  f.final_score = 60;  // exactly the pass mark
  auto c = d::evaluate_completion(p, f);
  CHECK(c.completed);
  CHECK(c.grade == "pass");
  f.final_score = 59.99;
  c = d::evaluate_completion(p, f);
  CHECK(c.reasons == std::vector<std::string>{"below_pass_mark"});
  CHECK(c.grade == "fail");
  f.final_score.reset();  // not assessed
  CHECK(d::evaluate_completion(p, f).reasons == std::vector<std::string>{"below_pass_mark"});
  f.final_score = 80;
  CHECK(d::evaluate_completion(p, f).grade == "good");
  f.final_score = 79.99;
  CHECK(d::evaluate_completion(p, f).grade == "pass");
  f.final_score = 90;
  CHECK(d::evaluate_completion(p, f).grade == "excellent");
  f.absent_hours = 0.5;
  CHECK(d::evaluate_completion(p, f).reasons == std::vector<std::string>{"unexcused_absence"});
  p.max_absence_hours = 0.5;
  CHECK(d::evaluate_completion(p, f).completed);
  f.unrecorded_sessions = 1;
  CHECK(d::evaluate_completion(p, f).reasons == std::vector<std::string>{"attendance_unrecorded"});
  f.withdrawn = true;
  CHECK(d::evaluate_completion(p, f).reasons == std::vector<std::string>{"withdrawn"});
  d::CoursePolicy none;  // no components: completion alone gives a pass
  CHECK(d::evaluate_completion(none, d::TraineeFacts{}).grade == "pass");
}

TEST_CASE("session hours default to the length rounded to half an hour") {
  CHECK(d::default_session_hours(8 * 60 + 30, 12 * 60) == 3.5);
  CHECK(d::default_session_hours(9 * 60, 9 * 60 + 44) == 0.5);
  CHECK(d::default_session_hours(9 * 60, 9 * 60 + 45) == 1.0);
}

TEST_CASE("hours compliance per tier") {
  double general[5] = {90, 0, 0, 0, 0};
  auto h = d::evaluate_hours("general", general, 50);
  CHECK(h.compliant);
  general[0] = 89.5;
  h = d::evaluate_hours("general", general, 49.5);
  auto codes = [](const d::HoursCompliance& c) {
    std::vector<std::string> out;
    for (const auto& f : c.flags) out.emplace_back(f.code);
    return out;
  };
  CHECK(codes(h) == std::vector<std::string>{"annual_hours_short", "online_hours_short"});
  CHECK(d::hours_message(h.flags[0]).find("0.5") != std::string::npos);
  double leader[5] = {0, 100, 100, 100, 250};
  CHECK(d::evaluate_hours("leader", leader, 50).compliant);
  leader[4] = 249;
  CHECK(codes(d::evaluate_hours("leader", leader, 50)) == std::vector<std::string>{"five_year_hours_short"});
}

TEST_CASE("ICS text escaping and line folding") {
  CHECK(d::ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
  std::string long_line = "SUMMARY:" + std::string(100, 'x');
  std::string folded = d::ics_line(long_line);
  CHECK(folded.substr(0, 75) == long_line.substr(0, 75));
  CHECK(folded.substr(75, 3) == "\r\n ");
  // Never split a UTF-8 character: 3-byte characters after an 8-byte prefix fold at 74 octets.
  std::string cjk = "SUMMARY:";
  for (int i = 0; i < 40; ++i) cjk += "学";
  std::string f2 = d::ics_line(cjk);
  auto first = f2.substr(0, f2.find("\r\n"));
  CHECK(first.size() <= 75);
  CHECK((first.size() - 8) % 3 == 0);
}

TEST_CASE("course validation: weights, dates, options") {
  TempDb db;
  auto c = course("C1", "2026-03-09", "2026-03-13");
  c.components = parse_components("exam:0.6,paper:0.3", "components");
  CHECK(code_of([&] { add_course(*db, c); }) == Errc::invalid);
  CHECK(code_of([] { parse_components("exam", "components"); }) == Errc::invalid);
  CHECK(code_of([] { parse_components("exam:x", "components"); }) == Errc::invalid);
  c.components = {{"exam", 0.6}, {"exam", 0.4}};  // listed twice
  CHECK(code_of([&] { add_course(*db, c); }) == Errc::invalid);
  c.components = {{"exam", 1}, {"paper", 0}};  // a weight of 0
  CHECK(code_of([&] { add_course(*db, c); }) == Errc::invalid);
  c.components = parse_components("exam:0.6,paper:0.4", "components");
  add_course(*db, c);
  CHECK(code_of([&] { add_course(*db, c); }) == Errc::conflict);
  auto bad = course("C2", "2026-03-13", "2026-03-09");
  CHECK(code_of([&] { add_course(*db, bad); }) == Errc::invalid);
  bad = course("C2", "2026-03-09", "2026-03-13");
  bad.organizer = "NOPE";
  CHECK(code_of([&] { add_course(*db, bad); }) == Errc::not_found);
  // Sessions lie within the course and end after they start.
  CHECK(code_of([&] { session(*db, "C1", "2026-03-08", ""); }) == Errc::invalid);
  CHECK(code_of([&] { session(*db, "C1", "2026-03-14", ""); }) == Errc::invalid);
  CHECK(code_of([&] { session(*db, "C1", "2026-03-09", "", "12:00", "08:00"); }) == Errc::invalid);
  CHECK(code_of([&] { session(*db, "C1", "2026-03-09", "-1"); }) == Errc::invalid);
  CHECK(code_of([&] { session(*db, "NOPE", "2026-03-09", ""); }) == Errc::not_found);
  session(*db, "C1", "2026-03-09", "", "08:30", "12:00");
  session(*db, "C1", "2026-03-13", "");
  auto shown = show_course(*db, "C1");
  CHECK(shown.data.find("sessions")->items()[0].find("hours")->as_double() == 3.5);
  CHECK(shown.data.find("sessions")->items()[1].find("no")->as_int() == 2);
}

TEST_CASE("enrolment: capacity, waitlist, promotion on withdrawal, duplicates") {
  TempDb db;
  auto c = course("C1", "2026-03-09", "2026-03-13");
  c.capacity = 2;
  add_course(*db, c);
  auto r = enrol(*db, "C1", {"G1", "G2", "G3"});
  REQUIRE(r.size() == 3);
  CHECK(r[0].status == "enrolled");
  CHECK(r[1].status == "enrolled");
  CHECK(r[2].status == "waitlisted");
  CHECK(code_of([&] { enrol(*db, "C1", {"L1", "G1"}); }) == Errc::conflict);
  CHECK(code_of([&] { enrol(*db, "C1", {"L1", "NOBODY"}); }) == Errc::not_found);
  // Both failures changed nothing: L1 can still be enrolled (to the waitlist, behind G3).
  CHECK(enrol(*db, "C1", {"L1"})[0].status == "waitlisted");
  CHECK(withdraw(*db, "C1", "G1", std::string("出差")) == std::optional<std::string>("G3"));
  CHECK(withdraw(*db, "C1", "L1", std::nullopt) == std::nullopt);  // a waitlisted person frees no place
  CHECK(code_of([&] { withdraw(*db, "C1", "G1", std::nullopt); }) == Errc::not_found);
  auto shown = show_course(*db, "C1");
  std::map<std::string, std::string> status;
  for (auto& e : shown.data.find("enrolments")->items())
    status[e.find("staff_no")->as_string()] = e.find("status")->as_string();
  CHECK(status["G1"] == "withdrawn");
  CHECK(status["G2"] == "enrolled");
  CHECK(status["G3"] == "enrolled");
  CHECK(status["L1"] == "withdrawn");
}

TEST_CASE("attendance, assessment and feedback rules through the database") {
  TempDb db;
  auto c = course("C1", "2026-03-09", "2026-03-13");
  c.components = parse_components("exam:0.5,paper:0.5", "components");
  add_course(*db, c);
  for (int i = 0; i < 7; ++i) session(*db, "C1", "2026-03-09", "3.5");  // 24.5 hours
  enrol(*db, "C1", {"G1", "G2", "G3"});
  CHECK(code_of([&] { mark(*db, "C1", 1, "L1", "present"); }) == Errc::invalid);  // not enrolled
  CHECK(code_of([&] { mark(*db, "C1", 8, "G1", "present"); }) == Errc::not_found);
  CHECK(code_of([&] { mark(*db, "C1", 1, "G1", "sleeping"); }) == Errc::invalid);
  attend(*db, AttendanceInput{"C1", 1, {"G1", "G2", "G3"}, "present", std::nullopt});
  for (int no = 2; no <= 7; ++no) attend(*db, AttendanceInput{"C1", no, {"G1", "G2"}, "late", {}});
  mark(*db, "C1", 2, "G3", "leave");  // 3.5 of 24.5 = exactly 1/7
  for (int no = 3; no <= 6; ++no) mark(*db, "C1", no, "G3", "present");
  // session 7 of G3 left unrecorded for now

  CHECK(code_of([&] { assess(*db, AssessmentInput{"C1", "G1", "oral", 80}); }) == Errc::invalid);
  CHECK(code_of([&] { assess(*db, AssessmentInput{"C1", "G1", "exam", 100.5}); }) == Errc::invalid);
  CHECK(code_of([&] { assess(*db, AssessmentInput{"C1", "G1", "exam", -1}); }) == Errc::invalid);
  assess(*db, AssessmentInput{"C1", "G1", "exam", 60});
  assess(*db, AssessmentInput{"C1", "G1", "paper", 60});  // exactly the pass mark
  assess(*db, AssessmentInput{"C1", "G2", "exam", 59});
  assess(*db, AssessmentInput{"C1", "G2", "paper", 60});  // 59.5
  assess(*db, AssessmentInput{"C1", "G3", "exam", 100});  // paper missing: not assessed

  FeedbackInput f{"C1", 2, "G3", 20, 20, 20, 20, 20};
  CHECK(code_of([&] { feedback(*db, f); }) == Errc::invalid);  // G3 was on leave at session 2
  f.by = "G1";
  f.manner = 21;
  CHECK(code_of([&] { feedback(*db, f); }) == Errc::invalid);
  f.manner = 10;
  feedback(*db, f);
  CHECK(code_of([&] { feedback(*db, f); }) == Errc::conflict);

  auto r = report_course(*db, "C1");
  CHECK(trainee(r, "G1").find("completed")->as_bool());
  CHECK(trainee(r, "G1").find("grade")->as_string() == "pass");
  CHECK(trainee(r, "G1").find("attended_hours")->as_double() == 24.5);  // late counts in full
  CHECK(reasons(trainee(r, "G2")) == std::vector<std::string>{"below_pass_mark"});
  CHECK(reasons(trainee(r, "G3")) == std::vector<std::string>{"attendance_unrecorded", "below_pass_mark"});
  mark(*db, "C1", 7, "G3", "present");
  assess(*db, AssessmentInput{"C1", "G3", "paper", 80});
  r = report_course(*db, "C1");
  CHECK(trainee(r, "G3").find("completed")->as_bool());  // leave exactly 1/7
  CHECK(trainee(r, "G3").find("grade")->as_string() == "excellent");
  CHECK(r.data.find("summary")->find("completed")->as_int() == 2);
  CHECK(r.data.find("feedback")->find("total")->as_double() == 90);
  // Half an hour more leave: over the limit.
  add_session(*db, SessionInput{"C1", day("2026-03-10"), clock("08:00"), clock("08:30"), "extra", {}, {}});
  mark(*db, "C1", 8, "G3", "leave");
  mark(*db, "C1", 8, "G1", "present");
  r = report_course(*db, "C1");
  CHECK(reasons(trainee(r, "G3")) == std::vector<std::string>{"leave_over_limit"});
  CHECK(code_of([&] { report_course(*db, "NOPE"); }) == Errc::not_found);
}

TEST_CASE("training hours: a course across 31 December counts in two years; leader window") {
  TempDb db;
  add_course(*db, course("X", "2025-12-30", "2026-01-06"));
  session(*db, "X", "2025-12-30", "3");
  session(*db, "X", "2025-12-31", "3");
  session(*db, "X", "2026-01-05", "4");
  enrol(*db, "X", {"G1", "G2", "L1"});
  for (int no = 1; no <= 3; ++no) attend(*db, AttendanceInput{"X", no, {"G1", "L1"}, "present", {}});
  for (int no = 1; no <= 3; ++no) mark(*db, "X", no, "G2", no == 3 ? "absent" : "present");  // not completed

  auto y25 = report_hours(*db, 2025, std::nullopt);
  auto y26 = report_hours(*db, 2026, std::nullopt);
  CHECK(hours_row(y25, "G1").find("centralised_hours")->as_double() == 6);
  CHECK(hours_row(y26, "G1").find("centralised_hours")->as_double() == 4);
  CHECK(hours_row(y25, "G2").find("centralised_hours")->as_double() == 0);  // an uncompleted course counts nothing

  CHECK(code_of([&] { add_hours(*db, HoursInput{"G1", day("2026-05-01"), -3, "external", {}}); }) == Errc::invalid);
  CHECK(code_of([&] { add_hours(*db, HoursInput{"G1", day("2026-05-01"), 0, "external", {}}); }) == Errc::invalid);
  CHECK(code_of([&] { add_hours(*db, HoursInput{"G1", day("2026-05-01"), 3, "offline", {}}); }) == Errc::invalid);
  CHECK(code_of([&] { add_hours(*db, HoursInput{"NOBODY", day("2026-05-01"), 3, "online", {}}); }) == Errc::not_found);
  add_hours(*db, HoursInput{"G1", day("2026-05-01"), 86, "external", {}});  // 4 + 86 = 90
  add_hours(*db, HoursInput{"G1", day("2026-06-01"), 50, "online", {}});
  auto r = report_hours(*db, 2026, std::nullopt);
  CHECK(hours_row(r, "G1").find("compliant")->as_bool());
  CHECK(hours_row(r, "G1").find("online_hours")->as_double() == 50);

  // Leader: the window of 2026 is 2022-2026; 2021, the sixth year back, is outside it.
  // Course hours in the window: 6 (2025) + 4 (2026).
  add_hours(*db, HoursInput{"L1", day("2021-12-31"), 540, "external", {}});
  add_hours(*db, HoursInput{"L1", day("2026-03-01"), 50, "online", {}});
  r = report_hours(*db, 2026, std::nullopt);
  CHECK(hours_row(r, "L1").find("window_hours")->as_double() == 10);
  CHECK(reasons(hours_row(r, "L1")) == std::vector<std::string>{"five_year_hours_short"});
  add_hours(*db, HoursInput{"L1", day("2022-01-01"), 534, "external", {}});
  r = report_hours(*db, 2026, std::nullopt);
  CHECK(hours_row(r, "L1").find("window_hours")->as_double() == 544);
  CHECK(hours_row(r, "L1").find("shortfall_hours")->as_double() == 6);
  add_hours(*db, HoursInput{"L1", day("2024-01-01"), 6, "external", {}});
  CHECK(hours_row(report_hours(*db, 2026, std::nullopt), "L1").find("compliant")->as_bool());
  // In 2027 the 2022 hours are the sixth year back: 6 (2024) + 6 (2025) + 4 (2026) remain.
  auto w27 = hours_row(report_hours(*db, 2027, std::nullopt), "L1");
  CHECK(w27.find("window_hours")->as_double() == 16);
  CHECK_FALSE(w27.find("compliant")->as_bool());

  // --unit takes the unit and the units below it.
  auto unit = report_hours(*db, 2026, std::string("QX"));
  CHECK(unit.data.find("people")->items().size() == 3);  // L1 (QX), G1 and G2 (QXA)
  CHECK(code_of([&] { report_hours(*db, 2026, std::string("NOPE")); }) == Errc::not_found);

  auto p = report_person(*db, "G1", std::nullopt);
  auto& years = p.data.find("hours")->items();
  REQUIRE(years.size() == 2);
  CHECK(years[0].find("year")->as_int() == 2025);
  CHECK(years[0].find("centralised_hours")->as_double() == 6);
  CHECK(years[1].find("centralised_hours")->as_double() == 90);
  CHECK(p.data.find("courses")->items().size() == 1);
  CHECK(p.data.find("secondments")->type() == Node::Type::array);
}
