// secondment, checkin, leave, log, evaluate. Options are parsed by the text layer
// (cadre/parse.hpp), each named by its option's name without "--", then handed on typed.
#include "cadre/parse.hpp"
#include "cadre/secondment.hpp"
#include "context.hpp"

namespace cadre::cli {

namespace {
// `secondment add`'s usage, from the library's input fields: the required ones on the first line,
// the optional ones on the second.
std::string add_usage() {
  std::string required = "usage: cadre secondment add", optional = std::string(28, ' ');
  for (const auto& f : secondment_input_fields()) {
    if (f.positional)
      required += " " + f.id;
    else if (f.required)
      required += " --" + f.id + " " + f.metavar;
    else
      optional += (optional.back() == ' ' ? "[--" : " [--") + f.id + " " + f.metavar + "]";
  }
  return required + "\n" + optional + "   " + tr("(prints the new id)") + "\n";
}

// `secondment add STAFF_NO ...`: each input field parsed by the library, in the table's order.
SecondmentInput add_input(const Args& args) {
  po::options_description options;
  std::vector<std::string> positional;
  for (const auto& f : secondment_input_fields()) {
    if (f.positional)
      positional.push_back(f.id);
    else
      options.add_options()(f.id.c_str(), po::value<std::string>());
  }
  auto vm = parse(args, options, positional);
  SecondmentInput in;
  for (const auto& f : secondment_input_fields())
    if (auto text = f.required ? std::optional(req(vm, f.id.c_str())) : opt(vm, f.id.c_str()))
      set_secondment_field(in, f.id, *text);
  return in;
}
}  // namespace

int cmd_secondment(Context& ctx, const Args& args) {
  const std::string usage = add_usage() +
                            "       cadre secondment list [--active-on DATE] [--batch B] [--host UNIT]\n"
                            "       cadre secondment show ID\n"
                            "       cadre secondment extend ID --until DATE --reason R\n"
                            "       cadre secondment end ID --on DATE --reason R [--decided-by NAME]\n";
  if (help_requested(args, usage, ctx)) return 0;
  const std::string& verb = args[0];
  if (verb == "add") {
    auto id = add_secondment(ctx.db(), add_input(rest(args)));
    Node extra = Node::object();
    extra.set("id", Node::integer(id));
    if (ctx.render.format == "json") ctx.done(tr("secondment {} added", id), extra);
    else *ctx.out << id << "\n";
    return 0;
  }
  if (verb == "list") {
    auto vm = parse(rest(args), string_options({"active-on", "batch", "host"}), {});
    auto active_on = opt(vm, "active-on");
    SecondmentFilter filter{active_on ? std::optional(parse_date(*active_on, "active-on")) : std::nullopt,
                            opt(vm, "batch"), opt(vm, "host")};
    ctx.emit(list_secondments(ctx.db(), filter));
    return 0;
  }
  if (verb == "show") {
    auto vm = parse(rest(args), {}, {"ID"});
    ctx.emit(show_secondment(ctx.db(), parse_id(req(vm, "ID"), "ID")));
    return 0;
  }
  if (verb == "extend") {
    auto vm = parse(rest(args), string_options({"until", "reason"}), {"ID"});
    Id id = parse_id(req(vm, "ID"), "ID");
    extend_secondment(ctx.db(), id, parse_date(req(vm, "until"), "until"), req(vm, "reason"));
    ctx.done(tr("secondment {} extended until {}", req(vm, "ID"), req(vm, "until")));
    return 0;
  }
  if (verb == "end") {
    auto vm = parse(rest(args), string_options({"on", "reason", "decided-by"}), {"ID"});
    Id id = parse_id(req(vm, "ID"), "ID");
    end_secondment(ctx.db(), id, parse_date(req(vm, "on"), "on"), req(vm, "reason"), opt(vm, "decided-by"));
    ctx.done(tr("secondment {} ended on {}", req(vm, "ID"), req(vm, "on")));
    return 0;
  }
  unknown_verb("secondment", verb);
}

int cmd_checkin(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre checkin STAFF_NO [--at INSTANT] [--kind on_duty|field|meeting|remote] [--place P]\n"
      "                      [--lat X --lon Y] [--makeup --reason R --approved-by NAME]\n" +
      tr("INSTANT: 2026-03-02T08:31:00+08:00, or without offset in the database time zone; default now.\n"
         "A second check-in of the same person in the same minute is ignored.\n") +
      tr("--makeup: a make-up punch (补卡), counted as a check-in and kept apart; needs a reason and an approver.\n");
  if (help_requested(args, usage, ctx)) return 0;
  auto options = string_options({"at", "kind", "place", "lat", "lon", "reason", "approved-by"});
  options.add_options()("makeup", po::bool_switch());
  auto vm = parse(args, options, {"STAFF_NO"});
  CheckinInput in;
  in.staff_no = req(vm, "STAFF_NO");
  if (auto at = opt(vm, "at")) in.at = parse_when(*at, "at");  // present but empty is refused
  in.kind = opt(vm, "kind");
  in.place = opt(vm, "place");
  in.lat = parse_optional_number(opt(vm, "lat"), "lat", kLatitude.min, kLatitude.max);
  in.lon = parse_optional_number(opt(vm, "lon"), "lon", kLongitude.min, kLongitude.max);
  in.makeup = vm["makeup"].as<bool>();
  in.reason = opt(vm, "reason");
  in.approved_by = opt(vm, "approved-by");
  auto r = checkin(ctx.db(), in);
  Node extra = Node::object();
  extra.set("secondment", Node::integer(r.secondment_id));
  std::string day = format_date(r.day);
  extra.set("day", Node::date(day));
  extra.set("duplicate", Node::boolean(r.duplicate));
  ctx.done(r.duplicate ? tr("duplicate check-in ignored (same person, same minute)")
                       : tr("check-in recorded for secondment {} on {}", r.secondment_id, day),
           extra);
  return 0;
}

int cmd_leave(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre leave request SECONDMENT_ID --from DATE --to DATE --kind sick|personal|annual|official\n"
      "                           [--reason R]   " +
      tr("(prints the new id)") +
      "\n"
      "       cadre leave approve LEAVE_ID --by NAME --level host|district|city\n"
      "       cadre leave reject LEAVE_ID --by NAME [--reason R]\n"
      "       cadre leave return LEAVE_ID --on DATE      " +
      tr("(销假: back at post on DATE)") +
      "\n"
      "       cadre leave cancel LEAVE_ID\n" +
      tr("Approval level by length: up to 3 days host, up to 7 district, longer city.\n");
  if (help_requested(args, usage, ctx)) return 0;
  const std::string& verb = args[0];
  if (verb == "request") {
    auto vm = parse(rest(args), string_options({"from", "to", "kind", "reason"}), {"SECONDMENT_ID"});
    LeaveInput in;
    in.secondment_id = parse_id(req(vm, "SECONDMENT_ID"), "SECONDMENT_ID");
    in.from = parse_date(req(vm, "from"), "from");
    in.to = parse_date(req(vm, "to"), "to");
    in.kind = req(vm, "kind");
    in.reason = opt(vm, "reason");
    auto id = request_leave(ctx.db(), in);
    Node extra = Node::object();
    extra.set("id", Node::integer(id));
    if (ctx.render.format == "json") ctx.done(tr("leave {} requested", id), extra);
    else *ctx.out << id << "\n";
    return 0;
  }
  if (verb == "approve") {
    auto vm = parse(rest(args), string_options({"by", "level"}), {"LEAVE_ID"});
    approve_leave(ctx.db(), parse_id(req(vm, "LEAVE_ID"), "LEAVE_ID"), req(vm, "by"), req(vm, "level"));
    ctx.done(tr("leave {} approved", req(vm, "LEAVE_ID")));
    return 0;
  }
  if (verb == "reject") {
    auto vm = parse(rest(args), string_options({"by", "reason"}), {"LEAVE_ID"});
    reject_leave(ctx.db(), parse_id(req(vm, "LEAVE_ID"), "LEAVE_ID"), req(vm, "by"), opt(vm, "reason"));
    ctx.done(tr("leave {} rejected", req(vm, "LEAVE_ID")));
    return 0;
  }
  if (verb == "return") {
    auto vm = parse(rest(args), string_options({"on"}), {"LEAVE_ID"});
    Id id = parse_id(req(vm, "LEAVE_ID"), "LEAVE_ID");
    return_from_leave(ctx.db(), id, parse_date(req(vm, "on"), "on"));
    ctx.done(tr("leave {} closed: back on {}", req(vm, "LEAVE_ID"), req(vm, "on")));
    return 0;
  }
  if (verb == "cancel") {
    auto vm = parse(rest(args), {}, {"LEAVE_ID"});
    cancel_leave(ctx.db(), parse_id(req(vm, "LEAVE_ID"), "LEAVE_ID"));
    ctx.done(tr("leave {} cancelled", req(vm, "LEAVE_ID")));
    return 0;
  }
  unknown_verb("leave", verb);
}

int cmd_log(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre log add SECONDMENT_ID --month YYYY-MM --text T [--insights T] [--problems T] [--plans T]\n"
      "                     [--on DATE]\n" +
      tr("The monthly work report; --on is the day it was filed (default today). Reports are due by the\n"
         "5th of the following month.\n") +
      tr("--text is the work done; --insights, --problems and --plans (心得体会, 存在不足, 下一步打算) are\n"
         "compiled into the end-of-term summary (report summary).\n");
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "add") unknown_verb("log", args[0]);
  auto vm = parse(rest(args), string_options({"month", "text", "insights", "problems", "plans", "on"}),
                  {"SECONDMENT_ID"});
  MonthlyReportInput in;
  in.secondment_id = parse_id(req(vm, "SECONDMENT_ID"), "SECONDMENT_ID");
  in.month = parse_month(req(vm, "month"), "month");
  in.text = req(vm, "text");
  in.insights = opt(vm, "insights");
  in.problems = opt(vm, "problems");
  in.plans = opt(vm, "plans");
  in.filed_on = parse_optional_date(opt(vm, "on"), "on");
  add_monthly_report(ctx.db(), in);
  ctx.done(tr("monthly report {} filed for secondment {}", req(vm, "month"), req(vm, "SECONDMENT_ID")));
  return 0;
}

int cmd_opinion(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre opinion add SECONDMENT_ID --by host|home|org --text T --signed-by NAME [--on DATE]\n" +
      tr("The appraisal opinion (鉴定意见) of the host, the home unit or the organisation department for the\n"
         "end-of-term summary; one per role, a second replaces the first. --on: default today.\n");
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "add") unknown_verb("opinion", args[0]);
  auto vm = parse(rest(args), string_options({"by", "text", "signed-by", "on"}), {"SECONDMENT_ID"});
  OpinionInput in;
  in.secondment_id = parse_id(req(vm, "SECONDMENT_ID"), "SECONDMENT_ID");
  in.by = req(vm, "by");
  in.text = req(vm, "text");
  in.signed_by = req(vm, "signed-by");
  in.on = parse_optional_date(opt(vm, "on"), "on");
  bool replaced = add_opinion(ctx.db(), in);
  Node extra = Node::object();
  extra.set("replaced", Node::boolean(replaced));
  ctx.done(replaced ? tr("opinion of the {} replaced for secondment {}", word("rater", in.by), req(vm, "SECONDMENT_ID"))
                    : tr("opinion of the {} recorded for secondment {}", word("rater", in.by), req(vm, "SECONDMENT_ID")),
           std::move(extra));
  return 0;
}

int cmd_evaluate(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre evaluate SECONDMENT_ID --period P --rater host|home|org --conduct N --competence N\n"
      "                      --diligence N --performance N --integrity N [--grade G] [--comment C]\n" +
      tr("Scores 0-100; grades: excellent, competent, basically_competent, incompetent.\n");
  if (help_requested(args, usage, ctx)) return 0;
  auto vm = parse(args,
                  string_options({"period", "rater", "conduct", "competence", "diligence", "performance", "integrity",
                                  "grade", "comment"}),
                  {"SECONDMENT_ID"});
  auto score = [&](const char* name) { return parse_number(req(vm, name), name, kScore.min, kScore.max); };
  EvaluationInput in;
  in.secondment_id = parse_id(req(vm, "SECONDMENT_ID"), "SECONDMENT_ID");
  in.period = req(vm, "period");
  in.rater = req(vm, "rater");
  in.conduct = score("conduct");
  in.competence = score("competence");
  in.diligence = score("diligence");
  in.performance = score("performance");
  in.integrity = score("integrity");
  in.grade = opt(vm, "grade");
  in.comment = opt(vm, "comment");
  evaluate(ctx.db(), in);
  ctx.done(tr("evaluation {} by {} recorded for secondment {}", word("period", req(vm, "period")),
              word("rater", req(vm, "rater")), req(vm, "SECONDMENT_ID")));
  return 0;
}

}  // namespace cadre::cli
