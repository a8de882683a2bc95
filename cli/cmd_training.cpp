// course, session, enrol, withdraw, attend, assess, feedback, hours, export.

#include "cadre/enums.hpp"
#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/training.hpp"
#include "context.hpp"

namespace cadre::cli {

namespace {

// An optional option, parsed when given and not blank (blank is left out, as the library always read it).
template <typename Parse>
auto parsed(const po::variables_map& vm, const char* name, Parse parse) -> std::optional<decltype(parse(""))> {
  auto text = opt(vm, name);
  if (!text || text->find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return parse(*text);
}

int session_no(const po::variables_map& vm) {
  return int(parse_integer(req(vm, "SESSION_NO"), "SESSION_NO", 1, kMaxSessionNo));
}
}  // namespace

int cmd_course(Context& ctx, const Args& args) {
  const std::string usage =
      fmt::format(
          "usage: cadre course add CODE --title T --organizer UNIT --start DATE --end DATE [--capacity N]\n"
          "                        [--type {}]\n"
          "                        [--category C] [--pass-mark N] [--max-leave-ratio R] [--max-absence-hours H]\n"
          "                        [--components name:w,...]\n"
          "       cadre course list [--type T]\n"
          "       cadre course show CODE\n",
          enum_choices("course_type")) +
      tr("--type: the kind of training (条例 Art. 13), default other; a course of type appointment is\n"
         "appointment training (任职培训). --category stays a free label.\n") +
      tr("--max-leave-ratio: a fraction of the total hours, \"1/7\" (default) or a decimal.\n"
         "--components: assessment components and weights summing to 1, e.g. exam:0.6,paper:0.4.\n");
  if (help_requested(args, usage, ctx)) return 0;
  const std::string& verb = args[0];
  if (verb == "add") {
    po::options_description o;
    o.add_options()("title", po::value<std::string>())("organizer", po::value<std::string>())(
        "start", po::value<std::string>())("end", po::value<std::string>())("capacity", po::value<std::string>())(
        "category", po::value<std::string>())("pass-mark", po::value<std::string>())(
        "max-leave-ratio", po::value<std::string>())("max-absence-hours", po::value<std::string>())(
        "components", po::value<std::string>())("type", po::value<std::string>());
    auto vm = parse(rest(args), o, {"CODE"});
    CourseInput c;
    c.code = req(vm, "CODE");
    c.title = req(vm, "title");
    c.organizer = req(vm, "organizer");
    c.start = parse_date(req(vm, "start"), "start");
    c.end = parse_date(req(vm, "end"), "end");
    c.capacity = parsed(vm, "capacity", [](auto& t) { return int(parse_integer(t, "capacity", 1, kMaxCapacity)); });
    c.category = opt(vm, "category");
    c.type = opt(vm, "type");
    if (auto v = parsed(vm, "pass-mark", [](auto& t) { return parse_number(t, "pass-mark", 0, kMaxPassMark); }))
      c.pass_mark = *v;
    if (auto v = parsed(vm, "max-leave-ratio", [](auto& t) { return parse_leave_ratio(t, "max-leave-ratio"); }))
      c.max_leave_ratio = *v;
    if (auto v = parsed(vm, "max-absence-hours",
                        [](auto& t) { return parse_number(t, "max-absence-hours", 0, kMaxAbsenceHours); }))
      c.max_absence_hours = *v;
    if (auto v = parsed(vm, "components", [](auto& t) { return parse_components(t, "components"); })) c.components = *v;
    add_course(ctx.db(), c);
    ctx.done(tr("course {} added", c.code));
    return 0;
  }
  if (verb == "list") {
    auto vm = parse(rest(args), string_options({"type"}), {});
    ctx.emit(list_courses(ctx.db(), opt(vm, "type")));
    return 0;
  }
  if (verb == "show") {
    auto vm = parse(rest(args), {}, {"CODE"});
    ctx.emit(show_course(ctx.db(), req(vm, "CODE")));
    return 0;
  }
  unknown_verb("course", verb);
}

int cmd_session(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre session add COURSE --date DATE --start HH:MM --end HH:MM --title T [--instructor I] [--hours H]\n" +
      tr("--hours defaults to the session's length rounded to half an hour.\n");
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "add") unknown_verb("session", args[0]);
  po::options_description o;
  o.add_options()("date", po::value<std::string>())("start", po::value<std::string>())("end", po::value<std::string>())(
      "title", po::value<std::string>())("instructor", po::value<std::string>())("hours", po::value<std::string>());
  auto vm = parse(rest(args), o, {"COURSE"});
  SessionInput s;
  s.course = req(vm, "COURSE");
  s.date = parse_date(req(vm, "date"), "date");
  s.start = parse_clock(req(vm, "start"), "start");
  s.end = parse_clock(req(vm, "end"), "end");
  s.title = req(vm, "title");
  s.instructor = opt(vm, "instructor");
  s.hours = parsed(vm, "hours", [](auto& t) { return parse_hours(t, "hours", kMaxSessionHours); });
  int no = add_session(ctx.db(), s);
  Node extra = Node::object();
  extra.set("no", Node::integer(no));
  ctx.done(tr("session {} of {} added", no, s.course), std::move(extra));
  return 0;
}

int cmd_enrol(Context& ctx, const Args& args) {
  const std::string usage = "usage: cadre enrol COURSE STAFF_NO...\n" +
                            tr("Beyond the course's capacity people are waitlisted in the order given.\n");
  if (help_requested(args, usage, ctx)) return 0;
  auto vm = parse(args, {}, {"COURSE", "STAFF_NO"}, true);
  auto result = enrol(ctx.db(), req(vm, "COURSE"), many(vm, "STAFF_NO"));
  Node extra = Node::object();
  auto& list = extra.set("enrolments", Node::array());
  std::string text;
  for (const auto& e : result) {
    auto& row = list.push(Node::object());
    row.set("staff_no", Node::string(e.staff_no));
    row.set("status", Node::code(e.status));
    text += (text.empty() ? "" : "\n") + e.staff_no + " " + word("status", e.status);
  }
  ctx.done(text, std::move(extra));
  return 0;
}

int cmd_withdraw(Context& ctx, const Args& args) {
  const std::string usage = "usage: cadre withdraw COURSE STAFF_NO [--reason R]\n" +
                            tr("The first person on the waitlist takes the free place.\n");
  if (help_requested(args, usage, ctx)) return 0;
  po::options_description o;
  o.add_options()("reason", po::value<std::string>());
  auto vm = parse(args, o, {"COURSE", "STAFF_NO"});
  auto promoted = withdraw(ctx.db(), req(vm, "COURSE"), req(vm, "STAFF_NO"), opt(vm, "reason"));
  Node extra = Node::object();
  extra.set("promoted", promoted ? Node::string(*promoted) : Node::null());
  std::string text = tr("{} withdrawn from {}", req(vm, "STAFF_NO"), req(vm, "COURSE"));
  if (promoted) text += tr("; {} promoted from the waitlist", *promoted);
  ctx.done(text, std::move(extra));
  return 0;
}

int cmd_attend(Context& ctx, const Args& args) {
  std::string usage = "usage: cadre attend COURSE SESSION_NO STAFF_NO... --status " +
                      enum_choices("attendance_status") + " [--note N]\n";
  if (help_requested(args, usage, ctx)) return 0;
  po::options_description o;
  o.add_options()("status", po::value<std::string>())("note", po::value<std::string>());
  auto vm = parse(args, o, {"COURSE", "SESSION_NO", "STAFF_NO"}, true);
  AttendanceInput a;
  a.course = req(vm, "COURSE");
  a.session_no = session_no(vm);
  a.staff_nos = many(vm, "STAFF_NO");
  a.status = req(vm, "status");
  a.note = opt(vm, "note");
  attend(ctx.db(), a);
  ctx.done(tr("{} marked {} at session {} of {}", a.staff_nos.size(), word("status", *a.status), req(vm, "SESSION_NO"),
              a.course));
  return 0;
}

int cmd_assess(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre assess COURSE STAFF_NO --component NAME --score S   " + tr("(S: 0-100)") + "\n";
  if (help_requested(args, usage, ctx)) return 0;
  po::options_description o;
  o.add_options()("component", po::value<std::string>())("score", po::value<std::string>());
  auto vm = parse(args, o, {"COURSE", "STAFF_NO"});
  std::string score = req(vm, "score");
  AssessmentInput a{req(vm, "COURSE"), req(vm, "STAFF_NO"), req(vm, "component"), 0};
  a.score = parse_number(score, "score", 0, kMaxScore);
  assess(ctx.db(), a);
  ctx.done(tr("{} {} {} recorded", a.staff_no, word("component", *a.component), score));
  return 0;
}

int cmd_feedback(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre feedback COURSE SESSION_NO --by STAFF_NO --relevance N --theory N --information N\n"
      "                      --delivery N --manner N   " +
      tr("(each 0-20)") + "\n";
  if (help_requested(args, usage, ctx)) return 0;
  po::options_description o;
  o.add_options()("by", po::value<std::string>())("relevance", po::value<std::string>())(
      "theory", po::value<std::string>())("information", po::value<std::string>())(
      "delivery", po::value<std::string>())("manner", po::value<std::string>());
  auto vm = parse(args, o, {"COURSE", "SESSION_NO"});
  FeedbackInput f;
  f.course = req(vm, "COURSE");
  f.session_no = session_no(vm);
  f.by = req(vm, "by");
  auto item = [&](const char* name) { return int(parse_integer(req(vm, name), name, 0, kMaxFeedbackScore)); };
  f.relevance = item("relevance");
  f.theory = item("theory");
  f.information = item("information");
  f.delivery = item("delivery");
  f.manner = item("manner");
  feedback(ctx.db(), f);
  ctx.done(tr("feedback from {} recorded", *f.by));
  return 0;
}

int cmd_hours(Context& ctx, const Args& args) {
  std::string usage =
      "usage: cadre hours add STAFF_NO --date DATE --hours H --kind " + enum_choices("hours_kind") + " [--title T]\n";
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "add") unknown_verb("hours", args[0]);
  po::options_description o;
  o.add_options()("date", po::value<std::string>())("hours", po::value<std::string>())(
      "kind", po::value<std::string>())("title", po::value<std::string>());
  auto vm = parse(rest(args), o, {"STAFF_NO"});
  HoursInput h;
  h.staff_no = req(vm, "STAFF_NO");
  h.date = parse_date(req(vm, "date"), "date");
  std::string hours = req(vm, "hours");
  h.hours = parse_hours(hours, "hours", kMaxRecordHours);
  h.kind = req(vm, "kind");
  h.title = opt(vm, "title");
  add_hours(ctx.db(), h);
  ctx.done(tr("{} {} hours added for {}", hours, word("kind", *h.kind), h.staff_no));
  return 0;
}

int cmd_export(Context& ctx, const Args& args) {
  const std::string usage = "usage: cadre export ics COURSE [-o FILE]\n" +
                            tr("The timetable as an iCalendar file (RFC 5545) for calendar apps; stdout without -o.\n");
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "ics") unknown_verb("export", args[0]);
  auto vm = parse(rest(args), {}, {"COURSE"});
  ctx.write_out(export_ics(ctx.db(), req(vm, "COURSE")));
  return 0;
}

}  // namespace cadre::cli
