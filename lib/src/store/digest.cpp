#include "store/digest.hpp"

#include <sha2.h>
#include <sqlite3.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <set>
#include <tuple>

#include "util/text.hpp"

namespace cadre::detail {

namespace {

// SHA-256 from libmd (small, and loaded at no cost on a command that never hashes much).
std::string sha256_hex(const std::string& data) {
  char hex[SHA256_DIGEST_STRING_LENGTH];
  SHA256Data(reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), hex);
  return hex;
}

// The canonical encoding of one value: a type tag and the value, lengths explicit, so no two rows
// encode alike. A REAL holding a whole number encodes as that integer: SQLite may hand the same
// stored value to a trigger and to a later SELECT as either, and the content is the same.
void encode(std::string& out, sqlite3_value* v) {
  auto put64 = [&](char tag, std::uint64_t x) {
    out += tag;
    for (int shift = 56; shift >= 0; shift -= 8) out += char((x >> shift) & 0xff);
  };
  auto put_bytes = [&](char tag, const void* p, int n) {
    put64(tag, std::uint64_t(n));
    if (n > 0) out.append(static_cast<const char*>(p), size_t(n));
  };
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: put64('i', std::uint64_t(sqlite3_value_int64(v))); break;
    case SQLITE_FLOAT: {
      double d = sqlite3_value_double(v);
      if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        put64('i', std::uint64_t(std::int64_t(d)));
      else
        put64('r', std::bit_cast<std::uint64_t>(d));
      break;
    }
    case SQLITE_TEXT: {
      const unsigned char* t = sqlite3_value_text(v);
      put_bytes('t', t, sqlite3_value_bytes(v));
      break;
    }
    case SQLITE_BLOB: {
      const void* b = sqlite3_value_blob(v);
      put_bytes('b', b, sqlite3_value_bytes(v));
      break;
    }
    default: out += 'n';
  }
}

// The first 8 bytes of the SHA-256 of a row's canonical encoding.
std::uint64_t row_hash(int argc, sqlite3_value** argv) {
  thread_local std::string buf;
  buf.clear();
  for (int i = 0; i < argc; ++i) encode(buf, argv[i]);
  SHA2_CTX ctx;
  SHA256Init(&ctx);
  SHA256Update(&ctx, reinterpret_cast<const std::uint8_t*>(buf.data()), buf.size());
  std::uint8_t digest[SHA256_DIGEST_LENGTH];
  SHA256Final(digest, &ctx);
  std::uint64_t h = 0;
  for (int i = 0; i < 8; ++i) h = (h << 8) | digest[i];
  return h;
}

// cadre_digest_add(sum, col...) and cadre_digest_sub(sum, col...): the sum plus or minus the row's
// hash, mod 2^64 (unsigned arithmetic here: SQLite's own + would overflow into a REAL).
template <bool add>
void digest_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc < 2) {
    sqlite3_result_error(ctx, "cadre_digest_add/sub: a sum and at least one column", -1);
    return;
  }
  auto sum = std::uint64_t(sqlite3_value_int64(argv[0]));
  std::uint64_t h = row_hash(argc - 1, argv + 1);
  sqlite3_result_int64(ctx, std::int64_t(add ? sum + h : sum - h));
}

// cadre_digest_sum(col...): the aggregate over a table's rows, as the triggers keep it.
void sum_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto* acc = static_cast<std::uint64_t*>(sqlite3_aggregate_context(ctx, sizeof(std::uint64_t)));
  if (acc) *acc += row_hash(argc, argv);
}
void sum_final(sqlite3_context* ctx) {
  auto* acc = static_cast<std::uint64_t*>(sqlite3_aggregate_context(ctx, 0));
  sqlite3_result_int64(ctx, acc ? std::int64_t(*acc) : 0);
}

std::string text_arg(sqlite3_value* v) {
  const unsigned char* t = sqlite3_value_text(v);
  return t ? std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_value_bytes(v))) : std::string();
}

// cadre_entry_hash(seq, at, actor, operation, entity, entity_key, before, after, prev_hash, state):
// the hash audit() gives an entry, for an entry written by a migration (the seal).
void entry_hash_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 10) {
    sqlite3_result_error(ctx, "cadre_entry_hash: 10 arguments", -1);
    return;
  }
  std::string h = entry_hash(sqlite3_value_int64(argv[0]), text_arg(argv[1]), text_arg(argv[2]), text_arg(argv[3]),
                             text_arg(argv[4]), text_arg(argv[5]), text_arg(argv[6]), text_arg(argv[7]),
                             text_arg(argv[8]), text_arg(argv[9]));
  sqlite3_result_text(ctx, h.c_str(), int(h.size()), SQLITE_TRANSIENT);
}

// cadre_audit_state(): the running digests as an entry records them (for the seal).
void state_fn(sqlite3_context* ctx, int, sqlite3_value**) {
  try {
    std::string s = audit_state(sqlite3_context_db_handle(ctx));
    sqlite3_result_text(ctx, s.c_str(), int(s.size()), SQLITE_TRANSIENT);
  } catch (const std::exception& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

void check_rc(sqlite3* db, int rc) {
  if (rc != SQLITE_OK) throw SQLite::Exception(db, rc);
}

std::string hex16(std::uint64_t x) { return fmt::format("{:016x}", x); }

// Column names of a table in declaration order (the order of the triggers' arguments).
std::vector<std::string> columns(SQLite::Database& db, std::string_view table) {
  std::vector<std::string> out;
  SQLite::Statement q(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, std::string(table));
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

std::string sql_identifier(std::string_view identifier) {
  std::string out = "\"";
  for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// "SELECT count(*), cadre_digest_sum(cols) FROM table": the digest of a table computed from its rows.
// Identifiers come from cadre's own list and the schema, quoted; nothing from input.
std::string digest_query(std::string_view table, const std::vector<std::string>& cols) {
  std::string list;
  for (const auto& c : cols) list += (list.empty() ? "" : ", ") + sql_identifier(c);
  return fmt::format("SELECT count(*), cadre_digest_sum({}) FROM {}", list, sql_identifier(table));
}

// Each audited table's count and sum computed from its rows (a missing table counts as empty).
DigestState recompute(Database::Impl& impl) {
  DigestState out;
  for (auto table : audited_tables()) {
    auto cols = columns(impl.db, table);
    if (cols.empty()) continue;
    SQLite::Statement q(impl.db, digest_query(table, cols));
    q.executeStep();
    TableDigest d{q.getColumn(0).getInt64(), std::uint64_t(q.getColumn(1).getInt64())};
    if (d != TableDigest{}) out.emplace(std::string(table), d);
  }
  return out;
}

bool has_table(Database::Impl& impl, const char* name) {
  Stmt q(impl, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
  q.bind(name);
  return q.step();
}

// The running digests in audit_digest (none when the table itself was dropped).
DigestState running(Database::Impl& impl) {
  DigestState out;
  if (!has_table(impl, "audit_digest")) return out;
  Stmt q(impl, "SELECT tbl, rows, sum FROM audit_digest");
  while (q.step()) {
    TableDigest d{q.col(1).getInt64(), std::uint64_t(q.col(2).getInt64())};
    if (d != TableDigest{}) out.emplace(q.col(0).getString(), d);
  }
  return out;
}

TableDigest get(const DigestState& s, std::string_view table) {
  auto it = s.find(table);
  return it == s.end() ? TableDigest{} : it->second;
}

// A new database made by the embedded migrations, in memory: the schema and seed data to compare with.
Database::Impl& reference() {
  thread_local std::unique_ptr<Database::Impl> ref;
  if (!ref) ref = std::make_unique<Database::Impl>(":memory:", OpenOptions{});
  return *ref;
}

}  // namespace

// The hashed text of an entry: every field, separated by a byte that cannot occur in them. The
// state (schema 6) is appended only when there is one, so older entries hash as they always did.
std::string entry_hash(std::int64_t seq, const std::string& at, const std::string& actor, const std::string& op,
                       const std::string& entity, const std::string& key, const std::string& before,
                       const std::string& after, const std::string& prev, const std::string& state) {
  std::string s = std::to_string(seq);
  for (const auto* part : {&at, &actor, &op, &entity, &key, &before, &after, &prev}) {
    s += '\x1f';
    s += *part;
  }
  if (!state.empty()) s += '\x1f' + state;
  return sha256_hex(s);
}

const std::vector<std::string_view>& audited_tables() {
  static const std::vector<std::string_view> tables = {
      "assessments",     "attendance",  "calendar_days", "checkins",
      "course_components", "courses",   "enrolments",    "evaluations",
      "feedback",        "leaves",      "monthly_reports", "people",
      "secondment_extensions", "secondments", "sessions", "settings",
      "task_progress",   "tasks",       "training_hours",  "units",
      "trips", "spot_checks", "checkin_makeups"};  // 0009: the presence side of the secondment workflows
  return tables;
}

void register_audit_functions(sqlite3* h) {
  // Innocuous: the triggers in the schema may call them even where the schema is not trusted.
  const int pure = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  check_rc(h, sqlite3_create_function_v2(h, "cadre_digest_add", -1, pure, nullptr, digest_step<true>, nullptr,
                                         nullptr, nullptr));
  check_rc(h, sqlite3_create_function_v2(h, "cadre_digest_sub", -1, pure, nullptr, digest_step<false>, nullptr,
                                         nullptr, nullptr));
  check_rc(h, sqlite3_create_function_v2(h, "cadre_digest_sum", -1, pure, nullptr, nullptr, sum_step, sum_final,
                                         nullptr));
  check_rc(h, sqlite3_create_function_v2(h, "cadre_entry_hash", 10, pure, nullptr, entry_hash_fn, nullptr, nullptr,
                                         nullptr));
  check_rc(h, sqlite3_create_function_v2(h, "cadre_audit_state", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr,
                                         state_fn, nullptr, nullptr, nullptr));
  // A row an INSERT OR REPLACE deletes then fires the delete trigger too, and leaves the digest.
  check_rc(h, sqlite3_exec(h, "PRAGMA recursive_triggers = ON", nullptr, nullptr, nullptr));
}

std::string audit_state(sqlite3* db) {
  sqlite3_stmt* q = nullptr;
  check_rc(db, sqlite3_prepare_v2(db, "SELECT tbl, rows, sum FROM audit_digest ORDER BY tbl", -1, &q, nullptr));
  std::string out = "1";
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    auto rows = sqlite3_column_int64(q, 1);
    auto sum = std::uint64_t(sqlite3_column_int64(q, 2));
    if (rows == 0 && sum == 0) continue;
    out += fmt::format(";{}={}:{}", reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), rows, hex16(sum));
  }
  sqlite3_finalize(q);
  if (rc != SQLITE_DONE) throw SQLite::Exception(db, rc);
  return out;
}

std::string audit_state(Database::Impl& impl) {
  return impl.backend() == Backend::sqlite ? audit_state(impl.db.getHandle()) : std::string();
}

std::optional<DigestState> parse_audit_state(std::string_view text) {
  auto parts = split(text, ';');
  if (parts.empty() || parts[0] != "1") return std::nullopt;
  DigestState out;
  for (size_t i = 1; i < parts.size(); ++i) {
    auto eq = parts[i].find('='), colon = parts[i].rfind(':');
    if (eq == std::string::npos || colon == std::string::npos || colon < eq) return std::nullopt;
    TableDigest d;
    try {
      size_t used = 0;
      d.rows = std::stoll(parts[i].substr(eq + 1, colon - eq - 1), &used);
      std::string hex = parts[i].substr(colon + 1);
      if (hex.size() != 16) return std::nullopt;
      d.sum = std::stoull(hex, &used, 16);
      if (used != 16) return std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;
    }
    out.emplace(parts[i].substr(0, eq), d);
  }
  return out;
}

std::vector<std::string> verify_audit_data(Database::Impl& impl) {
  if (impl.backend() != Backend::sqlite) return {};  // the digests are not kept on PostgreSQL yet
  std::vector<std::string> problems;
  DigestState vouched, actual = recompute(impl);
  {
    Stmt q(impl, "SELECT seq, state FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (q.step()) {
      std::int64_t seq = q.col(0).getInt64();
      std::string state = q.col(1).getString();
      if (state.empty()) {
        problems.push_back(msg("audit: the latest entry {} does not record the state of the data", seq));
        return problems;
      }
      auto parsed = parse_audit_state(state);
      if (!parsed) {
        problems.push_back(msg("audit: entry {} records an unreadable state", seq));
        return problems;
      }
      vouched = std::move(*parsed);
    } else {
      // No entry at all: the data must be what a new database holds (the seed calendar), nothing more.
      vouched = running(reference());
      if (actual != vouched)
        problems.push_back(msg("audit: the log is empty, but the data differs from that of a new database"));
    }
  }
  DigestState kept = running(impl);
  for (auto table : audited_tables()) {
    TableDigest a = get(actual, table), v = get(vouched, table);
    if (a.rows != v.rows)
      problems.push_back(msg("{}: {} rows, the audit log vouches for {}", table, a.rows, v.rows));
    else if (a.sum != v.sum)
      problems.push_back(msg("{}: {} rows, the audit log vouches for {} rows with different content", table, a.rows,
                             v.rows));
    else if (get(kept, table) != a)
      problems.push_back(msg("{}: the running digest does not match the rows (they were changed outside cadre)",
                             table));
  }
  return problems;
}

std::vector<std::string> verify_schema(Database::Impl& impl) {
  if (impl.backend() != Backend::sqlite) return {};  // compared with SQLite's catalogue; PostgreSQL's later
  // (type, name) -> the SQL with runs of white space as one space.
  using Schema = std::map<std::pair<std::string, std::string>, std::string>;
  auto load = [](Database::Impl& from) {
    Schema s;
    Stmt q(from, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (q.step()) {
      std::string sql;
      for (char c : q.col(2).getString()) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space) sql += c;
        else if (!sql.empty() && sql.back() != ' ') sql += ' ';
      }
      if (!sql.empty() && sql.back() == ' ') sql.pop_back();
      s[{q.col(0).getString(), q.col(1).getString()}] = sql;
    }
    return s;
  };
  Schema expected = load(reference()), actual = load(impl);
  std::vector<std::string> problems;
  for (const auto& [key, sql] : expected) {
    auto it = actual.find(key);
    if (it == actual.end())
      problems.push_back(msg("schema: {} {} is missing", word("schema", key.first), key.second));
    else if (it->second != sql)
      problems.push_back(msg("schema: {} {} was changed", word("schema", key.first), key.second));
  }
  for (const auto& [key, sql] : actual)
    if (!expected.count(key))
      problems.push_back(msg("schema: {} {} is not part of cadre's schema", word("schema", key.first), key.second));
  return problems;
}

namespace {

// The seal (as migration 0006 ends): one entry vouching for the data as it stands, when a database
// with a history has rows its last entry does not describe; the head follows the entry.
constexpr const char* kSeal[] = {
    "INSERT INTO audit_log(seq, at, actor, operation, entity, entity_key, before, after, prev_hash, state, hash) "
    "SELECT seq, at, 'cadre', 'seal', 'database', '', '', '', prev, state, "
    "cadre_entry_hash(seq, at, 'cadre', 'seal', 'database', '', '', '', prev, state) "
    "FROM (SELECT seq + 1 AS seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, hash AS prev, state AS old_state, "
    "cadre_audit_state() AS state FROM audit_log ORDER BY seq DESC LIMIT 1) WHERE old_state <> state",
    "UPDATE audit_head SET seq = last.seq, hash = last.hash "
    "FROM (SELECT seq, hash, prev_hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS last "
    "WHERE audit_head.id = 1 AND audit_head.seq = last.seq - 1 AND audit_head.hash = last.prev_hash"};

std::string arguments(const std::vector<std::string>& cols, std::string_view row) {
  std::string out;
  for (const auto& c : cols) out += fmt::format(", {}.{}", row, c);
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> digest_triggers(std::string_view table,
                                                                  const std::vector<std::string>& cols) {
  // Word for word as schema/0006 writes them: sqlite_schema keeps the text, and `db check` compares it.
  std::string added = arguments(cols, "NEW"), removed = arguments(cols, "OLD");
  auto trigger = [&](std::string_view op, std::string_view event, const std::string& body) {
    std::string name = fmt::format("audit_digest_{}_{}", table, op);
    return std::pair{name, fmt::format("CREATE TRIGGER {} AFTER {} ON {} BEGIN\n  {} WHERE tbl = '{}';\nEND", name,
                                       event, table, body, table)};
  };
  return {trigger("insert", "INSERT",
                  fmt::format("UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum{})", added)),
          trigger("update", "UPDATE",
                  fmt::format("UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum{}){})", added,
                              removed)),
          trigger("delete", "DELETE",
                  fmt::format("UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum{})", removed))};
}

bool sync_digest_triggers(SQLite::Database& db) {
  if (!db.tableExists("audit_digest")) return false;
  bool changed = false;
  for (auto table : audited_tables()) {
    auto cols = columns(db, table);
    if (cols.empty()) continue;
    auto wanted = digest_triggers(table, cols);
    bool same = true;
    for (const auto& [name, sql] : wanted) {
      SQLite::Statement q(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
      q.bind(1, name);
      same = same && q.executeStep() && q.getColumn(0).getString() == sql;
    }
    if (same) continue;
    // A migration changed the table's columns: its triggers and its digest follow, in its transaction.
    // Identifiers come from cadre's own list and the schema, never from input.
    for (const auto& [name, sql] : wanted) {
      db.exec(fmt::format("DROP TRIGGER IF EXISTS {}", sql_identifier(name)));
      db.exec(sql);
    }
    SQLite::Statement set(db, "INSERT INTO audit_digest(tbl, rows, sum) SELECT ?, * FROM (" + digest_query(table, cols) +
                                  ") WHERE 1 ON CONFLICT(tbl) DO UPDATE SET rows = excluded.rows, sum = excluded.sum");
    set.bind(1, std::string(table));
    set.exec();
    changed = true;
  }
  if (changed)
    for (const char* sql : kSeal) db.exec(sql);
  return changed;
}

}  // namespace cadre::detail
