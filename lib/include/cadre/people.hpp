// Units and people. Inputs are typed (cadre/types.hpp); staff numbers, unit codes, ID numbers and
// enum words stay text. The rules name fields by id ("unit", "birth"), each surface its own way.
#pragma once
#include <optional>
#include <string>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/types.hpp"

namespace cadre {

struct UnitInput {
  std::string code;
  std::string name;
  std::optional<std::string> kind;    // org_dept | party_school | government | township | enterprise | school | other
  std::optional<std::string> parent;  // unit code
};
CADRE_API void add_unit(Database& db, const UnitInput& unit);
CADRE_API Report list_units(Database& db);

struct PersonInput {
  std::string staff_no;
  std::optional<std::string> name;  // required to add
  std::optional<std::string> unit;  // unit code, required to add
  std::optional<std::string> tier;  // leader | general
  std::optional<std::string> rank;
  std::optional<std::string> title;
  std::optional<std::string> gender;  // m | f
  // Not given: unchanged (update) or none (add); given as nullopt: cleared (a blank --birth).
  std::optional<std::optional<Date>> birth;
  std::optional<std::string> id_number;
};
CADRE_API void add_person(Database& db, const PersonInput& person);
// Changes only the fields that are set.
CADRE_API void update_person(Database& db, const PersonInput& person);
CADRE_API Report list_people(Database& db, const std::optional<std::string>& unit, bool show_id_numbers = false);
// The person and their promotions (`promotions[]{on,rank,title,tier}`, by date).
CADRE_API Report show_person(Database& db, const std::string& staff_no, bool show_id_number = false);

// `person promote STAFF_NO --on DATE --rank R [--title T] [--tier leader|general]`: a promotion (提任)
// kept in the person's position history. The latest promotion by date sets the person's current
// rank, and title and tier when given; one dated before it is history only. Two promotions of one
// person on one day: Error(conflict). A promotion with tier leader is a promotion into a leader
// post (appointment training, 任职培训, is then due within a year: report person, report hours).
struct PromotionInput {
  std::string staff_no;
  Date on{};
  std::optional<std::string> rank;   // required
  std::optional<std::string> title;  // none: unchanged
  std::optional<std::string> tier;   // leader | general; none: unchanged
};
// Returns true when the promotion is the latest by date (the current values follow it), false when
// it is history only.
CADRE_API bool promote_person(Database& db, const PromotionInput& promotion);

// "110105199001011234" -> "110105********1234".
CADRE_API std::string mask_id_number(const std::string& id);

}  // namespace cadre
