// calendar, import
#include "cadre/calendar.hpp"
#include "cadre/enums.hpp"
#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "context.hpp"
#include "progress.hpp"

namespace cadre::cli {

int cmd_calendar(Context& ctx, const Args& args) {
  std::string usage =
      "usage: cadre calendar import FILE [--dry-run] [--encoding utf-8|gb18030|gbk|utf-16]\n"
      "                             " +
      tr("(CSV: date,kind,name,name_zh; kind {})", enum_choices("calendar_day_kind")) +
      "\n"
      "       cadre calendar show YYYY-MM\n"
      "       cadre calendar workdays FROM TO\n";
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] == "import") {
    po::options_description o;
    o.add_options()("dry-run", tr("validate only").c_str())("encoding", po::value<std::string>(),
                                                            "utf-8 | gb18030 | gbk | utf-16");
    auto vm = parse(rest(args), o, {"FILE"});
    ctx.emit(import_summary(import_calendar(ctx.db(), req(vm, "FILE"), vm.count("dry-run") > 0, opt(vm, "encoding"))));
    return 0;
  }
  if (args[0] == "show") {
    auto vm = parse(rest(args), {}, {"YYYY-MM"});
    ctx.emit(calendar_month(ctx.db(), parse_month(req(vm, "YYYY-MM"), "YYYY-MM")));
    return 0;
  }
  if (args[0] == "workdays") {
    auto vm = parse(rest(args), {}, {"FROM", "TO"});
    Date from = parse_date(req(vm, "FROM"), "FROM");
    Date to = parse_date(req(vm, "TO"), "TO");
    ctx.emit(calendar_workdays(ctx.db(), from, to));
    return 0;
  }
  unknown_verb("calendar", args[0]);
}

int cmd_import(Context& ctx, const Args& args) {
  std::string kinds;
  for (const auto& k : import_kind_names()) kinds += (kinds.empty() ? "" : "|") + k;
  std::string usage =
      "usage: cadre import " + kinds +
      " FILE [--dry-run]\n"
      "                    [--input-format csv|zkteco|dingtalk] [--device-map FILE] [--person-map FILE]\n"
      "                    [--encoding utf-8|gb18030|gbk|utf-16] [--sheet NAME]\n" +
      tr("CSV files have a header row; the columns are the add command's argument names (- written _),\n"
         "or their labels in the lists (工号, 姓名, 单位, 出生日期 ...).\n"
         "Encoding: a BOM decides (UTF-8, UTF-16); else --encoding; else UTF-8 when the first 64 KiB are,\n"
         "GB18030 (GBK) otherwise. A header line with tabs and no comma is tab-separated (Excel's Unicode text).\n"
         "A workbook (.xlsx) is read from --sheet, else the first sheet whose header holds the columns.\n"
         "Imports are all-or-nothing: every bad row is reported with its line number (or sheet!row).\n");
  if (help_requested(args, usage, ctx)) return 0;
  po::options_description o;
  o.add_options()("dry-run", tr("validate only").c_str())(
      "input-format", po::value<std::string>(), "csv | zkteco | dingtalk")("device-map", po::value<std::string>(),
                                                                           tr("CSV pin,staff_no").c_str())(
      "person-map", po::value<std::string>(), tr("CSV userid or name, and staff_no").c_str())(
      "encoding", po::value<std::string>(), "utf-8 | gb18030 | gbk | utf-16")("sheet", po::value<std::string>(),
                                                                              tr("a workbook's sheet").c_str());
  auto vm = parse(args, o, {"WHAT", "FILE"});
  ImportOptions io;
  io.dry_run = vm.count("dry-run") > 0;
  io.input_format = opt(vm, "input-format").value_or("csv");
  io.device_map = opt(vm, "device-map");
  io.person_map = opt(vm, "person-map");
  io.encoding = opt(vm, "encoding");
  io.sheet = opt(vm, "sheet");
  ImportResult result;
  {
    ProgressBar bar;  // cleared before the summary or an error is printed
    io.progress = bar.callback();
    result = import_file(ctx.db(), req(vm, "WHAT"), req(vm, "FILE"), io);
  }
  ctx.emit(import_summary(result));
  return 0;
}

}  // namespace cadre::cli
