// `person promote`: the position history (rank, title, tier over time) and the current values it sets.
#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "people/lookup.hpp"
#include "people/people_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

bool insert_promotion(Database::Impl& impl, const PromotionInput& in) {
  std::string staff_no = require_text(in.staff_no, field("STAFF_NO"));
  std::string rank = require_text(in.rank, field("rank"));
  auto title = optional_text(in.title, field("title"));
  auto tier = optional_enum(optional_text(in.tier, field("tier")), field("tier"), enums::promotion_tier);
  std::string on = format_date(in.on);
  std::int64_t pid = person_id(impl, staff_no, field("STAFF_NO"));

  Stmt same(impl, "SELECT rank FROM promotions WHERE person_id = ? AND on_date = ?");
  same.bind(pid, on);
  if (same.step())
    fail(Errc::conflict, field("on"), "{}: {} was already promoted on {} (to {})", field("on"), staff_no, on,
         same.col(0).getString());
  Stmt latest(impl, "SELECT MAX(on_date) FROM promotions WHERE person_id = ?");
  latest.bind(pid);
  latest.step();
  bool current = latest.col(0).isNull() || latest.col(0).getString() < on;

  Stmt now(impl, "SELECT rank, title, tier FROM people WHERE id = ?");
  now.bind(pid);
  now.step();
  nlohmann::json before = {{"rank", opt_json(now.text_or_null(0))},
                           {"title", opt_json(now.text_or_null(1))},
                           {"tier", now.col(2).getString()}};
  Stmt ins(impl, "INSERT INTO promotions(person_id, on_date, rank, title, tier) VALUES (?,?,?,?,?)");
  ins.bind(pid, on, rank, title, tier).exec();
  nlohmann::json after = {
      {"on", on}, {"rank", rank}, {"title", opt_json(title)}, {"tier", opt_json(tier)}, {"current", current}};
  if (current) {
    // The latest promotion sets the current values; what it leaves out stays as it was.
    Stmt up(impl, "UPDATE people SET rank = ?, title = COALESCE(?, title), tier = COALESCE(?, tier) WHERE id = ?");
    up.bind(rank, title, tier, pid).exec();
  }
  audit(impl, "promote", "person", staff_no, before, after);
  return current;
}

Node promotion_rows(Database::Impl& impl, std::int64_t person_id) {
  Node rows = Node::array();
  Stmt q(impl, "SELECT on_date, rank, title, tier FROM promotions WHERE person_id = ? ORDER BY on_date");
  q.bind(person_id);
  while (q.step()) {
    auto& row = rows.push(Node::object());
    row.set("on", Node::date(q.col(0).getString()));
    row.set("rank", Node::string(q.col(1).getString()));
    row.set("title", Node::opt_string(q.text_or_null(2)));
    row.set("tier", Node::opt_string(q.text_or_null(3), Hint::code));
  }
  return rows;
}

}  // namespace cadre::detail

namespace cadre {

bool promote_person(Database& db, const PromotionInput& promotion) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_promotion(impl, promotion); });
}

}  // namespace cadre
