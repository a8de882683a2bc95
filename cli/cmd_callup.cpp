// The call-up (调训): quota, nominate, nomination, arrive.

#include "cadre/callup.hpp"
#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "context.hpp"

namespace cadre::cli {

int cmd_quota(Context& ctx, const Args& args) {
  const std::string usage = "usage: cadre quota set COURSE UNIT --places N\n" +
                            tr("The unit's places (调训名额) in the course; its people are nominated against them.\n");
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "set") unknown_verb("quota", args[0]);
  auto vm = parse(rest(args), string_options({"places"}), {"COURSE", "UNIT"});
  QuotaInput q{req(vm, "COURSE"), req(vm, "UNIT"), 0};
  q.places = int(parse_integer(req(vm, "places"), "places", 0, kMaxPlaces));
  set_quota(ctx.db(), q);
  ctx.done(tr("{} has {} places in {}", q.unit, q.places, q.course));
  return 0;
}

int cmd_nominate(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre nominate COURSE STAFF_NO... [--by NAME] [--on DATE]\n" +
      tr("Each nominee takes a place of the nearest unit up their unit's chain with places in the course.\n");
  if (help_requested(args, usage, ctx)) return 0;
  auto vm = parse(args, string_options({"by", "on"}), {"COURSE", "STAFF_NO"}, true);
  NominationInput n;
  n.course = req(vm, "COURSE");
  n.staff_nos = many(vm, "STAFF_NO");
  n.by = opt(vm, "by");
  n.on = parse_optional_date(opt(vm, "on"), "on");
  auto result = nominate(ctx.db(), n);
  Node extra = Node::object();
  auto& list = extra.set("nominations", Node::array());
  std::string text;
  for (const auto& r : result) {
    auto& row = list.push(Node::object());
    row.set("staff_no", Node::string(r.staff_no));
    row.set("unit", Node::string(r.unit));
    text.append(text.empty() ? "" : "\n").append(tr("{} nominated ({})", r.staff_no, r.unit));
  }
  ctx.done(text, std::move(extra));
  return 0;
}

int cmd_nomination(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre nomination approve COURSE STAFF_NO --by NAME [--on DATE]\n"
      "       cadre nomination reject COURSE STAFF_NO --by NAME --reason R [--on DATE]\n" +
      tr("Approval enrols the nominee (waitlisted when the course is full); rejection frees "
         "the place.\n");
  if (help_requested(args, usage, ctx)) return 0;
  const std::string& verb = args[0];
  if (verb != "approve" && verb != "reject") unknown_verb("nomination", verb);
  auto vm = parse(rest(args), string_options({"by", "reason", "on"}), {"COURSE", "STAFF_NO"});
  NominationDecision d;
  d.course = req(vm, "COURSE");
  d.staff_no = req(vm, "STAFF_NO");
  d.by = req(vm, "by");
  d.on = parse_optional_date(opt(vm, "on"), "on");
  if (verb == "approve") {
    if (opt(vm, "reason")) throw Error(Errc::usage, tr("--reason applies to reject only"), "reason");
    auto e = approve_nomination(ctx.db(), d);
    Node extra = Node::object();
    extra.set("status", Node::code(e.status));
    ctx.done(tr("nomination of {} approved: {}", d.staff_no, word("status", e.status)), std::move(extra));
    return 0;
  }
  d.reason = req(vm, "reason");
  reject_nomination(ctx.db(), d);
  ctx.done(tr("nomination of {} rejected", d.staff_no));
  return 0;
}

int cmd_arrive(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre arrive COURSE STAFF_NO [--on DATE]\n" +
      tr("报到: not arrived by the start + arrival_grace_days (setting, default 3) is a no-show.\n");
  if (help_requested(args, usage, ctx)) return 0;
  auto vm = parse(args, string_options({"on"}), {"COURSE", "STAFF_NO"});
  ArrivalInput a{req(vm, "COURSE"), req(vm, "STAFF_NO"), parse_optional_date(opt(vm, "on"), "on")};
  arrive(ctx.db(), a);
  ctx.done(tr("{} arrived at {}", a.staff_no, a.course));
  return 0;
}

}  // namespace cadre::cli
