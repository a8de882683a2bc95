// Units, people and settings.
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/settings.hpp"
#include "capi/capi.hpp"

using namespace cadre;

namespace {

PersonInput person_input(const char* staff_no, const char* name, const char* unit, const cadre_person_options* given) {
  cadre_person_options o = CADRE_PERSON_OPTIONS_INIT;
  o = capi::options(given, o, {sizeof(cadre_person_options)}, "cadre_person_options");
  PersonInput p;
  p.staff_no = capi::need(staff_no, "staff_no");
  p.name = capi::opt(name);
  p.unit = capi::opt(unit);
  p.tier = capi::opt(o.tier);
  p.rank = capi::opt(o.rank);
  p.title = capi::opt(o.title);
  p.gender = capi::opt(o.gender);
  // "" clears it, as a blank --birth does.
  if (o.birth) p.birth.emplace(parse_optional_date(std::string(o.birth), "birth"));
  p.id_number = capi::opt(o.id_number);
  return p;
}

}  // namespace

int cadre_unit_add(cadre_db* db, const char* code, const char* name, const char* kind, const char* parent) {
  return capi::call([&] {
    add_unit(capi::handle(db), {capi::need(code, "code"), capi::need(name, "name"), capi::opt(kind), capi::opt(parent)});
  });
}

int cadre_person_add(cadre_db* db, const char* staff_no, const char* name, const char* unit,
                     const cadre_person_options* opts) {
  return capi::call([&] {
    capi::need(name, "name");
    capi::need(unit, "unit");
    add_person(capi::handle(db), person_input(staff_no, name, unit, opts));
  });
}

int cadre_person_update(cadre_db* db, const char* staff_no, const char* name, const char* unit,
                        const cadre_person_options* opts) {
  return capi::call([&] { update_person(capi::handle(db), person_input(staff_no, name, unit, opts)); });
}

int cadre_person_promote(int* out_current, cadre_db* db, const char* staff_no, const char* on, const char* rank,
                         const cadre_promotion_options* given) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    cadre_promotion_options o = CADRE_PROMOTION_OPTIONS_INIT;
    o = capi::options(given, o, {sizeof(cadre_promotion_options)}, "cadre_promotion_options");
    PromotionInput p;
    p.staff_no = capi::need(staff_no, "staff_no");
    p.on = parse_date(capi::need(on, "on"), "on");
    p.rank = capi::need(rank, "rank");
    p.title = capi::opt(o.title);
    p.tier = capi::opt(o.tier);
    bool current = promote_person(database, p);
    if (out_current) *out_current = current ? 1 : 0;
  });
}

int cadre_settings_get(char** out, cadre_db* db, const char* key) {
  if (out) *out = nullptr;
  return capi::call([&] {
    auto& result = capi::need_out(out, "out");
    result = capi::dup(get_setting(capi::handle(db), capi::need(key, "key")));
  });
}

int cadre_settings_set(cadre_db* db, const char* key, const char* value) {
  return capi::call([&] { set_setting(capi::handle(db), capi::need(key, "key"), capi::need(value, "value")); });
}
