#include <SQLiteCpp/Backup.h>
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "store/digest.hpp"
#include "store/embedded.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {

std::vector<Migration> migrations(Backend backend) {
  std::vector<Migration> out;
  for (const auto& f : embedded_files()) {
    std::string name = f.name;
    if (name.size() < 9 || name.substr(name.size() - 4) != ".sql") continue;
    out.push_back({std::stoi(name.substr(0, 4)), &f.text, name});
  }
  if (backend == Backend::postgres) {
    // PostgreSQL starts from its baseline (the state SQLite reaches after the migrations up to its
    // version); a later shared migration runs as it is unless a NNNN_name.pg.sql overrides it.
    std::vector<Migration> pg;
    for (const auto& f : embedded_pg_files()) {
      std::string name = f.name;
      int version = name.rfind(kPgBaselinePrefix, 0) == 0 ? kPgBaselineVersion : std::stoi(name.substr(0, 4));
      pg.push_back({version, &f.text, name});
    }
    for (const auto& m : out)
      if (m.version > kPgBaselineVersion &&
          std::none_of(pg.begin(), pg.end(), [&](const Migration& o) { return o.version == m.version; }))
        pg.push_back(m);
    out = std::move(pg);
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

int latest_version(Backend backend) {
  auto all = migrations(backend);
  return all.empty() ? 0 : all.back().version;
}

void refuse_newer_schema(int version, Backend backend) {
  if (version > latest_version(backend))
    throw Error(Errc::storage,
                msg("database schema {} is newer than this cadre ({})", version, latest_version(backend)));
}

[[noreturn]] void refuse_tables_of_another_program(const std::string& name) {
  throw Error(Errc::storage, msg("{} is not a cadre database (it holds tables of another program)", name));
}

// The folder cadre may create on first use: $XDG_DATA_HOME/cadre, else ~/.local/share/cadre. A
// folder named by --db or $CADRE_DB is never created: a typo there must not leave folders behind.
std::filesystem::path default_data_folder() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "cadre";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local/share/cadre";
}

SQLite::Database& SqliteAccess::get() const {
  if (auto* db = conn_.sqlite()) return *db;
  throw Error(Errc::storage, msg("this needs a SQLite database; the database is on PostgreSQL"));
}

Statement& Connection::prepare(std::string_view sql) {
  if (auto it = statements.find(sql); it != statements.end()) return *it->second;
  auto statement = make_statement(std::string(sql));
  std::string_view key = statement->sql();  // the statement's own copy: stable while it lives
  return *statements.emplace(key, std::move(statement)).first->second;
}

}  // namespace detail

Database::Impl::Impl(const std::string& p, const OpenOptions& options)
    : path(detail::is_postgres(p) ? detail::redact_connection_string(p) : p),
      conn(detail::is_postgres(p) ? detail::open_postgres(p, options) : detail::open_sqlite(p, options)) {}

Database::Database(const std::string& path, OpenOptions options) {
  detail::guard([&] {
    try {
      impl_ = std::make_unique<Impl>(path, options);
    } catch (const SQLite::Exception& e) {
      int code = e.getErrorCode() & 0xff;
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED) detail::rethrow_storage(e);
      throw Error(Errc::storage, detail::msg("cannot open database {}: {}", path, e.what()));
    }
    const char* user = std::getenv("USER");
    if (!user || !*user) {
      const passwd* pw = getpwuid(getuid());
      user = pw ? pw->pw_name : nullptr;
    }
    impl_->actor = user && *user ? user : "unknown";
    try {
      check_text(impl_->actor, "USER");
    } catch (const Error&) {  // a USER in another encoding: the audit log takes text only
      impl_->actor = "unknown";
    }
  });
}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
void Database::set_actor(std::string actor) {
  // The actor goes into every entry of the append-only audit log: bytes that are not text would
  // stay there for good (and break every later xlsx of the log), so they are refused here.
  check_text(actor, "actor");
  if (!actor.empty()) impl_->actor = std::move(actor);
}
const std::string& Database::actor() const { return impl_->actor; }
const std::string& Database::path() const { return impl_->path; }

std::string default_database_path() {
  if (const char* env = std::getenv("CADRE_DB"); env && *env) return env;
  return (detail::default_data_folder() / "cadre.db").string();
}

const char* version() noexcept { return CADRE_VERSION_STRING; }

const char* errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::ok: return "ok";
    case Errc::usage: return "usage";
    case Errc::invalid: return "invalid";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::storage: return "storage";
  }
  return "unknown";
}

namespace detail {

[[noreturn]] void rethrow_storage(const PgError& e) {
  const std::string& state = e.sqlstate();
  if (state.rfind("23", 0) == 0) throw Error(Errc::conflict, msg("conflict: {}", e.what()));  // integrity
  if (state == "55P03")  // lock_timeout: the advisory lock of another writer
    throw Error(Errc::storage, msg("database is locked (another writer held it past the busy timeout)"));
  if (state == "53100") throw Error(Errc::storage, msg("storage error: {}", msg("no space left on device")));
  throw Error(Errc::storage, msg("storage error: {}", e.what()));
}

[[noreturn]] void rethrow_storage(const SQLite::Exception& e) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_CONSTRAINT) throw Error(Errc::conflict, msg("conflict: {}", e.what()));
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw Error(Errc::storage, msg("database is locked (another writer held it past the busy timeout)"));
  if (code == SQLITE_FULL) throw Error(Errc::storage, msg("storage error: {}", msg("no space left on device")));
  throw Error(Errc::storage, msg("storage error: {}", e.what()));
}

Tx::Tx(Database::Impl& impl, Mode mode) : impl_(impl) {
  // Refused before SQLite is asked, so the message names why (SQLite says "attempt to write a
  // readonly database", or with an immutable file may even let the write reach the disk).
  if (mode == Mode::write && impl_.conn->read_only)
    throw Error(Errc::storage,
                msg("the database is read-only: {}; only commands that read work here", *impl_.conn->read_only));
  if (impl_.joined) {  // inside db copy's transaction: its snapshot, its commit
    done_ = true;
    return;
  }
  impl_.conn->begin(mode == Mode::write);
  impl_.timezone_cache.reset();
  impl_.audit_head_stale = false;
}
Tx::~Tx() {
  if (!done_) {
    try {
      impl_.conn->rollback();
    } catch (...) {
    }
  }
}
void Tx::commit() {
  if (!done_) {
    if (impl_.audit_head_stale) {
      Stmt(impl_,
           "INSERT INTO audit_head(id, seq, hash) SELECT 1, seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1 "
           "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
          .exec();
      impl_.audit_head_stale = false;
    }
    impl_.conn->commit();
  }
  done_ = true;
}

const std::string& timezone(Database::Impl& impl) {
  if (!impl.timezone_cache) {
    Stmt q(impl, "SELECT value FROM settings WHERE key = 'timezone'");
    impl.timezone_cache = q.step() ? q.col(0).getString() : std::string("Asia/Shanghai");
  }
  return *impl.timezone_cache;
}

}  // namespace detail

DatabaseInfo database_info(Database& db) {
  return detail::read(db, [&](Database::Impl& impl) {
    DatabaseInfo info;
    info.path = impl.path;
    info.schema_version = impl.conn->schema_version();
    info.latest_schema_version = detail::latest_version(impl.backend());
    info.timezone = detail::timezone(impl);
    info.backend = impl.backend() == detail::Backend::postgres ? "postgresql" : "sqlite";
    for (const auto& t : impl.conn->tables()) {
      // Table names come from the catalogue, never from input; quoted as identifiers.
      detail::Stmt count(impl, fmt::format("SELECT count(*) FROM \"{}\"", t));
      count.step();
      info.row_counts.emplace_back(t, count.col(0).getInt64());
    }
    return info;
  });
}

}  // namespace cadre
