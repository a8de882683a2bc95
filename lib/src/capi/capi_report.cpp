// cadre_report / cadre_report_bytes: every report and list of the CLI, in every format.
#include <cstddef>

#include "cadre/i18n.hpp"
#include "cadre/render.hpp"
#include "cadre/report.hpp"
#include "capi/capi.hpp"
#include "compose/registry.hpp"
#include "util/text.hpp"

namespace cadre::capi {
namespace {

// The thread's message language follows the report's for the call: titles and errors built by the
// library come out in the language asked for (and the call speaks it: capi::speak).
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

std::string build_and_render(cadre_db* db, const char* kind_arg, const char* key_arg,
                             const cadre_report_options* given) {
  Database& database = handle(db);
  std::string kind = need(kind_arg, "kind");
  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o = options(given, o, {offsetof(cadre_report_options, host), sizeof(cadre_report_options)},
              "cadre_report_options");
  RenderOptions ro;
  ro.format = o.format ? o.format : "json";
  ro.lang = o.lang ? o.lang : db->lang.empty() ? "en" : db->lang;  // NULL: the handle's language
  LanguageScope scope(ro.lang);
  speak(ro.lang);

  // Lists and reports alike (compose/registry.cpp); an unknown kind is build_report's error.
  const ReportKind& k = detail::report_kind(kind, true);
  ReportArgs args;
  if (k.key_use == ReportKey::required)
    args.key = need(key_arg, "key");
  else if (k.key_use == ReportKey::optional)
    args.key = opt(key_arg);
  args.as_of = opt(o.as_of);
  args.host = opt(o.host);
  args.unit = opt(o.unit);
  return render(k.build(database, args), ro);
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
    if (opts && opts->version >= 1 && opts->format && std::string(opts->format) == "docx")
      detail::fail(Errc::invalid, "format", "format: docx is binary, use cadre_report_bytes");
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
