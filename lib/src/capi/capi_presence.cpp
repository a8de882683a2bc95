// Secondment workflows, presence side: duty trips (报备), spot checks (抽查), make-up punches (补卡).
// Each function is one capi::call around cadre/secondment.hpp; dates go through the text layer
// named as the C parameter.
#include "cadre/parse.hpp"
#include "cadre/secondment.hpp"
#include "capi/capi.hpp"

using namespace cadre;

int cadre_trip_add(int64_t* out_id, cadre_db* db, int64_t secondment_id, const char* from, const char* to,
                   const char* purpose, const char* place) {
  return capi::call([&] {
    auto& result = capi::need_out(out_id, "out_id");
    Database& database = capi::handle(db);
    TripInput in;
    in.secondment_id = secondment_id;
    in.from = parse_date(capi::need(from, "from"), "from");
    in.to = parse_date(capi::need(to, "to"), "to");
    in.purpose = capi::need(purpose, "purpose");
    in.place = capi::opt(place);
    result = add_trip(database, in);
  });
}

int cadre_spotcheck_add(int64_t* out_id, cadre_db* db, int64_t secondment_id, const char* on, const char* result,
                        const char* by, const char* note) {
  return capi::call([&] {
    auto& out = capi::need_out(out_id, "out_id");
    Database& database = capi::handle(db);
    SpotCheckInput in;
    in.secondment_id = secondment_id;
    in.on = parse_date(capi::need(on, "on"), "on");
    in.result = capi::need(result, "result");
    in.by = capi::opt(by);
    in.note = capi::opt(note);
    out = add_spot_check(database, in);
  });
}

int cadre_checkin_makeup(int* out_duplicate, int64_t* out_secondment_id, cadre_db* db,
                         const cadre_checkin_options* opts, const char* reason, const char* approved_by) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    if (!opts) detail::fail(Errc::invalid, "opts", "opts: NULL where the check-in is required");
    CheckinInput in = capi::checkin_input(opts);
    in.makeup = true;
    // NULL is "not given": the library names the missing one as it does for the CLI.
    in.reason = capi::opt(reason);
    in.approved_by = capi::opt(approved_by);
    auto r = checkin(database, in);
    if (out_duplicate) *out_duplicate = r.duplicate ? 1 : 0;
    if (out_secondment_id) *out_secondment_id = r.secondment_id;
  });
}
