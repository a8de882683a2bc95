#include "cadre/people.hpp"

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "people/lookup.hpp"
#include "people/people_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {

std::optional<std::int64_t> find_unit_id(Database::Impl& impl, const std::string& code) {
  Stmt q(impl, "SELECT id FROM units WHERE code = ?");
  q.bind(code);
  if (q.step()) return q.col(0).getInt64();
  return std::nullopt;
}
std::int64_t unit_id(Database::Impl& impl, const std::string& code, std::string_view field) {
  auto id = find_unit_id(impl, code);
  if (!id) fail(Errc::not_found, field, "{}: unknown unit {}", field, code);
  return *id;
}
std::optional<std::int64_t> find_person_id(Database::Impl& impl, const std::string& staff_no) {
  Stmt q(impl, "SELECT id FROM people WHERE staff_no = ?");
  q.bind(staff_no);
  if (q.step()) return q.col(0).getInt64();
  return std::nullopt;
}
std::int64_t person_id(Database::Impl& impl, const std::string& staff_no, std::string_view field) {
  auto id = find_person_id(impl, staff_no);
  if (!id) fail(Errc::not_found, field, "{}: unknown person {}", field, staff_no);
  return *id;
}

void insert_unit(Database::Impl& impl, const UnitInput& in) {
  std::string code = require_text(in.code, field("CODE"));
  std::string name = require_text(in.name, field("name"));
  std::string kind = optional_enum(in.kind, field("kind"), enums::unit_kind).value_or("other");
  std::optional<std::int64_t> parent;
  if (in.parent) {
    if (*in.parent == code)
      fail(Errc::invalid, field("parent"), "{}: a unit cannot be its own parent", field("parent"));
    parent = unit_id(impl, *in.parent, field("parent"));
  }
  if (find_unit_id(impl, code)) fail(Errc::conflict, field("CODE"), "unit {} already exists", code);
  Stmt q(impl, "INSERT INTO units(code, name, kind, parent_id) VALUES (?,?,?,?)");
  q.bind(code, name, kind, parent).exec();
  audit(impl, "add", "unit", code, nullptr,
        {{"code", code}, {"name", name}, {"kind", kind}, {"parent", in.parent ? *in.parent : ""}});
}

namespace {

struct PersonRow {
  std::string staff_no, name, unit, tier;
  std::optional<std::string> rank, title, gender, birth, id_number;
};

nlohmann::json to_json(const PersonRow& p) {
  auto opt = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  // The audit log keeps the ID number masked: it is personal data and the log is append-only.
  return {{"staff_no", p.staff_no}, {"name", p.name}, {"unit", p.unit},     {"tier", p.tier},
          {"rank", opt(p.rank)},    {"title", opt(p.title)}, {"gender", opt(p.gender)}, {"birth", opt(p.birth)},
          {"id_number", p.id_number ? nlohmann::json(mask_id_number(*p.id_number)) : nlohmann::json(nullptr)}};
}

std::optional<PersonRow> load_person(Database::Impl& impl, const std::string& staff_no) {
  Stmt q(impl, "SELECT p.staff_no, p.name, u.code, p.tier, p.rank, p.title, p.gender, p.birth, p.id_number "
               "FROM people p JOIN units u ON u.id = p.unit_id WHERE p.staff_no = ?");
  q.bind(staff_no);
  if (!q.step()) return std::nullopt;
  auto opt = [&](int i) -> std::optional<std::string> {
    if (q.col(i).isNull()) return std::nullopt;
    return q.col(i).getString();
  };
  return PersonRow{q.col(0).getString(), q.col(1).getString(), q.col(2).getString(), q.col(3).getString(),
                   opt(4), opt(5), opt(6), opt(7), opt(8)};
}

// Mainland resident ID (GB 11643-1999): 6 digits of the issuing area, the birth date YYYYMMDD, a
// 3-digit sequence and the ISO 7064 MOD 11-2 check character (0-9 or X; a lowercase x is stored as
// X). The old 15-digit cards expired in 2013 and carry no check digit: they are refused.
std::string validated_id_number(const std::string& raw, Day today) {
  std::string id = raw;
  for (auto& c : id)
    if (c == 'x') c = 'X';
  bool shape = id.size() == 18;
  for (size_t i = 0; shape && i < 17; ++i) shape = id[i] >= '0' && id[i] <= '9';
  shape = shape && ((id.back() >= '0' && id.back() <= '9') || id.back() == 'X');
  const std::string f = field("id-number");
  if (!shape) fail(Errc::invalid, f, "{}: not a resident ID number (18 characters)", f);
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * weights[i];
  char check = "10X98765432"[sum % 11];
  if (id.back() != check)
    fail(Errc::invalid, f, "{}: {} has a wrong check digit (a digit is mistyped)", f, mask_id_number(id));
  date::year_month_day ymd{date::year{std::stoi(id.substr(6, 4))}, date::month{unsigned(std::stoi(id.substr(10, 2)))},
                           date::day{unsigned(std::stoi(id.substr(12, 2)))}};
  // The birth date is masked in every output, so the messages do not repeat it either.
  if (!ymd.ok() || int(ymd.year()) < 1900)
    fail(Errc::invalid, f, "{}: {} does not hold a real birth date", f, mask_id_number(id));
  if (Day(ymd) > today) fail(Errc::invalid, f, "{}: {} holds a birth date in the future", f, mask_id_number(id));
  return id;
}

// The birth date in an 18-character ID number, "YYYY-MM-DD".
std::string birth_of(const std::string& id) {
  return id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
}

void apply(PersonRow& p, const PersonInput& in, Database::Impl& impl) {
  if (in.name) p.name = require_text(in.name, field("name"));
  if (in.unit) p.unit = require_text(in.unit, field("unit"));
  if (in.unit) unit_id(impl, p.unit, field("unit"));
  if (in.tier) p.tier = require_enum(trim(*in.tier), field("tier"), enums::tier);
  if (in.rank) p.rank = optional_text(in.rank, field("rank"));
  if (in.title) p.title = optional_text(in.title, field("title"));
  if (in.gender) p.gender = optional_enum(optional_text(in.gender, field("gender")), field("gender"), enums::gender);
  if (in.birth) p.birth = *in.birth ? std::optional(format_date(**in.birth)) : std::nullopt;
  if (in.id_number) {
    auto id = optional_text(in.id_number, field("id-number"));
    p.id_number = id ? std::optional(validated_id_number(*id, today(timezone(impl)))) : std::nullopt;
  }
  // Checked when either is given: a row stored before these rules is left as it is until then.
  if ((in.birth || in.id_number) && p.birth && p.id_number && *p.birth != birth_of(*p.id_number))
    fail(Errc::invalid, field("birth"), "{}: {} is not the birth date in the ID number", field("birth"), *p.birth);
  if (in.id_number && p.id_number) {
    Stmt q(impl, "SELECT staff_no FROM people WHERE id_number = ? AND staff_no <> ?");
    q.bind(*p.id_number, p.staff_no);
    if (q.step())
      fail(Errc::conflict, field("id-number"), "{}: {} already belongs to {}", field("id-number"),
           mask_id_number(*p.id_number), q.col(0).getString());
  }
}

}  // namespace

void insert_person(Database::Impl& impl, const PersonInput& in) {
  PersonRow p;
  p.staff_no = require_text(in.staff_no, field("STAFF_NO"));
  p.tier = "general";
  require_text(in.name, field("name"));
  require_text(in.unit, field("unit"));
  apply(p, in, impl);
  if (find_person_id(impl, p.staff_no)) fail(Errc::conflict, field("STAFF_NO"), "person {} already exists", p.staff_no);
  Stmt q(impl, "INSERT INTO people(staff_no, name, unit_id, tier, rank, title, gender, birth, id_number) "
               "VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind(p.staff_no, p.name, unit_id(impl, p.unit, field("unit")), p.tier, p.rank, p.title, p.gender, p.birth,
         p.id_number)
      .exec();
  audit(impl, "add", "person", p.staff_no, nullptr, to_json(p));
}

}  // namespace detail

std::string mask_id_number(const std::string& id) {
  if (id.size() <= 10) return std::string(id.size(), '*');
  return id.substr(0, 6) + std::string(id.size() - 10, '*') + id.substr(id.size() - 4);
}

void add_unit(Database& db, const UnitInput& unit) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_unit(impl, unit); });
}

Report list_units(Database& db) {
  return detail::read(db, [&](Database::Impl& impl) {
    Report r;
    r.kind = "unit_list";
    r.title = detail::msg("Units");
    auto& rows = r.data.set("units", Node::array());
    detail::Stmt q(impl, "SELECT u.code, u.name, u.kind, p.code FROM units u LEFT JOIN units p ON p.id = u.parent_id "
                         "ORDER BY u.code");
    while (q.step()) {
      auto& row = rows.push(Node::object());
      row.set("code", Node::string(q.col(0).getString()));
      row.set("name", Node::string(q.col(1).getString()));
      row.set("kind", Node::code(q.col(2).getString()));
      row.set("parent", Node::opt_string(q.text_or_null(3)));
    }
    return r;
  });
}

void add_person(Database& db, const PersonInput& person) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_person(impl, person); });
}

void update_person(Database& db, const PersonInput& in) {
  detail::write(db, [&](Database::Impl& impl) {
    std::string staff_no = detail::require_text(in.staff_no, detail::field("STAFF_NO"));
    auto before = detail::load_person(impl, staff_no);
    if (!before) detail::fail(Errc::not_found, detail::field("STAFF_NO"), "unknown person {}", staff_no);
    auto p = *before;
    detail::apply(p, in, impl);
    detail::Stmt q(impl, "UPDATE people SET name = ?, unit_id = ?, tier = ?, rank = ?, title = ?, gender = ?, "
                         "birth = ?, id_number = ? WHERE staff_no = ?");
    q.bind(p.name, detail::unit_id(impl, p.unit, detail::field("unit")), p.tier, p.rank, p.title, p.gender, p.birth,
           p.id_number, staff_no)
        .exec();
    detail::audit(impl, "update", "person", staff_no, detail::to_json(*before), detail::to_json(p));
  });
}

namespace {
void person_fields(Node& row, detail::Stmt& q, bool show_id) {
  auto opt = [&](int i, Hint h = Hint::none) {
    return Node::opt_string(q.text_or_null(i), h);
  };
  row.set("staff_no", Node::string(q.col(0).getString(), Hint::id));
  row.set("name", Node::string(q.col(1).getString()));
  row.set("unit", Node::string(q.col(2).getString()));
  row.set("tier", Node::code(q.col(3).getString()));
  row.set("rank", opt(4));
  row.set("title", opt(5));
  row.set("gender", opt(6, Hint::code));
  row.set("birth", opt(7, Hint::date));
  if (q.col(8).isNull()) row.set("id_number", Node::null());
  else row.set("id_number", Node::string(show_id ? q.col(8).getString() : mask_id_number(q.col(8).getString())));
}
}  // namespace

Report list_people(Database& db, const std::optional<std::string>& unit, bool show_id) {
  return detail::read(db, [&](Database::Impl& impl) {
    Report r;
    r.kind = "person_list";
    r.title = detail::msg("People");
    std::optional<std::int64_t> uid;
    if (unit) uid = detail::unit_id(impl, *unit, detail::field("unit"));
    auto& rows = r.data.set("people", Node::array());
    detail::Stmt q(impl, "SELECT p.staff_no, p.name, u.code, p.tier, p.rank, p.title, p.gender, p.birth, p.id_number "
                         "FROM people p JOIN units u ON u.id = p.unit_id WHERE p.unit_id = ?1 OR ?1 IS NULL "
                         "ORDER BY p.staff_no");
    q.bind(uid);
    while (q.step()) person_fields(rows.push(Node::object()), q, show_id);
    return r;
  });
}

Report show_person(Database& db, const std::string& staff_no, bool show_id) {
  return detail::read(db, [&](Database::Impl& impl) {
    Report r;
    r.kind = "person";
    detail::Stmt q(impl,
                   "SELECT p.staff_no, p.name, u.code, p.tier, p.rank, p.title, p.gender, p.birth, p.id_number, "
                   "u.name, p.id FROM people p JOIN units u ON u.id = p.unit_id WHERE p.staff_no = ?");
    q.bind(staff_no);
    if (!q.step()) detail::fail(Errc::not_found, detail::field("STAFF_NO"), "unknown person {}", staff_no);
    auto& p = r.data.set("person", Node::object());
    person_fields(p, q, show_id);
    p.set("unit_name", Node::string(q.col(9).getString()));
    r.title = detail::msg("Person {} {}", q.col(0).getString(), q.col(1).getString());
    r.data.set("promotions", detail::promotion_rows(impl, q.col(10).getInt64()));
    return r;
  });
}

}  // namespace cadre
