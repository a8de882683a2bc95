// unit, person
#include "cadre/enums.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "context.hpp"

namespace cadre::cli {

int cmd_unit(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre unit add CODE --name N [--kind K] [--parent CODE]\n"
      "       cadre unit list\n" +
      tr("kinds:") + " org_dept, party_school, government, township, enterprise, school, other\n";
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] == "add") {
    po::options_description o;
    o.add_options()("name", po::value<std::string>())("kind", po::value<std::string>())(
        "parent", po::value<std::string>());
    auto vm = parse(rest(args), o, {"CODE"});
    add_unit(ctx.db(), UnitInput{req(vm, "CODE"), req(vm, "name"), opt(vm, "kind"), opt(vm, "parent")});
    ctx.done(tr("unit {} added", req(vm, "CODE")));
    return 0;
  }
  if (args[0] == "list") {
    parse(rest(args), {}, {});
    ctx.emit(list_units(ctx.db()));
    return 0;
  }
  unknown_verb("unit", args[0]);
}

namespace {
po::options_description person_options() {
  po::options_description o;
  o.add_options()("name", po::value<std::string>())("unit", po::value<std::string>())(
      "tier", po::value<std::string>(), enum_choices("tier", " | ").c_str())("rank", po::value<std::string>())(
      "title", po::value<std::string>())("gender", po::value<std::string>(), enum_choices("gender", " | ").c_str())(
      "birth", po::value<std::string>(), "YYYY-MM-DD")("id-number", po::value<std::string>());
  return o;
}
PersonInput person_input(const po::variables_map& vm) {
  PersonInput p;
  p.staff_no = req(vm, "STAFF_NO");
  p.name = opt(vm, "name");
  p.unit = opt(vm, "unit");
  p.tier = opt(vm, "tier");
  p.rank = opt(vm, "rank");
  p.title = opt(vm, "title");
  p.gender = opt(vm, "gender");
  // A blank --birth clears it.
  if (auto birth = opt(vm, "birth")) p.birth.emplace(parse_optional_date(birth, "birth"));
  p.id_number = opt(vm, "id-number");
  return p;
}
}  // namespace

int cmd_person(Context& ctx, const Args& args) {
  std::string usage = fmt::format(
                          "usage: cadre person add STAFF_NO --name N --unit CODE [--tier {}] [--rank R] [--title T]\n"
                          "                        [--gender {}] [--birth DATE] [--id-number ID]\n"
                          "       cadre person list [--unit CODE] [--show-id]\n"
                          "       cadre person show STAFF_NO [--show-id]\n"
                          "       cadre person update STAFF_NO {}\n"
                          "       cadre person promote STAFF_NO --on DATE --rank R [--title T] [--tier {}]\n",
                          enum_choices("tier"), enum_choices("gender"), tr("[options of add]"), enum_choices("tier")) +
                      tr("ID numbers are masked unless --show-id is given.\n") +
                      tr("person promote keeps the rank, title and tier history (person show lists it); the latest\n"
                         "promotion by date sets the current values. A promotion with --tier leader asks for\n"
                         "appointment training (任职培训) within a year (report person, report hours).\n");
  if (help_requested(args, usage, ctx)) return 0;
  const std::string& verb = args[0];
  if (verb == "add" || verb == "update") {
    auto vm = parse(rest(args), person_options(), {"STAFF_NO"});
    if (verb == "add") {
      req(vm, "name");
      req(vm, "unit");
      add_person(ctx.db(), person_input(vm));
      ctx.done(tr("person {} added", req(vm, "STAFF_NO")));
    } else {
      update_person(ctx.db(), person_input(vm));
      ctx.done(tr("person {} updated", req(vm, "STAFF_NO")));
    }
    return 0;
  }
  if (verb == "promote") {
    auto vm = parse(rest(args), string_options({"on", "rank", "title", "tier"}), {"STAFF_NO"});
    PromotionInput p;
    p.staff_no = req(vm, "STAFF_NO");
    p.on = parse_date(req(vm, "on"), "on");
    p.rank = req(vm, "rank");
    p.title = opt(vm, "title");
    p.tier = opt(vm, "tier");
    bool current = promote_person(ctx.db(), p);
    Node extra = Node::object();
    extra.set("current", Node::boolean(current));
    ctx.done(current
                 ? tr("person {} promoted on {}", p.staff_no, req(vm, "on"))
                 : tr("person {} promoted on {} (history only: a later promotion holds)", p.staff_no, req(vm, "on")),
             std::move(extra));
    return 0;
  }
  if (verb == "list") {
    po::options_description o;
    o.add_options()("unit", po::value<std::string>())("show-id", tr("print ID numbers unmasked").c_str());
    auto vm = parse(rest(args), o, {});
    ctx.emit(list_people(ctx.db(), opt(vm, "unit"), vm.count("show-id") > 0));
    return 0;
  }
  if (verb == "show") {
    po::options_description o;
    o.add_options()("show-id", tr("print the ID number unmasked").c_str());
    auto vm = parse(rest(args), o, {"STAFF_NO"});
    ctx.emit(show_person(ctx.db(), req(vm, "STAFF_NO"), vm.count("show-id") > 0));
    return 0;
  }
  unknown_verb("person", verb);
}

}  // namespace cadre::cli
