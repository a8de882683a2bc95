// cadre_report / cadre_report_bytes: every report and list of the CLI, in every format.
#include <cstddef>
#include <functional>
#include <map>

#include "cadre/audit.hpp"
#include "cadre/calendar.hpp"
#include "cadre/i18n.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/render.hpp"
#include "cadre/report.hpp"
#include "cadre/secondment.hpp"
#include "cadre/settings.hpp"
#include "cadre/training.hpp"
#include "capi/capi.hpp"
#include "util/text.hpp"

namespace cadre::capi {
namespace {

// The thread's message language follows the report's for the call: titles and errors built by the
// library come out in the language asked for.
class LanguageScope {
 public:
  explicit LanguageScope(const std::string& lang) : saved_(language()) { set_language(lang); }
  ~LanguageScope() {
    try { set_language(saved_); } catch (...) {}
  }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  std::string saved_;
};

using Builder = std::function<Report(Database&, const std::optional<std::string>& key, const cadre_report_options&)>;

// Lists beside the reports of build_report. Add a kind here; never rename one.
const std::map<std::string, Builder>& lists() {
  static const std::map<std::string, Builder> table = {
      {"courses", [](Database& db, auto&, auto&) { return list_courses(db); }},
      {"course_detail", [](Database& db, auto& key, auto&) {
         return show_course(db, need(key ? key->c_str() : nullptr, "key"));
       }},
      {"units", [](Database& db, auto&, auto&) { return list_units(db); }},
      {"people", [](Database& db, auto& key, auto&) { return list_people(db, key); }},
      {"secondment_list", [](Database& db, auto& key, auto& o) {
         auto active_on = o.as_of ? std::optional(parse_date(o.as_of, "as-of")) : std::nullopt;
         return list_secondments(db, SecondmentFilter{active_on, key, opt(o.host)});
       }},
      {"secondment_show", [](Database& db, auto& key, auto&) {
         return show_secondment(db, parse_id(need(key ? key->c_str() : nullptr, "key"), "ID"));
       }},
      {"settings", [](Database& db, auto& key, auto&) { return get_settings(db, key.value_or("")); }},
      {"audit", [](Database& db, auto& key, auto&) { return audit_log(db, key); }},
      {"calendar", [](Database& db, auto& key, auto&) {
         return calendar_month(db, need(key ? key->c_str() : nullptr, "key"));
       }},
  };
  return table;
}

std::string build_and_render(cadre_db* db, const char* kind_arg, const char* key_arg,
                             const cadre_report_options* given) {
  Database& database = handle(db);
  std::string kind = need(kind_arg, "kind");
  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o = options(given, o, {offsetof(cadre_report_options, host), sizeof(cadre_report_options)},
              "cadre_report_options");
  RenderOptions ro;
  ro.format = o.format ? o.format : "json";
  ro.lang = o.lang ? o.lang : "en";
  LanguageScope scope(ro.lang);
  std::optional<std::string> key = opt(key_arg);

  Report report;
  if (auto it = lists().find(kind); it != lists().end()) {
    report = it->second(database, key, o);
  } else {
    ReportRequest q;
    q.kind = kind;
    bool keyed = kind == "course" || kind == "person" || kind == "secondment" || kind == "hours";
    if (keyed) q.key = need(key_arg, "key");
    else if (kind == "secondments") q.batch = key;
    q.as_of = opt(o.as_of);
    q.host = opt(o.host);
    q.unit = opt(o.unit);
    report = build_report(database, q);
  }
  return render(report, ro);
}

}  // namespace
}  // namespace cadre::capi

using namespace cadre;

int cadre_report(char** out, cadre_db* db, const char* kind, const char* key, const cadre_report_options* opts) {
  if (out) *out = nullptr;
  return capi::call([&] {
    auto& result = capi::need_out(out, "out");
    if (opts && opts->version >= 1 && opts->format && std::string(opts->format) == "xlsx")
      detail::fail(Errc::invalid, "format", "format: xlsx is binary, use cadre_report_bytes");
    result = capi::dup(capi::build_and_render(db, kind, key, opts));
  });
}

int cadre_report_bytes(char** out, size_t* out_len, cadre_db* db, const char* kind, const char* key,
                       const cadre_report_options* opts) {
  if (out) *out = nullptr;
  return capi::call([&] {
    auto& result = capi::need_out(out, "out");
    auto& length = capi::need_out(out_len, "out_len");
    std::string bytes = capi::build_and_render(db, kind, key, opts);
    result = capi::dup(bytes);
    length = bytes.size();
  });
}
