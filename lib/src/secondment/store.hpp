// Internal: a secondment row with its joins, and the field table everything about a field is
// derived from. The table (fields.cpp) declares each field once: its column, SELECT expression,
// type, JSON key, Chinese label, where it shows and how `secondment add` takes it. From it come the
// SELECT and INSERT column lists, the row reader, the audit image, the rows of `secondment
// list/show` and of the secondment reports, the CLI options and usage, the C API's named fields,
// the enum sets (util/enums) and the catalogue fragment (i18n) of its fields.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cadre/model.hpp"
#include "cadre/secondment.hpp"
#include "cadre/types.hpp"
#include "secondment/secondment_internal.hpp"
#include "store/store.hpp"

namespace cadre::detail {

// A secondment as stored: the fields add_secondment takes (typed; `end` is the current planned
// end), what the store resolves and keeps beside them, and the names the joins bring.
struct SecondmentRow : SecondmentInput {
  Id id = 0, person_id = 0, home_id = 0, host_id = 0;
  std::string name, home_name, host_name;  // the person's, the units'
  Day original_end;
  std::optional<Day> actual_end;  // an early end
  std::optional<std::string> end_reason, decided_by;
  Period p;  // id, person_id, start, end and actual_end as the period rules read them
};

// One field's value whatever its member's type: absent, an id or whole number, a number, text (an
// enum word too), a date.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string, Day>;

enum class FieldType { text, date, id, number, enumeration };

// A field's position among the table-made keys of each output (they are sorted by it); 0: absent.
// show: `secondment show` (the list's keys and its own); report: `report secondment`'s
// "secondment" object; reports: a row of `report secondments`.
struct Places {
  int list = 0, show = 0, report = 0, reports = 0;
};
enum class Surface { list, show, report, reports };

// An enum word declared with its field: the value and its Chinese word.
struct FieldWord {
  std::string_view value, zh;
};

// How a field reaches its member: generated from a member pointer by member<&T::m>().
struct FieldAccess {
  FieldValue (*get)(const SecondmentRow&) = nullptr;
  void (*put)(SecondmentRow&, FieldValue) = nullptr;
  void (*put_input)(SecondmentInput&, FieldValue) = nullptr;  // a member of SecondmentInput only
};

struct SecondmentField {
  std::string_view key{};     // the JSON key in every output and the audit image
  std::string_view column{};  // its column of `secondments`; empty: joined or computed
  std::string_view select{};  // its SELECT expression; empty: not read (computed)
  FieldType type = FieldType::text;
  std::string_view zh{};  // Chinese label of `key`, in the secondment fragment; empty: a label the
                          // main catalogue shares with other areas ("id", "start")
  Hint hint = Hint::none;
  // enumeration: the set's name in util/enums, the value an absent input takes, and the words
  // when the set is declared here (registered with util/enums and the fragment as "key.value").
  std::string_view enum_name{}, fallback{};
  std::span<const FieldWord> words{};
  bool audit = false;  // in the audit log's image
  Places places{};
  // `secondment add`: the field id (CLI option, C name), what the usage shows (an enum shows its
  // values), required, positional.
  std::string_view input{}, metavar{};
  bool required = false, positional = false;
  Range range{};  // number: the range the text layer holds it to
  FieldAccess access{};
  // The value an output shows when it is not the member's (the status, the effective end).
  Node (*shown)(const SecondmentRow&, Day as_of) = nullptr;
};

// The table, in input order (fields.cpp).
const std::vector<SecondmentField>& secondment_field_table();

namespace field_access {
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
// Date (std::chrono) and Day (Hinnant's date) count days in different integer types: one Day here.
template <class T>
constexpr bool is_day = std::is_same_v<T, Day> || std::is_same_v<T, Date>;
template <class T>
FieldValue to_value(const T& v) {
  if constexpr (is_optional<T>::value)
    return v ? to_value(*v) : FieldValue{};
  else if constexpr (is_day<T>)
    return FieldValue(std::chrono::time_point_cast<Day::duration>(v));
  else
    return FieldValue(v);
}
template <class T>
void from_value(FieldValue v, T& out) {
  if constexpr (is_optional<T>::value) {
    if (std::holds_alternative<std::monostate>(v)) return out.reset();
    typename T::value_type x{};
    from_value(std::move(v), x);
    out = std::move(x);
  } else if constexpr (is_day<T>) {
    out = std::chrono::time_point_cast<typename T::duration>(std::get<Day>(v));
  } else {
    out = std::get<T>(std::move(v));
  }
}
template <class C, class T>
C class_of(T C::*);
}  // namespace field_access

// The accessors of a member of SecondmentInput or SecondmentRow.
template <auto M>
FieldAccess member() {
  using namespace field_access;
  FieldAccess a;
  a.get = [](const SecondmentRow& r) { return to_value(r.*M); };
  a.put = [](SecondmentRow& r, FieldValue v) { from_value(std::move(v), r.*M); };
  if constexpr (std::is_same_v<decltype(class_of(M)), SecondmentInput>)
    a.put_input = [](SecondmentInput& in, FieldValue v) { from_value(std::move(v), in.*M); };
  return a;
}

// "SELECT <every field's expression> FROM secondments s JOIN people p ... " (aliases s, p, h for
// the home unit, u for the host unit), for a WHERE clause to follow.
const std::string& secondment_select();
// Keeps the callers' `SECONDMENT_ROW_SELECT "WHERE ..."`: the derived column list plus the clause.
#define SECONDMENT_ROW_SELECT ::cadre::detail::secondment_select() +

// The row under the cursor of a secondment_select() query.
SecondmentRow secondment_row(Stmt& q);
// One secondment by id, or nothing.
std::optional<SecondmentRow> load_secondment(Database::Impl& impl, Id id);
// The audit log's image of a secondment.
nlohmann::json secondment_json(const SecondmentRow& s);
// The fields `surface` shows, in its order, set on `out`; `as_of` for the status.
void put_fields(Node& out, const SecondmentRow& s, Surface surface, Day as_of);
// Every input field checked by its type (required or optional text, enum words with the fallback)
// and trimmed, in the table's order; messages name the field by its input id.
void check_input(SecondmentRow& s);
// Inserts the row (every column but id); returns the new id.
Id insert_row(Database::Impl& impl, const SecondmentRow& s);

}  // namespace cadre::detail
