// The secondment row and everything derived from the field table (store.hpp): the SELECT and
// INSERT column lists, the reader, the audit image, the output rows, the input checks, and the
// text surfaces' view of the input fields (cadre/secondment.hpp).
#include "secondment/store.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "cadre/enums.hpp"
#include "cadre/parse.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {
namespace detail {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};

FieldValue read_value(Stmt& q, int i, const SecondmentField& f) {
  auto c = q.col(i);
  if (c.isNull()) return {};
  switch (f.type) {
    case FieldType::id:
      return c.getInt64();
    case FieldType::number:
      return c.getDouble();
    case FieldType::date:
      return parse_date(c.getString(), f.column);
    case FieldType::text:
    case FieldType::enumeration:
      break;
  }
  return c.getString();
}

Node node_of(const SecondmentField& f, const FieldValue& v) {
  return std::visit(
      overloaded{[](std::monostate) { return Node::null(); }, [&](std::int64_t i) { return Node::integer(i, f.hint); },
                 [&](double d) { return Node::number(d, f.hint); },
                 [&](const std::string& s) {
                   return f.type == FieldType::enumeration ? Node::code(s) : Node::string(s, f.hint);
                 },
                 [](Day d) { return Node::date(format_date(d)); }},
      v);
}

nlohmann::json json_of(const FieldValue& v) {
  return std::visit(
      overloaded{[](std::monostate) { return nlohmann::json(nullptr); },
                 [](std::int64_t i) { return nlohmann::json(i); }, [](double d) { return nlohmann::json(d); },
                 [](const std::string& s) { return nlohmann::json(s); },
                 [](Day d) { return nlohmann::json(format_date(d)); }},
      v);
}

// The value as bound text: a date as YYYY-MM-DD, numbers exactly (their placeholder casts them).
std::optional<std::string> text_of(const FieldValue& v) {
  return std::visit(overloaded{[](std::monostate) { return std::optional<std::string>(); },
                               [](std::int64_t i) { return std::optional(std::to_string(i)); },
                               [](double d) { return std::optional(fmt::format("{}", d)); },
                               [](const std::string& s) { return std::optional(s); },
                               [](Day d) { return std::optional(format_date(d)); }},
                    v);
}

int place(const SecondmentField& f, Surface s) {
  switch (s) {
    case Surface::list:
      return f.places.list;
    case Surface::show:
      return f.places.show;
    case Surface::report:
      return f.places.report;
    case Surface::reports:
      return f.places.reports;
  }
  return 0;
}

// The fields a surface shows, in its order (computed once per surface).
const std::vector<const SecondmentField*>& shown_fields(Surface s) {
  static const auto lists = [] {
    std::array<std::vector<const SecondmentField*>, 4> out;
    for (Surface each : {Surface::list, Surface::show, Surface::report, Surface::reports}) {
      auto& v = out[size_t(each)];
      for (const auto& f : secondment_field_table())
        if (place(f, each) > 0) v.push_back(&f);
      std::stable_sort(v.begin(), v.end(), [&](auto* a, auto* b) { return place(*a, each) < place(*b, each); });
    }
    return out;
  }();
  return lists[size_t(s)];
}

const SecondmentField* input_field(std::string_view id) {
  for (const auto& f : secondment_field_table())
    if (!f.input.empty() && f.input == id) return &f;
  return nullptr;
}

const EnumSpec& enum_of(const SecondmentField& f) {
  const EnumSpec* e = find_enum(f.enum_name);
  if (!e)
    throw std::logic_error("secondment field " + std::string(f.key) + ": no value set " + std::string(f.enum_name));
  return *e;
}

// Stmt binds a pack; a column list known at run time binds through the pack of its length.
using Texts = std::vector<std::optional<std::string>>;
constexpr std::size_t kMaxColumns = 40;
template <std::size_t... I>
void bind_pack(Stmt& q, const Texts& v, std::index_sequence<I...>) {
  q.bind(v[I]...);
}
template <std::size_t N>
void bind_n(Stmt& q, const Texts& v) {
  bind_pack(q, v, std::make_index_sequence<N>{});
}
template <std::size_t... N>
constexpr auto binders(std::index_sequence<N...>) {
  return std::array<void (*)(Stmt&, const Texts&), sizeof...(N)>{&bind_n<N>...};
}
void bind_all(Stmt& q, const Texts& v) {
  static constexpr auto table = binders(std::make_index_sequence<kMaxColumns + 1>{});
  if (v.size() > kMaxColumns) throw std::logic_error("secondments: more columns than bind_all binds");
  table[v.size()](q, v);
}

}  // namespace

const std::string& secondment_select() {
  static const std::string sql = [] {
    std::vector<std::string> exprs;
    for (const auto& f : secondment_field_table())
      if (!f.select.empty()) exprs.emplace_back(f.select);
    return "SELECT " + join(exprs, ", ") +
           " FROM secondments s JOIN people p ON p.id = s.person_id JOIN units h ON h.id = s.home_unit_id "
           "JOIN units u ON u.id = s.host_unit_id ";
  }();
  return sql;
}

SecondmentRow secondment_row(Stmt& q) {
  SecondmentRow s;
  int i = 0;
  for (const auto& f : secondment_field_table())
    if (!f.select.empty()) f.access.put(s, read_value(q, i++, f));
  s.p.id = s.id;
  s.p.person_id = s.person_id;
  s.p.start = s.start;
  s.p.planned_end = s.end;
  s.p.actual_end = s.actual_end;
  return s;
}

std::optional<SecondmentRow> load_secondment(Database::Impl& impl, Id id) {
  Stmt q(impl, SECONDMENT_ROW_SELECT "WHERE s.id = ?");
  q.bind(id);
  if (!q.step()) return std::nullopt;
  return secondment_row(q);
}

nlohmann::json secondment_json(const SecondmentRow& s) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& f : secondment_field_table())
    if (f.audit) j[std::string(f.key)] = json_of(f.access.get(s));
  return j;
}

void put_fields(Node& out, const SecondmentRow& s, Surface surface, Day as_of) {
  for (const auto* f : shown_fields(surface))
    out.set(std::string(f->key), f->shown ? f->shown(s, as_of) : node_of(*f, f->access.get(s)));
}

void check_input(SecondmentRow& s) {
  for (const auto& f : secondment_field_table()) {
    if (f.input.empty() || (f.type != FieldType::text && f.type != FieldType::enumeration)) continue;
    std::optional<std::string> v;
    if (auto got = f.access.get(s); auto* text = std::get_if<std::string>(&got)) v = *text;
    std::string id = field(f.input);
    if (f.type == FieldType::enumeration && f.required)
      v = require_enum(v.value_or(""), id, enum_of(f));
    else if (f.type == FieldType::enumeration)
      v = optional_enum(v, id, enum_of(f)).value_or(std::string(f.fallback));
    else if (f.required)
      v = require_text(v, id);
    else
      v = optional_text(v, id);
    f.access.put(s, v ? FieldValue(*v) : FieldValue{});
  }
}

Id insert_row(Database::Impl& impl, const SecondmentRow& s) {
  // Every column but id, which the database gives (RETURNING it).
  static const std::string sql = [] {
    std::vector<std::string> columns, values;
    for (const auto& f : secondment_field_table()) {
      if (f.column.empty() || f.column == "id") continue;
      columns.emplace_back(f.column);
      values.emplace_back(f.type == FieldType::id       ? "CAST(? AS INTEGER)"
                          : f.type == FieldType::number ? "CAST(? AS DOUBLE PRECISION)"
                                                        : "?");
    }
    return "INSERT INTO secondments(" + join(columns, ", ") + ") VALUES (" + join(values, ", ") + ") RETURNING id";
  }();
  Texts values;
  for (const auto& f : secondment_field_table())
    if (!f.column.empty() && f.column != "id") values.push_back(text_of(f.access.get(s)));
  Stmt q(impl, sql);
  bind_all(q, values);
  if (!q.step()) throw std::logic_error("INSERT INTO secondments returned no id");
  return q.col(0).getInt64();
}

}  // namespace detail

const std::vector<SecondmentInputField>& secondment_input_fields() {
  static const std::vector<SecondmentInputField> fields = [] {
    std::vector<SecondmentInputField> out;
    for (const auto& f : detail::secondment_field_table()) {
      if (f.input.empty()) continue;
      std::string metavar =
          f.type == detail::FieldType::enumeration ? enum_choices(f.enum_name) : std::string(f.metavar);
      out.push_back({std::string(f.input), metavar, f.required, f.positional});
    }
    return out;
  }();
  return fields;
}

void set_secondment_field(SecondmentInput& in, std::string_view id, std::string_view text) {
  const detail::SecondmentField* f = detail::input_field(id);
  if (!f) detail::fail(Errc::invalid, id, "{}: not a field of a secondment", id);
  detail::FieldValue v;
  switch (f->type) {
    case detail::FieldType::date:
      v = Date(parse_date(text, id));
      break;
    case detail::FieldType::id:
      v = parse_id(text, id);
      break;
    case detail::FieldType::number:
      v = parse_number(text, id, f->range.min, f->range.max);
      break;
    case detail::FieldType::text:
    case detail::FieldType::enumeration:
      v = std::string(text);
      break;
  }
  f->access.put_input(in, std::move(v));
}

}  // namespace cadre
