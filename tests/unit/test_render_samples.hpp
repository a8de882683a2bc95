// Synthetic report models shaped like DESIGN.md's reports (secondment, secondments, course), with
// their charts: the renderer tests use them before the real reports exist.
#pragma once
#include "cadre/model.hpp"

namespace cadre::test {

inline Report sample_secondment() {
  Report r;
  r.kind = "secondment";
  r.title = "Secondment 7 王建国";
  auto& s = r.data.set("secondment", Node::object());
  s.set("id", Node::integer(7, Hint::id));
  s.set("staff_no", Node::string("A1001", Hint::id));
  s.set("name", Node::string("王建国"));
  s.set("host", Node::string("DSZ"));
  s.set("home", Node::string("QXFGW"));
  s.set("post", Node::string("党委副书记（挂职）"));
  s.set("start", Node::date("2026-03-02"));
  s.set("end", Node::date("2026-08-31"));
  s.set("status", Node::code("completed"));
  r.data.set("as_of", Node::date("2026-08-31"));
  r.data.set("working_days", Node::integer(128));
  r.data.set("leave_days", Node::integer(8));
  r.data.set("present_days", Node::integer(105));
  r.data.set("presence_rate", Node::number(0.875, Hint::rate));
  auto& months = r.data.set("months", Node::array());
  const char* names[] = {"2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"};
  int working[] = {22, 21, 19, 21, 23, 21}, present[] = {20, 18, 17, 19, 16, 15};
  for (int i = 0; i < 6; ++i) {
    auto& m = months.push(Node::object());
    m.set("month", Node::string(names[i]));
    m.set("working_days", Node::integer(working[i]));
    m.set("present_days", Node::integer(present[i]));
    m.set("leave_days", Node::integer(i == 4 ? 5 : 0));
    m.set("report_filed", Node::boolean(i != 5));
  }
  auto& ev = r.data.set("evaluations", Node::array());
  auto add_eval = [&](const char* rater, double score, const char* grade) {
    auto& e = ev.push(Node::object());
    e.set("period", Node::string("final"));
    e.set("rater", Node::code(rater));
    e.set("score", Node::number(score, Hint::score));
    e.set("grade", Node::code(grade));
  };
  add_eval("host", 91.4, "excellent");
  add_eval("home", 84, "competent");
  auto& dims = r.data.set("dimensions", Node::array());
  const char* dn[] = {"conduct", "competence", "diligence", "performance", "integrity"};
  double ds[] = {92, 86.5, 90, 83.5, 95};
  for (int i = 0; i < 5; ++i) {
    auto& d = dims.push(Node::object());
    d.set("dimension", Node::code(dn[i]));
    d.set("score", Node::number(ds[i], Hint::score));
  }
  auto& overall = r.data.set("overall", Node::object());
  overall.set("score", Node::number(89.2, Hint::score));
  overall.set("grade", Node::code("competent"));
  auto& alerts = r.data.set("alerts", Node::array());
  auto& a = alerts.push(Node::object());
  a.set("code", Node::code("monthly_report_missing"));
  a.set("message", Node::string("monthly report for 2026-08 is missing"));
  r.charts.push_back({"presence_by_month", "months", "month", {"present_days", "working_days"}, std::nullopt, "", 0});
  r.charts.push_back({"evaluation_by_dimension", "dimensions", "dimension", {"score"}, std::nullopt, "", 100});
  return r;
}

inline Report sample_batch() {
  Report r;
  r.kind = "secondments";
  r.title = "Secondments, batch 2026-1";
  auto& rows = r.data.set("rows", Node::array());
  struct Row { int id; const char* staff; const char* name; const char* status; double rate; };
  Row data[] = {{7, "A1001", "王建国", "active", 0.875},   {8, "A1002", "李秀英", "active", 0.92},
                {9, "A1005", "陈明", "terminated", 0.61}, {10, "A1010", "Wu Min (吴敏)", "planned", 0}};
  for (auto& d : data) {
    auto& row = rows.push(Node::object());
    row.set("id", Node::integer(d.id, Hint::id));
    row.set("staff_no", Node::string(d.staff, Hint::id));
    row.set("name", Node::string(d.name));
    row.set("start", Node::date("2026-03-02"));
    row.set("status", Node::code(d.status));
    row.set("presence_rate", Node::number(d.rate, Hint::rate));
    row.set("overall_grade", d.rate > 0.9 ? Node::code("excellent") : Node::null());
  }
  r.data.set("excellent_share", Node::number(0.25, Hint::rate));
  auto& alerts = r.data.set("alerts", Node::array());
  auto& a = alerts.push(Node::object());
  a.set("code", Node::code("presence_below_minimum"));
  a.set("message", Node::string("A1005 presence 61.0% is below 80.0%"));
  r.charts.push_back({"presence_by_secondee", "rows", "name", {"presence_rate"}, 0.8, "min_presence", 1});
  return r;
}

inline Report sample_course() {
  Report r;
  r.kind = "course";
  r.title = "Course PS2026-01 中青年干部培训班";
  auto& c = r.data.set("course", Node::object());
  c.set("code", Node::string("PS2026-01"));
  c.set("title", Node::string("中青年干部培训班"));
  c.set("start", Node::date("2026-03-02"));
  c.set("end", Node::date("2026-03-20"));
  c.set("total_hours", Node::number(42, Hint::hours));
  auto& s = r.data.set("summary", Node::object());
  s.set("enrolled", Node::integer(3));
  s.set("completed", Node::integer(2));
  s.set("completion_rate", Node::number(2.0 / 3.0, Hint::rate));
  auto& g = s.set("grades", Node::object());
  g.set("excellent", Node::integer(1));
  g.set("good", Node::integer(1));
  g.set("pass", Node::integer(0));
  g.set("fail", Node::integer(1));
  auto& t = r.data.set("trainees", Node::array());
  auto trainee = [&](const char* staff, const char* name, double attended, double leave, double score,
                     const char* grade, bool completed, std::vector<const char*> reasons) {
    auto& row = t.push(Node::object());
    row.set("staff_no", Node::string(staff, Hint::id));
    row.set("name", Node::string(name));
    row.set("scheduled_hours", Node::number(42, Hint::hours));
    row.set("attended_hours", Node::number(attended, Hint::hours));
    row.set("leave_hours", Node::number(leave, Hint::hours));
    row.set("absent_hours", Node::number(42 - attended - leave, Hint::hours));
    row.set("attendance_rate", Node::number(attended / 42, Hint::rate));
    row.set("final_score", Node::number(score, Hint::score));
    row.set("grade", Node::code(grade));
    row.set("completed", Node::boolean(completed));
    auto& rs = row.set("reasons", Node::array());
    for (auto* reason : reasons) rs.push(Node::code(reason));
  };
  trainee("A1001", "王建国", 42, 0, 93.5, "excellent", true, {});
  trainee("A1002", "李秀英", 39, 3, 85, "good", true, {});
  trainee("A1003", "张伟", 30, 9, 55, "fail", false, {"leave_over_limit", "unexcused_absence", "below_pass_mark"});
  auto& sessions = r.data.set("sessions", Node::array());
  for (int i = 1; i <= 4; ++i) {
    auto& row = sessions.push(Node::object());
    row.set("number", Node::integer(i, Hint::id));
    row.set("date", Node::date("2026-03-0" + std::to_string(i + 1)));
    row.set("present", Node::integer(3 - (i == 4 ? 1 : 0)));
    row.set("leave", Node::integer(i == 4 ? 1 : 0));
    row.set("absent", Node::integer(0));
  }
  auto& dist = r.data.set("grade_distribution", Node::array());
  for (auto [grade, count] : {std::pair{"excellent", 1}, {"good", 1}, {"pass", 0}, {"fail", 1}}) {
    auto& row = dist.push(Node::object());
    row.set("grade", Node::code(grade));
    row.set("count", Node::integer(count));
  }
  r.charts.push_back({"attendance_by_session", "sessions", "number", {"present", "leave", "absent"}, std::nullopt, "", 0});
  r.charts.push_back({"grade_distribution", "grade_distribution", "grade", {"count"}, std::nullopt, "", 0});
  return r;
}

// Names a spreadsheet must repair: too long, characters Excel refuses, the same label twice.
inline Report sample_edge() {
  Report r;
  r.kind = "edge";
  r.title = "Edge [cases]: sheet names?";
  auto row = [] {
    Node n = Node::object();
    n.set("value", Node::integer(1));
    return n;
  };
  r.data.set("a_table_name_much_longer_than_thirty_one_characters", Node::array()).push(row());
  r.data.set("what/is:this[1]?", Node::array()).push(row());
  auto& g = r.data.set("group", Node::object());
  g.set("rows", Node::array()).push(row());
  auto& h = r.data.set("other", Node::object());
  h.set("rows", Node::array()).push(row());
  return r;
}

}  // namespace cadre::test
