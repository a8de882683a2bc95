#include <fcntl.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <pwd.h>
#include <unistd.h>
#include <SQLiteCpp/Backup.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "audit/audit.hpp"
#include "audit/digest.hpp"
#include "store/embedded.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace {

constexpr int kApplicationId = 0x43414452;  // "CADR"

struct Migration {
  int version;
  const std::string* sql;
  std::string name;
};

std::vector<Migration> migrations() {
  std::vector<Migration> out;
  for (const auto& f : detail::embedded_files()) {
    std::string name = f.name;
    if (name.size() < 9 || name.substr(name.size() - 4) != ".sql") continue;
    out.push_back({std::stoi(name.substr(0, 4)), &f.text, name});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

// SQLite creates files 0644; a database of personal data is created 0600 before SQLite opens it.
void create_private_file(const std::string& path) {
  if (path == ":memory:" || path.empty()) return;
  std::filesystem::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
}

int open_flags(const std::string& path, const OpenOptions& options) {
  if (options.create) create_private_file(path);
  return SQLite::OPEN_READWRITE | (options.create ? SQLite::OPEN_CREATE : 0) | SQLite::OPEN_FULLMUTEX;
}

void migrate(SQLite::Database& db) {
  auto all = migrations();
  int latest = all.empty() ? 0 : all.back().version;
  int seen = db.execAndGet("PRAGMA user_version").getInt();
  if (seen > latest)
    throw Error(Errc::storage, detail::msg("database schema {} is newer than this cadre ({})", seen, latest));
  if (seen == latest) return;
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Re-read inside the write lock: another process may have migrated meanwhile.
  int current = db.execAndGet("PRAGMA user_version").getInt();
  int app = db.execAndGet("PRAGMA application_id").getInt();
  if (app != 0 && app != kApplicationId)
    throw Error(Errc::storage, detail::msg("{}: not a cadre database (application_id {})", db.getFilename(), app));
  if (current > latest)
    throw Error(Errc::storage, detail::msg("database schema {} is newer than this cadre ({})", current, latest));
  for (const auto& m : all) {
    if (m.version <= current) continue;
    db.exec(*m.sql);
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));  // an integer, not input
  }
  db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  tx.commit();
}

}  // namespace

Database::Impl::Impl(const std::string& p, const OpenOptions& options)
    : path(p), db(p, open_flags(p, options), options.busy_timeout_ms) {
  db.exec("PRAGMA foreign_keys = ON");
  if (path != ":memory:") {
    std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    (void)mode;
  }
  db.exec("PRAGMA synchronous = NORMAL");
  detail::register_audit_functions(db.getHandle());  // the migrations and the audit triggers call them
  migrate(db);
}

SQLite::Statement& Database::Impl::prepare(const char* sql) {
  auto it = statements.find(sql);
  if (it == statements.end()) it = statements.emplace(sql, std::make_unique<SQLite::Statement>(db, sql)).first;
  return *it->second;
}

Database::Database(const std::string& path, OpenOptions options) {
  detail::guard([&] {
    if (!options.create && path != ":memory:" && !std::filesystem::exists(path))
      throw Error(Errc::not_found, detail::msg("database {} does not exist", path));
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
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/cadre/cadre.db";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/cadre/cadre.db";
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

[[noreturn]] void rethrow_storage(const SQLite::Exception& e) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_CONSTRAINT) throw Error(Errc::conflict, msg("conflict: {}", e.what()));
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw Error(Errc::storage, msg("database is locked (another writer held it past the busy timeout)"));
  throw Error(Errc::storage, msg("storage error: {}", e.what()));
}

Tx::Tx(Database::Impl& impl, Mode mode) : impl_(impl) {
  impl_.db.exec(mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  impl_.timezone_cache.reset();
}
Tx::~Tx() {
  if (!done_) {
    try { impl_.db.exec("ROLLBACK"); } catch (...) {}
  }
}
void Tx::commit() {
  impl_.db.exec("COMMIT");
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
    info.schema_version = impl.db.execAndGet("PRAGMA user_version").getInt();
    auto all = migrations();
    info.latest_schema_version = all.empty() ? 0 : all.back().version;
    info.timezone = detail::timezone(impl);
    std::vector<std::string> tables;
    {
      detail::Stmt q(impl, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
      while (q.step()) tables.push_back(q.col(0).getString());
    }
    for (const auto& t : tables) {
      // Table names come from sqlite_schema, never from input; quoted as identifiers.
      SQLite::Statement count(impl.db, fmt::format("SELECT count(*) FROM \"{}\"", t));
      count.executeStep();
      info.row_counts.emplace_back(t, count.getColumn(0).getInt64());
    }
    return info;
  });
}

CheckResult check_database(Database& db) {
  return detail::read(db, [&](Database::Impl& impl) {
    CheckResult r;
    {
      SQLite::Statement q(impl.db, "PRAGMA integrity_check");
      while (q.executeStep()) {
        std::string line = q.getColumn(0).getString();
        if (line != "ok") r.problems.push_back("integrity_check: " + line);
      }
    }
    {
      SQLite::Statement q(impl.db, "PRAGMA foreign_key_check");
      while (q.executeStep())
        r.problems.push_back(detail::msg("foreign_key_check: {} row {} refers to a missing {}",
                                         q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                                         q.getColumn(2).getString()));
    }
    for (auto& p : detail::verify_schema(impl)) r.problems.push_back(p);
    for (auto& p : detail::verify_audit_chain(impl)) r.problems.push_back(p);
    for (auto& p : detail::verify_audit_data(impl)) r.problems.push_back(p);
    r.ok = r.problems.empty();
    return r;
  });
}

void backup_database(Database& db, const std::string& target_path) {
  detail::guard([&] {
    if (std::filesystem::exists(target_path))
      throw Error(Errc::conflict, detail::msg("{} already exists", target_path), "FILE");
    create_private_file(target_path);
    try {
      SQLite::Database target(target_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(target, db.impl().db);
      // Copy in one step: a consistent snapshot even while other connections write.
      backup.executeStep(-1);
    } catch (const SQLite::Exception& e) {
      std::error_code ignored;  // no half-written copy left behind to block the next attempt
      std::filesystem::remove(target_path, ignored);
      throw Error(Errc::storage, detail::msg("cannot write backup {}: {}", target_path, e.what()), "FILE");
    }
  });
}

}  // namespace cadre
