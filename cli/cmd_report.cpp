// report: the kinds, their keys and options come from the library's registry (cadre::report_kinds).
#include <filesystem>

#include "cadre/parse.hpp"
#include "cadre/render.hpp"
#include "cadre/report.hpp"
#include "cadre/summary_report.hpp"
#include "context.hpp"
#include "output_file.hpp"

namespace cadre::cli {
namespace {

// The CLI's spelling of the report options; `bit` 0: only ever a kind's key (--year of hours).
struct ReportFlag {
  const char* name;
  unsigned bit;
  const char* value;
};
constexpr ReportFlag flags[] = {{"year", 0, "Y"},
                                {"batch", 0, "B"},
                                {"host", report_host, "UNIT"},
                                {"as-of", report_as_of, "DATE"},
                                {"unit", report_unit, "CODE"}};

// A kind's key is positional unless the CLI takes it as an option.
bool positional_key(const ReportKind& k) { return k.key_use != ReportKey::none && k.key_option.empty(); }

std::string usage() {
  std::string u;
  for (const auto& k : report_kinds()) {
    if (k.list) continue;
    u += u.empty() ? "usage: " : "       ";
    u += "cadre report " + std::string(k.name);
    if (positional_key(k)) u.append(" ").append(k.key);
    for (const auto& f : flags) {
      bool is_key = k.key_option == f.name;
      if (!is_key && !(k.options & f.bit)) continue;
      std::string o = fmt::format("--{} {}", f.name, f.value);
      u += is_key && k.key_use == ReportKey::required ? " " + o : " [" + o + "]";
    }
    u += "\n";
    if (std::string_view(k.name) == "summary")
      u += "       cadre report summary --batch B -o DIR [--as-of DATE]   " +
           tr("(html or docx: one file per secondee)") + "\n";
  }
  return u + tr("Any report: --format table|json|csv|md|html|xlsx (xlsx with -o FILE), --lang en|zh.\n");
}

// `report summary --batch B -o DIR`: one form per secondee of the batch, each file written whole
// (temporary file and rename), the names printed as they are written.
int summary_batch(Context& ctx, const po::variables_map& vm) {
  const auto& f = ctx.render.format;
  if (f != "html" && f != "docx")
    throw Error(Errc::usage, tr("report summary --batch: --format html or docx (one file per secondee)"), "--format");
  if (!ctx.output_file) throw Error(Errc::usage, tr("report summary --batch needs -o DIR"), "-o");
  std::filesystem::path dir(*ctx.output_file);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw Error(Errc::usage, tr("-o {}: not a folder (report summary --batch writes one file per secondee)", dir.string()),
                "-o");
  auto as_of = parse_optional_date(opt(vm, "as-of"), "as-of");
  for (const auto& [id, staff_no] : batch_secondments(ctx.db(), req(vm, "batch"))) {
    // The staff number names the file: only letters, digits, '-' and '_' of it, so no path is made of it.
    std::string safe;
    for (char c : staff_no) safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
    auto path = (dir / fmt::format("summary-{}-{}.{}", id, safe, f)).string();
    write_output_file(path, render(report_summary(ctx.db(), id, as_of), ctx.render), ctx.db_path);
    *ctx.out << printable(path) << "\n";
  }
  return 0;
}

}  // namespace

int cmd_report(Context& ctx, const Args& args) {
  if (help_requested(args, usage(), ctx)) return 0;
  ReportRequest q;
  q.kind = args[0];
  const ReportKind* kind = find_report_kind(q.kind);
  if (kind && kind->list) kind = nullptr;  // lists have commands of their own; build_report names it unknown
  po::options_description o;
  for (const auto& f : flags) o.add_options()(f.name, po::value<std::string>());
  std::vector<std::string> positional;
  if (kind && positional_key(*kind)) positional = {"KEY"};
  if (q.kind == "summary" && std::find(args.begin(), args.end(), "--batch") != args.end())
    return summary_batch(ctx, parse(rest(args), o, {}));
  auto vm = parse(rest(args), o, positional);
  if (!positional.empty()) q.key = req(vm, "KEY");
  if (kind && !kind->key_option.empty() && kind->key_use == ReportKey::required)
    q.key = req(vm, std::string(kind->key_option).c_str());
  q.as_of = opt(vm, "as-of");
  q.batch = opt(vm, "batch");
  q.host = opt(vm, "host");
  q.unit = opt(vm, "unit");
  ctx.emit(build_report(ctx.db(), q));
  return 0;
}

}  // namespace cadre::cli
