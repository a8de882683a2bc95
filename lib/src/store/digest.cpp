#include "store/digest.hpp"

#include <date/date.h>
#include <sha2.h>
#include <sqlite3.h>

#include <bit>
#include <chrono>
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

// "SELECT count(*), cadre_digest_sum(cols) FROM table": the digest of a table computed from its rows.
// Identifiers come from cadre's own list and the schema, quoted; nothing from input.
std::string digest_query(std::string_view table, const std::vector<std::string>& cols) {
  std::string list;
  for (const auto& c : cols) list += (list.empty() ? "" : ", ") + sql_identifier(c);
  return fmt::format("SELECT count(*), cadre_digest_sum({}) FROM {}", list, sql_identifier(table));
}

std::string pg_digest_query(std::string_view table);
bool pg_has_table(Connection& conn, std::string_view name);

// Each audited table's count and sum computed from its rows (a missing table counts as empty).
DigestState recompute(Database::Impl& impl) {
  DigestState out;
  for (auto table : audited_tables()) {
    TableDigest d;
    if (impl.backend() == Backend::postgres) {
      if (!pg_has_table(*impl.conn, table)) continue;
      Stmt q(impl, pg_digest_query(table));
      q.step();
      d = {q.col(0).getInt64(), std::uint64_t(q.col(1).getInt64())};
    } else {
      auto cols = columns(impl.db, table);
      if (cols.empty()) continue;
      SQLite::Statement q(impl.db, digest_query(table, cols));
      q.executeStep();
      d = {q.getColumn(0).getInt64(), std::uint64_t(q.getColumn(1).getInt64())};
    }
    if (d != TableDigest{}) out.emplace(std::string(table), d);
  }
  return out;
}

bool has_table(Database::Impl& impl, const char* name) {
  if (impl.backend() == Backend::postgres) return pg_has_table(*impl.conn, name);
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

Database::Impl& reference() { return reference_database(); }

}  // namespace

std::string sql_identifier(std::string_view identifier) {
  std::string out = "\"";
  for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Database::Impl& reference_database() {
  thread_local std::unique_ptr<Database::Impl> ref;
  if (!ref) ref = std::make_unique<Database::Impl>(":memory:", OpenOptions{});
  return *ref;
}

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
      "trips", "spot_checks", "checkin_makeups",  // 0009: the presence side of the secondment workflows
      "opinions",                                 // 0010: the appraisal opinions of the end-of-term summary
      "course_quotas", "nominations", "arrivals",  // 0011: the call-up of a course
      "promotions",                                // 0012: the position history (person promote)
      "certificates"};                             // 0013: completion certificates (结业证书)
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
  return impl.backend() == Backend::sqlite ? audit_state(impl.db.getHandle()) : audit_state(*impl.conn);
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
  if (impl.backend() == Backend::postgres) return verify_schema_pg(impl);
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

// ---- PostgreSQL ---------------------------------------------------------------------------------

namespace cadre::detail {

namespace {

// The encoding of digest.cpp's encode() in SQL, one function per stored type: 'n'; 'i' + 8 bytes big
// endian (a whole double too); 'r' + the double's bits; 't' + the byte length + the UTF-8 bytes. Then
// the first 8 bytes of the SHA-256 as a signed 64-bit integer, and sums mod 2^64 through numeric.
// Each entry: the function's signature and its body (pg_proc.prosrc, which verify_schema compares).
struct PgFunction {
  std::string signature, returns, body;
};
const std::vector<PgFunction>& pg_shared_functions() {
  static const std::vector<PgFunction> functions = {
      {"cadre_enc(v bigint)", "bytea",
       R"( SELECT CASE WHEN v IS NULL THEN '\x6e'::bytea ELSE '\x69'::bytea || int8send(v) END )"},
      {"cadre_enc(v double precision)", "bytea",
       R"( SELECT CASE WHEN v IS NULL THEN '\x6e'::bytea
              WHEN v = trunc(v) AND v >= -9223372036854775808::double precision
                   AND v < 9223372036854775808::double precision THEN '\x69'::bytea || int8send(v::bigint)
              ELSE '\x72'::bytea || float8send(v) END )"},
      {"cadre_enc(v text)", "bytea",
       R"( SELECT CASE WHEN v IS NULL THEN '\x6e'::bytea
              ELSE '\x74'::bytea || int8send(octet_length(convert_to(v, 'UTF8'))::bigint) || convert_to(v, 'UTF8') END )"},
      {"cadre_hash(b bytea)", "bigint",
       R"( SELECT ('x' || encode(substring(sha256(b) FROM 1 FOR 8), 'hex'))::bit(64)::bigint )"},
      {"cadre_wrap(x numeric)", "bigint",
       R"( SELECT (CASE WHEN m >= 9223372036854775808 THEN m - 18446744073709551616 ELSE m END)::bigint
         FROM (SELECT mod(mod(x, 18446744073709551616) + 18446744073709551616, 18446744073709551616) AS m) AS w )"}};
  return functions;
}

std::string create_sql_function(const PgFunction& f) {
  // Bodies are cadre's own text (no '$cadre$' inside); names are quoted identifiers from the catalogue.
  return fmt::format(
      "CREATE OR REPLACE FUNCTION {} RETURNS {} LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $cadre${}$cadre$", f.signature,
      f.returns, f.body);
}

struct PgColumn {
  std::string name, type;  // pg_type.typname
};

// A table's columns in order, from the catalogue; none when the table is missing.
std::vector<PgColumn> pg_columns(Connection& conn, std::string_view table) {
  Stmt q(conn,
         "SELECT a.attname, t.typname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
         "WHERE a.attrelid = to_regclass(quote_ident(?)) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
  q.bind(std::string(table));
  std::vector<PgColumn> out;
  while (q.step()) out.push_back({q.col(0).getString(), q.col(1).getString()});
  return out;
}

std::string hash_function_name(std::string_view table) { return fmt::format("audit_digest_hash_{}", table); }
std::string trigger_function_name(std::string_view table) { return fmt::format("audit_digest_{}", table); }

// audit_digest_hash_T(r T): the row hash over the columns as they are now, typed as SQLite stores
// them (whole numbers as INTEGER, other numbers as REAL, anything else as TEXT).
PgFunction hash_function(std::string_view table, const std::vector<PgColumn>& cols) {
  std::string list;
  for (const auto& c : cols) {
    std::string cast;
    if (c.type == "int2" || c.type == "int4")
      cast = "::bigint";
    else if (c.type == "float4" || c.type == "numeric")
      cast = "::double precision";
    else if (c.type != "int8" && c.type != "float8" && c.type != "text")
      cast = "::text";
    list += fmt::format("{}cadre_enc(r.{}{})", list.empty() ? "" : " || ", sql_identifier(c.name), cast);
  }
  return {fmt::format("{}(r {})", sql_identifier(hash_function_name(table)), sql_identifier(table)), "bigint",
          fmt::format(" SELECT cadre_hash({}) ", list)};
}

// The trigger function of a table: one UPDATE of its digest per statement, over the transition tables.
std::string trigger_body(std::string_view table) {
  std::string hash = sql_identifier(hash_function_name(table));
  return fmt::format(R"(
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE audit_digest d SET rows = d.rows + s.n, sum = cadre_wrap(d.sum + s.h)
      FROM (SELECT count(*) AS n, coalesce(sum({0}(r)), 0) AS h FROM new_rows r) AS s
     WHERE d.tbl = '{1}' AND s.n > 0;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE audit_digest d SET rows = d.rows - s.n, sum = cadre_wrap(d.sum - s.h)
      FROM (SELECT count(*) AS n, coalesce(sum({0}(r)), 0) AS h FROM old_rows r) AS s
     WHERE d.tbl = '{1}' AND s.n > 0;
  ELSE
    UPDATE audit_digest d SET sum = cadre_wrap(d.sum + a.h - b.h)
      FROM (SELECT count(*) AS n, coalesce(sum({0}(r)), 0) AS h FROM new_rows r) AS a,
           (SELECT coalesce(sum({0}(r)), 0) AS h FROM old_rows r) AS b
     WHERE d.tbl = '{1}' AND a.n > 0;
  END IF;
  RETURN NULL;
END
)",
                     hash, table);
}

// The three triggers of a table (name, CREATE text).
std::vector<std::pair<std::string, std::string>> pg_triggers(std::string_view table) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto [op, event, tables] : {std::tuple{"insert", "INSERT", "NEW TABLE AS new_rows"},
                                   std::tuple{"update", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"},
                                   std::tuple{"delete", "DELETE", "OLD TABLE AS old_rows"}}) {
    std::string name = fmt::format("audit_digest_{}_{}", table, op);
    out.emplace_back(name, fmt::format("CREATE TRIGGER {} AFTER {} ON {} REFERENCING {} FOR EACH STATEMENT "
                                       "EXECUTE FUNCTION {}()",
                                       sql_identifier(name), event, sql_identifier(table), tables,
                                       sql_identifier(trigger_function_name(table))));
  }
  return out;
}

// "SELECT count(*), sum FROM T": a table's digest from its rows, through the triggers' own function.
std::string pg_digest_query(std::string_view table) {
  return fmt::format("SELECT count(*), cadre_wrap(coalesce(sum({}(r)), 0)) FROM {} r",
                     sql_identifier(hash_function_name(table)), sql_identifier(table));
}

bool pg_has_table(Connection& conn, std::string_view name) {
  Stmt q(conn, "SELECT to_regclass(quote_ident(?)) IS NOT NULL");
  q.bind(std::string(name));
  return q.step() && q.col(0).getInt64() == 1;
}

}  // namespace

std::string now_utc() {
  auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return date::format("%Y-%m-%dT%H:%M:%SZ", now);
}

std::string audit_state(Connection& conn) {
  std::string out = "1";
  Stmt q(conn, "SELECT tbl, rows, sum FROM audit_digest ORDER BY tbl");
  while (q.step()) {
    auto rows = q.col(1).getInt64();
    auto sum = std::uint64_t(q.col(2).getInt64());
    if (rows == 0 && sum == 0) continue;
    out += fmt::format(";{}={}:{}", q.col(0).getString(), rows, hex16(sum));
  }
  return out;
}

bool sync_digest_pg(Connection& conn) {
  for (const auto& f : pg_shared_functions()) conn.exec(create_sql_function(f));
  bool changed = false;
  for (auto table : audited_tables()) {
    auto cols = pg_columns(conn, table);
    if (cols.empty()) continue;
    conn.exec(create_sql_function(hash_function(table, cols)));
    conn.exec(fmt::format("CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS $cadre${}$cadre$",
                          sql_identifier(trigger_function_name(table)), trigger_body(table)));
    for (const auto& [name, sql] : pg_triggers(table)) {
      conn.exec(fmt::format("DROP TRIGGER IF EXISTS {} ON {}", sql_identifier(name), sql_identifier(table)));
      conn.exec(sql);
    }
    // The digest from the rows: differs from audit_digest where a migration added a column (its
    // default reached every row without a trigger) or where the triggers were not there yet.
    Stmt q(conn, pg_digest_query(table));
    q.step();
    TableDigest actual{q.col(0).getInt64(), std::uint64_t(q.col(1).getInt64())};
    Stmt kept(conn, "SELECT rows, sum FROM audit_digest WHERE tbl = ?");
    kept.bind(std::string(table));
    if (kept.step() && TableDigest{kept.col(0).getInt64(), std::uint64_t(kept.col(1).getInt64())} == actual) continue;
    Stmt set(conn,
             "INSERT INTO audit_digest(tbl, rows, sum) VALUES (?, ?, ?) "
             "ON CONFLICT (tbl) DO UPDATE SET rows = excluded.rows, sum = excluded.sum");
    set.bind(std::string(table), actual.rows, std::int64_t(actual.sum)).exec();
    changed = true;
  }
  if (!changed) return false;
  // The seal, as kSeal does on SQLite: one entry vouching for the data, when the log has entries.
  Stmt last(conn, "SELECT seq, hash, state FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last.step()) return true;
  std::int64_t seq = last.col(0).getInt64() + 1;
  std::string prev = last.col(1).getString(), state = audit_state(conn);
  if (state == last.col(2).getString()) return true;
  std::string at = now_utc(), hash = entry_hash(seq, at, "cadre", "seal", "database", "", "", "", prev, state);
  Stmt ins(conn,
           "INSERT INTO audit_log(seq, at, actor, operation, entity, entity_key, before, after, prev_hash, "
           "state, hash) VALUES (?, ?, 'cadre', 'seal', 'database', '', '', '', ?, ?, ?)");
  ins.bind(seq, at, prev, state, hash).exec();
  Stmt head(conn, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ? AND hash = ?");
  head.bind(seq, hash, seq - 1, prev).exec();
  return true;
}

// PostgreSQL's schema against what matters of the reference (the SQLite schema the same migrations
// make): the tables and their columns in order, the named indexes, and the digest's functions and
// triggers exactly as cadre makes them (a trigger dropped, disabled or a function rewritten).
std::vector<std::string> verify_schema_pg(Database::Impl& impl) {
  std::vector<std::string> problems;
  auto report = [&](std::string_view what, const std::string& name, const char* how) {
    problems.push_back(msg(how, word("schema", what), name));
  };
  Database::Impl& ref = reference();
  std::set<std::string> expected_tables;
  for (const auto& t : ref.conn->tables()) {
    expected_tables.insert(t);
    auto cols = pg_columns(*impl.conn, t);
    if (cols.empty()) {
      report("table", t, "schema: {} {} is missing");
      continue;
    }
    std::vector<std::string> want = columns(ref.db, t), have;
    for (const auto& c : cols) have.push_back(c.name);
    if (want != have) report("table", t, "schema: {} {} was changed");
  }
  for (const auto& t : impl.conn->tables())
    if (!expected_tables.count(t)) report("table", t, "schema: {} {} is not part of cadre's schema");
  {
    Stmt ix(ref, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
    while (ix.step()) {
      Stmt found(impl, "SELECT 1 FROM pg_catalog.pg_indexes WHERE schemaname = current_schema() AND indexname = ?");
      found.bind(ix.col(0).getString());
      if (!found.step()) report("index", ix.col(0).getString(), "schema: {} {} is missing");
    }
  }
  auto function_body = [&](const std::string& name) -> std::optional<std::string> {
    Stmt q(impl,
           "SELECT prosrc FROM pg_catalog.pg_proc WHERE proname = ? AND pronamespace = "
           "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())");
    q.bind(name);
    if (!q.step()) return std::nullopt;
    return q.col(0).getString();
  };
  for (auto table : audited_tables()) {
    auto cols = pg_columns(*impl.conn, table);
    if (cols.empty()) continue;
    auto hash = function_body(hash_function_name(table));
    auto trigger = function_body(trigger_function_name(table));
    std::set<std::string> wanted;
    for (const auto& [name, sql] : pg_triggers(table)) {
      wanted.insert(name);
      Stmt q(impl,
             "SELECT t.tgenabled FROM pg_catalog.pg_trigger t WHERE t.tgrelid = to_regclass(quote_ident(?)) "
             "AND t.tgname = ?");
      q.bind(std::string(table), name);
      if (!q.step())
        report("trigger", name, "schema: {} {} is missing");
      else if (q.col(0).getString() == "D" || hash != hash_function(table, cols).body || trigger != trigger_body(table))
        report("trigger", name, "schema: {} {} was changed");
    }
    Stmt others(impl,
                "SELECT tgname FROM pg_catalog.pg_trigger WHERE tgrelid = to_regclass(quote_ident(?)) "
                "AND NOT tgisinternal ORDER BY tgname");
    others.bind(std::string(table));
    while (others.step())
      if (!wanted.count(others.col(0).getString()))
        report("trigger", others.col(0).getString(), "schema: {} {} is not part of cadre's schema");
  }
  for (const auto& f : pg_shared_functions()) {
    std::string name = f.signature.substr(0, f.signature.find('('));
    Stmt q(impl,
           "SELECT count(*) FROM pg_catalog.pg_proc WHERE proname = ? AND prosrc = ? AND pronamespace = "
           "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())");
    q.bind(name, f.body);
    q.step();
    if (q.col(0).getInt64() == 0) report("trigger", "audit_digest (" + name + ")", "schema: {} {} was changed");
  }
  return problems;
}

}  // namespace cadre::detail
