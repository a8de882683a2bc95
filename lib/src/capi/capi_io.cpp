// Imports, the calendar and the database file.
#include "cadre/calendar.hpp"
#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "cadre/render.hpp"
#include "capi/capi.hpp"
#include "util/text.hpp"

using namespace cadre;

namespace {

void summary(char** out_json, const ImportResult& result) {
  if (out_json) *out_json = capi::dup(render(import_summary(result), {"json", "en", 0}));
}

}  // namespace

int cadre_import(char** out_json, cadre_db* db, const char* what, const char* path, const cadre_import_options* opts) {
  if (out_json) *out_json = nullptr;
  return capi::call([&] {
    cadre_import_options o = CADRE_IMPORT_OPTIONS_INIT;
    o = capi::options(opts, o, {sizeof(cadre_import_options)}, "cadre_import_options");
    ImportOptions io;
    io.dry_run = o.dry_run != 0;
    if (o.input_format) io.input_format = o.input_format;
    io.device_map = capi::opt(o.device_map);
    summary(out_json, import_file(capi::handle(db), capi::need(what, "what"), capi::need(path, "path"), io));
  });
}

int cadre_calendar_workdays(int64_t* out, cadre_db* db, const char* from, const char* to) {
  return capi::call([&] {
    auto& result = capi::need_out(out, "out");
    Date first = parse_date(capi::need(from, "from"), "from");
    Date last = parse_date(capi::need(to, "to"), "to");
    result = working_days(capi::handle(db), first, last);
  });
}

int cadre_calendar_import(char** out_json, cadre_db* db, const char* path, int dry_run) {
  if (out_json) *out_json = nullptr;
  return capi::call([&] { summary(out_json, import_calendar(capi::handle(db), capi::need(path, "path"), dry_run != 0)); });
}

int cadre_db_check(cadre_db* db) {
  return capi::call([&] {
    CheckResult result = check_database(capi::handle(db));
    if (!result.ok) {
      std::string all;
      for (auto& p : result.problems) all += "\n  " + p;
      throw Error(Errc::storage, detail::msg("db check failed:") + all);
    }
  });
}

int cadre_db_backup(cadre_db* db, const char* target_path) {
  return capi::call([&] { backup_database(capi::handle(db), capi::need(target_path, "target_path")); });
}

int cadre_db_copy(const char* from, const char* to) {
  return capi::call([&] { copy_database(capi::need(from, "from"), capi::need(to, "to")); });
}

int cadre_db_info(cadre_db_info_result* out, cadre_db* db) {
  return capi::call([&] {
    cadre_db_info_result& given = capi::need_out(out, "out");
    // Checked before anything is allocated: an unknown version leaves *out as it was.
    cadre_db_info_result filled = capi::options(&given, given, {sizeof(cadre_db_info_result)}, "out");
    DatabaseInfo info = database_info(capi::handle(db));
    filled.schema_version = info.schema_version;
    filled.latest_schema_version = info.latest_schema_version;
    filled.timezone = capi::dup(info.timezone);
    *out = filled;  // version 1 is the whole struct; a later version copies its own size
  });
}
