// report
#include "cadre/report.hpp"
#include "context.hpp"

namespace cadre::cli {

int cmd_report(Context& ctx, const Args& args) {
  const char* usage =
      "usage: cadre report course CODE\n"
      "       cadre report person STAFF_NO\n"
      "       cadre report secondment ID [--as-of DATE]\n"
      "       cadre report secondments [--batch B] [--host UNIT] [--as-of DATE]\n"
      "       cadre report hours --year Y [--unit CODE]\n"
      "Any report: --format table|json|csv|md|html|xlsx (xlsx with -o FILE), --lang en|zh.\n";
  if (help_requested(args, usage, ctx)) return 0;
  ReportRequest q;
  q.kind = args[0];
  po::options_description o;
  o.add_options()("as-of", po::value<std::string>())("batch", po::value<std::string>())(
      "host", po::value<std::string>())("unit", po::value<std::string>())("year", po::value<std::string>());
  std::vector<std::string> positional;
  if (q.kind == "course" || q.kind == "person" || q.kind == "secondment") positional = {"KEY"};
  auto vm = parse(rest(args), o, positional);
  if (!positional.empty()) q.key = req(vm, "KEY");
  if (q.kind == "hours") q.key = req(vm, "year");
  q.as_of = opt(vm, "as-of");
  q.batch = opt(vm, "batch");
  q.host = opt(vm, "host");
  q.unit = opt(vm, "unit");
  ctx.emit(build_report(ctx.db(), q));
  return 0;
}

}  // namespace cadre::cli
