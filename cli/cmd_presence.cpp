// trip, spotcheck: the presence side of the secondment workflows (duty trips 报备, spot checks 抽查);
// make-up punches (补卡) are `checkin --makeup` (cmd_secondment.cpp).
#include "cadre/parse.hpp"
#include "cadre/secondment.hpp"
#include "context.hpp"

namespace cadre::cli {

namespace {
// A new record's id: the number alone, or {"ok": true, "id": N} in JSON.
void print_id(Context& ctx, std::int64_t id, const std::string& message) {
  Node extra = Node::object();
  extra.set("id", Node::integer(id));
  if (ctx.render.format == "json")
    ctx.done(message, extra);
  else
    *ctx.out << id << "\n";
}
}  // namespace

int cmd_trip(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre trip add SECONDMENT_ID --from DATE --to DATE --purpose P [--place X]   " +
      tr("(prints the new id)") + "\n" +
      tr("A duty trip (报备) is filed, not approved: its working days count as in post. It must lie inside\n"
         "the secondment and may not overlap approved leave or another trip.\n");
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "add") unknown_verb("trip", args[0]);
  auto vm = parse(rest(args), string_options({"from", "to", "purpose", "place"}), {"SECONDMENT_ID"});
  TripInput in;
  in.secondment_id = parse_id(req(vm, "SECONDMENT_ID"), "SECONDMENT_ID");
  in.from = parse_date(req(vm, "from"), "from");
  in.to = parse_date(req(vm, "to"), "to");
  in.purpose = req(vm, "purpose");
  in.place = opt(vm, "place");
  auto id = add_trip(ctx.db(), in);
  print_id(ctx, id, tr("trip {} filed for secondment {}", id, in.secondment_id));
  return 0;
}

int cmd_spotcheck(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre spotcheck add SECONDMENT_ID --on DATE --result present|absent [--by NAME] [--note N]\n"
      "                           " +
      tr("(prints the new id)") + "\n" +
      tr("Absences found cap the overall grade (setting spotcheck_caps, local policy).\n");
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "add") unknown_verb("spotcheck", args[0]);
  auto vm = parse(rest(args), string_options({"on", "result", "by", "note"}), {"SECONDMENT_ID"});
  SpotCheckInput in;
  in.secondment_id = parse_id(req(vm, "SECONDMENT_ID"), "SECONDMENT_ID");
  in.on = parse_date(req(vm, "on"), "on");
  in.result = req(vm, "result");
  in.by = opt(vm, "by");
  in.note = opt(vm, "note");
  auto id = add_spot_check(ctx.db(), in);
  print_id(ctx, id, tr("spot check {} recorded for secondment {}", id, in.secondment_id));
  return 0;
}

}  // namespace cadre::cli
