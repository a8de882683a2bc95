// The secondment field table: every field of a secondment declared once (store.hpp says what each
// column means and what is derived from it). Adding a field: its column in a migration, its typed
// member in SecondmentInput (cadre/secondment.hpp), its row here.
#include <algorithm>
#include <deque>

#include "i18n/catalogue.hpp"
#include "secondment/store.hpp"
#include "util/enums.hpp"

namespace cadre::detail {

namespace {

using F = SecondmentField;
using T = FieldType;

Node effective_end(const SecondmentRow& s, Day) { return Node::date(format_date(s.p.end())); }
Node status(const SecondmentRow& s, Day as_of) { return Node::code(status_as_of(s.p, as_of)); }

constexpr FieldWord kTypes[] = {{"standard", "常规挂职"}, {"village", "驻村"}};

}  // namespace

const std::vector<SecondmentField>& secondment_field_table() {
  // places: {list, show, report, reports}; show-only keys come after the list's (20+).
  // clang-format off
  static const std::vector<SecondmentField> table = {
    {.key = "id", .column = "id", .select = "s.id", .type = T::id, .hint = Hint::id, .audit = true,
     .places = {1, 1, 1, 1}, .access = member<&SecondmentRow::id>()},
    {.key = "person_id", .column = "person_id", .select = "s.person_id", .type = T::id,
     .access = member<&SecondmentRow::person_id>()},
    {.key = "staff_no", .select = "p.staff_no", .hint = Hint::id, .audit = true, .places = {2, 2, 2, 2},
     .input = "STAFF_NO", .required = true, .positional = true, .access = member<&SecondmentInput::staff_no>()},
    {.key = "name", .select = "p.name", .places = {3, 3, 3, 3}, .access = member<&SecondmentRow::name>()},
    {.key = "home_unit_id", .column = "home_unit_id", .select = "s.home_unit_id", .type = T::id,
     .access = member<&SecondmentRow::home_id>()},
    {.key = "home", .select = "h.code", .audit = true, .places = {4, 4, 6, 5},
     .input = "from", .metavar = "UNIT", .required = true, .access = member<&SecondmentInput::home_unit>()},
    {.key = "home_name", .select = "h.name", .zh = "派出单位名称", .places = {0, 0, 7, 0},
     .access = member<&SecondmentRow::home_name>()},
    {.key = "host_unit_id", .column = "host_unit_id", .select = "s.host_unit_id", .type = T::id,
     .access = member<&SecondmentRow::host_id>()},
    {.key = "host", .select = "u.code", .audit = true, .places = {5, 5, 4, 4},
     .input = "to", .metavar = "UNIT", .required = true, .access = member<&SecondmentInput::host_unit>()},
    {.key = "host_name", .select = "u.name", .zh = "接收单位名称", .places = {0, 0, 5, 0},
     .access = member<&SecondmentRow::host_name>()},
    {.key = "post", .column = "post", .select = "s.post", .zh = "挂职岗位", .audit = true, .places = {6, 6, 8, 6},
     .input = "post", .metavar = "TITLE", .required = true, .access = member<&SecondmentInput::post>()},
    {.key = "start", .column = "start_date", .select = "s.start_date", .type = T::date, .audit = true,
     .places = {9, 9, 9, 7}, .input = "start", .metavar = "DATE", .required = true,
     .access = member<&SecondmentInput::start>()},
    // The planned end; the outputs show the effective end (an early end when there is one).
    {.key = "end", .column = "planned_end", .select = "s.planned_end", .type = T::date, .audit = true,
     .places = {10, 10, 10, 8}, .input = "end", .metavar = "DATE", .required = true,
     .access = member<&SecondmentInput::end>(), .shown = effective_end},
    {.key = "batch", .column = "batch", .select = "s.batch", .zh = "批次", .audit = true, .places = {8, 8, 13, 10},
     .input = "batch", .metavar = "B", .access = member<&SecondmentInput::batch>()},
    {.key = "direction", .column = "direction", .select = "s.direction", .type = T::enumeration, .zh = "挂职方向",
     .enum_name = "secondment_direction", .fallback = "down", .audit = true, .places = {7, 7, 12, 0},
     .input = "direction", .access = member<&SecondmentInput::direction>()},
    {.key = "status", .places = {11, 11, 11, 9}, .shown = status},
    {.key = "original_end", .column = "original_end", .select = "s.original_end", .type = T::date,
     .zh = "原定结束日期", .places = {0, 20, 0, 0}, .access = member<&SecondmentRow::original_end>()},
    {.key = "planned_end", .type = T::date, .zh = "计划结束日期", .places = {0, 21, 0, 0},
     .access = member<&SecondmentInput::end>()},
    {.key = "actual_end", .column = "actual_end", .select = "s.actual_end", .type = T::date, .zh = "实际结束日期",
     .audit = true, .access = member<&SecondmentRow::actual_end>()},
    {.key = "end_reason", .column = "end_reason", .select = "s.end_reason", .audit = true,
     .access = member<&SecondmentRow::end_reason>()},
    {.key = "decided_by", .column = "decided_by", .select = "s.decided_by", .zh = "决定人", .audit = true,
     .access = member<&SecondmentRow::decided_by>()},
    {.key = "type", .column = "type", .select = "s.type", .type = T::enumeration, .zh = "类型",
     .enum_name = "secondment_type", .fallback = "standard", .words = kTypes, .audit = true,
     .places = {12, 12, 14, 11}, .input = "type", .access = member<&SecondmentInput::type>()},
  };
  // clang-format on
  return table;
}

namespace {

// The secondment fragment of the catalogue (labels, and "key.value" for the words of the sets
// declared here) and those sets, registered while the library loads.
bool register_fields() {
  static std::deque<std::string> ids;  // owns the "key.value" ids (a deque never moves them)
  static std::deque<std::vector<std::string_view>> values;
  static std::vector<CatalogueEntry> fragment;
  for (const auto& f : secondment_field_table()) {
    if (!f.zh.empty()) fragment.push_back({f.key, f.zh});
    if (f.words.empty()) continue;
    auto& set = values.emplace_back();
    for (const auto& w : f.words) {
      set.push_back(w.value);
      fragment.push_back({ids.emplace_back(std::string(f.key) + "." + std::string(w.value)), w.zh});
    }
    register_enum(EnumSpec{f.enum_name, set, "secondments", f.column});
  }
  std::sort(fragment.begin(), fragment.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return register_catalogue_fragment("secondment", fragment);
}

[[maybe_unused]] const bool registered = register_fields();

}  // namespace

}  // namespace cadre::detail
