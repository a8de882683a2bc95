// Completion certificates: `certificate issue` and `revoke`, each one `call` around
// cadre/certificate.hpp (verify and show are kinds of cadre_report).
#include <fmt/format.h>

#include "cadre/certificate.hpp"
#include "cadre/parse.hpp"
#include "cadre/render.hpp"
#include "capi/capi.hpp"

using namespace cadre;

int cadre_certificate_issue(char** out_json, cadre_db* db, const char* course, const char* const* staff_nos,
                            size_t count, const char* on) {
  if (out_json) *out_json = nullptr;
  return capi::call([&] {
    Database& database = capi::handle(db);
    CertificateIssueInput in;
    in.course = capi::need(course, "course");
    if (count > 0 && !staff_nos)
      detail::fail(Errc::invalid, "staff_nos", "{}: NULL where a value is required", "staff_nos");
    for (size_t i = 0; i < count; ++i)
      in.staff_nos.push_back(capi::need(staff_nos[i], fmt::format("staff_nos[{}]", i).c_str()));
    in.on = parse_optional_date(capi::opt(on), "on");
    auto result = issue_certificates(database, in);
    if (out_json) *out_json = capi::dup(render(to_model(result), {"json", "en", 0}));
  });
}

int cadre_certificate_revoke(cadre_db* db, const char* number, const char* reason, const char* on) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    revoke_certificate(database, capi::need(number, "number"), capi::need(reason, "reason"),
                       parse_optional_date(capi::opt(on), "on"));
  });
}
