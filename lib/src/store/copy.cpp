#include "store/copy.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <variant>

#include "store/digest.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

enum class Kind { integer, real, text };

struct TableInfo {
  std::string name;
  std::vector<std::string> columns;
  std::vector<Kind> kinds;
  std::string key;                // the single integer primary key, "" when there is none
  std::vector<size_t> self_refs;  // columns referring to the table itself (units.parent_id)
  std::set<std::string> depends;  // tables it refers to
};

// cadre's tables as the migrations make them (the reference database), parents before children.
// audit_digest is left out: dst's triggers keep it, and it is compared afterwards.
std::vector<TableInfo> tables_in_order() {
  Database::Impl& ref = reference_database();
  std::map<std::string, TableInfo> all;
  for (const auto& name : ref.conn->tables()) {
    if (name == "audit_digest") continue;
    TableInfo t{name, {}, {}, "", {}, {}};
    SQLite::Statement cols(ref.db, "SELECT name, upper(type), pk FROM pragma_table_info(?) ORDER BY cid");
    cols.bind(1, name);
    int keys = 0;
    std::string key;
    while (cols.executeStep()) {
      std::string type = cols.getColumn(1).getString();
      t.columns.push_back(cols.getColumn(0).getString());
      t.kinds.push_back(type.find("INT") != std::string::npos ? Kind::integer
                        : type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
                                type.find("DOUB") != std::string::npos
                            ? Kind::real
                            : Kind::text);
      if (cols.getColumn(2).getInt() > 0) {
        ++keys;
        if (t.kinds.back() == Kind::integer) key = t.columns.back();
      }
    }
    if (keys == 1) t.key = key;
    SQLite::Statement fks(ref.db, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)");
    fks.bind(1, name);
    while (fks.executeStep()) {
      std::string parent = fks.getColumn(0).getString();
      if (parent == name) {
        auto at = std::find(t.columns.begin(), t.columns.end(), fks.getColumn(1).getString());
        t.self_refs.push_back(size_t(at - t.columns.begin()));
      } else {
        t.depends.insert(parent);
      }
    }
    all.emplace(name, std::move(t));
  }
  std::vector<TableInfo> out;
  std::set<std::string> placed;
  while (placed.size() < all.size()) {
    size_t before = placed.size();
    for (auto& [name, t] : all) {
      if (placed.count(name)) continue;
      if (std::all_of(t.depends.begin(), t.depends.end(),
                      [&](const std::string& d) { return placed.count(d) || !all.count(d); })) {
        out.push_back(t);
        placed.insert(name);
      }
    }
    if (placed.size() == before)
      throw Error(Errc::storage, msg("storage error: {}", "a cycle of foreign keys in cadre's schema"));
  }
  return out;
}

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

Value read(Column c, Kind kind) {
  if (c.isNull()) return std::monostate{};
  switch (kind) {
    case Kind::integer:
      return c.getInt64();
    case Kind::real:
      return c.getDouble();
    case Kind::text:
      return c.getString();
  }
  return std::monostate{};
}

void bind(Stmt& s, int i, const Value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v))
    s->bind(i, *n);
  else if (const auto* d = std::get_if<double>(&v))
    s->bind(i, *d);
  else if (const auto* t = std::get_if<std::string>(&v))
    s->bind(i, std::string_view(*t));
  else
    s->bind(i);
}

std::int64_t count_rows(Database::Impl& impl, const std::string& table) {
  Stmt q(impl, fmt::format("SELECT count(*) FROM {}", sql_identifier(table)));
  q.step();
  return q.col(0).getInt64();
}

// What a new database holds: the seed calendar and nothing else (no audit entry: nothing changed).
void refuse_non_empty(Database::Impl& dst, const std::vector<TableInfo>& tables) {
  for (const auto& t : tables) {
    if (t.name == "calendar_days") continue;
    Stmt q(dst, fmt::format("SELECT 1 FROM {} LIMIT 1", sql_identifier(t.name)));
    if (q.step())
      throw Error(Errc::conflict, msg("{} is not empty (table {} has rows): db copy writes only into a new database",
                                      dst.path, t.name));
  }
}

// Rows are written in multi-row INSERTs of up to this many parameters (SQLite allows 32766).
constexpr size_t kParamsPerInsert = 8000;

// Rows into one table of dst: on PostgreSQL through one COPY per table (streamed, a buffer at a
// time), on SQLite in multi-row INSERTs.
class Writer {
 public:
  Writer(Database::Impl& dst, const TableInfo& t) : dst_(dst), t_(t) {
    per_row_ = t.columns.size();
    batch_ = std::max<size_t>(1, kParamsPerInsert / per_row_);
    std::vector<std::string> columns;
    for (const auto& c : t.columns) columns.push_back(sql_identifier(c));
    copy_ = dst.conn->copy_in(sql_identifier(t.name), columns);
  }
  void add(std::vector<Value>&& row) {
    for (size_t i : t_.self_refs) {  // the parent may come later: set once every row is in
      if (!std::holds_alternative<std::monostate>(row[i]) && !t_.key.empty())
        later_.push_back({i, row[i], row[key_index()]});
      row[i] = std::monostate{};
    }
    if (copy_) {
      for (const auto& v : row) {
        if (const auto* n = std::get_if<std::int64_t>(&v))
          copy_->add(*n);
        else if (const auto* d = std::get_if<double>(&v))
          copy_->add(*d);
        else if (const auto* t = std::get_if<std::string>(&v))
          copy_->add(std::string_view(*t));
        else
          copy_->add_null();
      }
      copy_->end_row();
      return;
    }
    for (auto& v : row) values_.push_back(std::move(v));
    if (values_.size() >= batch_ * per_row_) flush();
  }
  void finish() {
    if (copy_) {
      copy_->finish();
      copy_.reset();
    }
    flush();
    for (const auto& [column, value, key] : later_) {
      Stmt u(dst_, fmt::format("UPDATE {} SET {} = ? WHERE {} = ?", sql_identifier(t_.name),
                               sql_identifier(t_.columns[column]), sql_identifier(t_.key)));
      bind(u, 1, value);
      bind(u, 2, key);
      u.exec();
    }
  }

 private:
  size_t key_index() const {
    return size_t(std::find(t_.columns.begin(), t_.columns.end(), t_.key) - t_.columns.begin());
  }
  void flush() {
    size_t rows = values_.size() / per_row_;
    if (rows == 0) return;
    std::string sql = fmt::format("INSERT INTO {} (", sql_identifier(t_.name));
    for (size_t i = 0; i < per_row_; ++i) sql += (i ? ", " : "") + sql_identifier(t_.columns[i]);
    sql += ") VALUES ";
    std::string one = "(";
    for (size_t i = 0; i < per_row_; ++i) one += i ? ", ?" : "?";
    one += ")";
    for (size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + one;
    Stmt ins(dst_, sql);
    for (size_t i = 0; i < values_.size(); ++i) bind(ins, int(i + 1), values_[i]);
    ins.exec();
    values_.clear();
  }
  Database::Impl& dst_;
  const TableInfo& t_;
  size_t per_row_ = 1, batch_ = 1;
  std::unique_ptr<CopyIn> copy_;
  std::vector<Value> values_;
  std::vector<std::tuple<size_t, Value, Value>> later_;
};

// Every row of a table from src into dst, in key order; a table with an integer key is read a page at a
// time (PostgreSQL hands a whole result over at once).
std::int64_t copy_table(Database::Impl& src, Database::Impl& dst, const TableInfo& t) {
  std::string list;
  for (const auto& c : t.columns) list += (list.empty() ? "" : ", ") + sql_identifier(c);
  Writer out(dst, t);
  std::int64_t copied = 0;
  if (t.key.empty()) {
    Stmt q(src, fmt::format("SELECT {} FROM {}", list, sql_identifier(t.name)));
    while (q.step()) {
      std::vector<Value> row;
      for (size_t i = 0; i < t.columns.size(); ++i) row.push_back(read(q.col(int(i)), t.kinds[i]));
      out.add(std::move(row));
      ++copied;
    }
  } else {
    size_t key = size_t(std::find(t.columns.begin(), t.columns.end(), t.key) - t.columns.begin());
    std::string sql = fmt::format("SELECT {} FROM {} WHERE {} > ? ORDER BY {} LIMIT 50000", list,
                                  sql_identifier(t.name), sql_identifier(t.key), sql_identifier(t.key));
    std::int64_t after = std::numeric_limits<std::int64_t>::min();
    for (bool more = true; more;) {
      more = false;
      Stmt q(src, sql);
      q.bind(after);
      while (q.step()) {
        std::vector<Value> row;
        for (size_t i = 0; i < t.columns.size(); ++i) row.push_back(read(q.col(int(i)), t.kinds[i]));
        after = std::get<std::int64_t>(row[key]);
        out.add(std::move(row));
        ++copied;
        more = true;
      }
    }
  }
  out.finish();
  return copied;
}

// After explicit ids, PostgreSQL's identity sequences start past the largest.
void reset_identities(Database::Impl& dst, const std::vector<TableInfo>& tables) {
  if (dst.backend() != Backend::postgres) return;
  for (const auto& t : tables) {
    Stmt q(dst,
           "SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = to_regclass(quote_ident(?)) "
           "AND a.attidentity <> ''");
    q.bind(t.name);
    std::vector<std::string> identities;
    while (q.step()) identities.push_back(q.col(0).getString());
    for (const auto& c : identities) {
      Stmt set(dst, fmt::format("SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max({}), 0) + 1, false) FROM {}",
                                sql_identifier(c), sql_identifier(t.name)));
      set.bind(sql_identifier(t.name), c);
      set.step();
    }
  }
}

}  // namespace

std::vector<TableCopy> copy_rows(Database::Impl& src, Database::Impl& dst) {
  auto tables = tables_in_order();
  refuse_non_empty(dst, tables);
  Stmt(dst, "DELETE FROM calendar_days").exec();  // the seed: src's calendar replaces it
  std::vector<TableCopy> out;
  for (const auto& t : tables) out.push_back({t.name, copy_table(src, dst, t)});
  reset_identities(dst, tables);
  for (const auto& c : out) {
    std::int64_t in_src = count_rows(src, c.table), in_dst = count_rows(dst, c.table);
    if (in_src != c.rows || in_dst != c.rows)
      throw Error(Errc::storage,
                  msg("db copy: table {} has {} rows in the source but {} in the target", c.table, in_src, in_dst));
  }
  if (audit_state(src) != audit_state(dst))
    throw Error(Errc::storage, msg("db copy: the digests of the target differ from the source's"));
  return out;
}

}  // namespace cadre::detail
