// Internal: one secondment row with its joins (person, home and host units), read by one function
// from one column list. The list, `secondment show`, the audit after-image and every secondment
// report read rows through it, each with its own WHERE clause.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cadre/types.hpp"
#include "secondment/secondment_internal.hpp"
#include "store/store.hpp"

namespace cadre::detail {

struct SecondmentRow {
  Period p;
  std::string staff_no, name;
  std::string home, home_name, host, host_name;  // unit codes and names
  std::string post, direction;
  std::optional<std::string> batch;
  Day original_end;
  std::optional<std::string> end_reason, decided_by;
};

// The columns secondment_row reads; joined with each WHERE clause at compile time (adjacent
// literals), so every query is one constant SQL text.
#define SECONDMENT_ROW_SELECT                                                                                 \
  "SELECT s.id, s.person_id, s.start_date, s.planned_end, s.actual_end, s.original_end, p.staff_no, p.name, " \
  "h.code, h.name, u.code, u.name, s.post, s.direction, s.batch, s.end_reason, s.decided_by "                 \
  "FROM secondments s JOIN people p ON p.id = s.person_id JOIN units h ON h.id = s.home_unit_id "             \
  "JOIN units u ON u.id = s.host_unit_id "

// The row under the cursor of a SECONDMENT_ROW_SELECT query.
SecondmentRow secondment_row(Stmt& q);
// One secondment by id, or nothing.
std::optional<SecondmentRow> load_secondment(Database::Impl& impl, Id id);
// The audit log's image of a secondment.
nlohmann::json secondment_json(const SecondmentRow& s);

}  // namespace cadre::detail
