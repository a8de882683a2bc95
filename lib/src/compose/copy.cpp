// `db copy FROM TO` and `db backup` from PostgreSQL: the rows through store/copy.cpp, then the checks
// that need the layers above the store, all inside TO's one transaction: the audit chain and the data
// it vouches for (audit/), and the figures of every report (the domains, through the registry).
#include "store/copy.hpp"

#include <SQLiteCpp/Backup.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "audit/audit.hpp"
#include "cadre/database.hpp"
#include "cadre/render.hpp"
#include "cadre/report.hpp"
#include "store/digest.hpp"
#include "store/store.hpp"
#include "util/text.hpp"

namespace cadre {

namespace {

// While it lives, the commands run on the database join the transaction the copy holds.
class Joined {
 public:
  explicit Joined(Database& db) : impl_(db.impl()) { impl_.joined = true; }
  ~Joined() { impl_.joined = false; }
  Joined(const Joined&) = delete;
  Joined& operator=(const Joined&) = delete;

 private:
  Database::Impl& impl_;
};

std::vector<std::string> column_values(Database& db, const char* sql) {
  std::vector<std::string> out;
  detail::Stmt q(db.impl(), sql);
  while (q.step()) out.push_back(q.col(0).getString());
  return out;
}

// A report to compare: its name in messages, its kind and what it is asked.
struct Figures {
  std::string name, kind;
  ReportArgs args;
};

// The reports whose figures must read the same on both sides: every secondment and each batch, each
// course, and the hours of every year with recorded hours.
std::vector<Figures> reports_of(Database& src) {
  std::vector<Figures> out{{"secondments", "secondments", {}}};
  for (auto& batch :
       column_values(src, "SELECT DISTINCT batch FROM secondments WHERE batch IS NOT NULL ORDER BY batch"))
    out.push_back({"secondments " + batch, "secondments", ReportArgs{batch, {}, {}, {}, {}}});
  for (auto& code : column_values(src, "SELECT code FROM courses ORDER BY code"))
    out.push_back({"course " + code, "course", ReportArgs{code, {}, {}, {}, {}}});
  for (auto& year : column_values(src, "SELECT DISTINCT CAST(year AS TEXT) FROM training_hours ORDER BY 1"))
    out.push_back({"hours " + year, "hours", ReportArgs{year, {}, {}, {}, {}}});
  return out;
}

std::string figures(Database& db, const Figures& f) {
  RenderOptions json;
  json.format = "json";
  return render(find_report_kind(f.kind)->build(db, f.args), json);
}

// The copy itself, both databases open: src read in one snapshot, dst written in one transaction.
CopySummary copy_between(Database& src, Database& dst) {
  CopySummary summary;
  summary.from = src.path();
  summary.to = dst.path();
  detail::Tx read(src.impl(), detail::Tx::Mode::read);
  detail::Tx write(dst.impl(), detail::Tx::Mode::write);
  {
    Joined a(src), b(dst);
    for (auto& t : detail::copy_rows(src.impl(), dst.impl())) summary.tables.emplace_back(t.table, t.rows);
    auto problems = detail::verify_audit_chain(dst.impl());
    for (auto& p : detail::verify_audit_data(dst.impl())) problems.push_back(std::move(p));
    if (!problems.empty()) {
      std::string all;
      for (auto& p : problems) all += "\n  " + p;
      throw Error(Errc::storage, detail::msg("db copy: the copy does not pass the audit check:{}", all));
    }
    detail::Stmt entries(dst.impl(), "SELECT count(*) FROM audit_log");
    entries.step();
    summary.audit_entries = entries.col(0).getInt64();
    for (auto& f : reports_of(src)) {
      if (figures(src, f) != figures(dst, f))
        throw Error(Errc::storage, detail::msg("db copy: report {} differs between the source and the copy", f.name));
      summary.reports.push_back(f.name);
    }
  }
  write.commit();
  return summary;
}

void remove_database_file(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ignored);
}

}  // namespace

CopySummary copy_database(const std::string& from, const std::string& to) {
  return detail::guard([&] {
    OpenOptions existing;
    existing.create = false;
    Database src(from, existing);
    // A target file made here is removed again on any failure: nothing is left written.
    bool made = !detail::is_postgres(to) && !std::filesystem::exists(to);
    try {
      Database dst(to);
      return copy_between(src, dst);
    } catch (...) {
      if (made) remove_database_file(to);
      throw;
    }
  });
}

void backup_database(Database& db, const std::string& target_path) {
  detail::guard([&] {
    if (std::filesystem::exists(target_path))
      throw Error(Errc::conflict, detail::msg("{} already exists", target_path), "FILE");
    if (db.impl().backend() == detail::Backend::postgres) {
      // Written under another name beside it, then linked into place: a reader never sees half a
      // file, and a file that appeared meanwhile is not replaced.
      std::string partial = fmt::format("{}.partial-{}", target_path, ::getpid());
      try {
        {
          Database copy(partial);
          copy_between(db, copy);
          detail::Stmt(copy.impl(), "PRAGMA journal_mode = DELETE").step();  // one file to hand over
        }
        if (::link(partial.c_str(), target_path.c_str()) != 0)
          throw Error(errno == EEXIST ? Errc::conflict : Errc::storage,
                      detail::msg("cannot write backup {}: {}", target_path, os_error_text(errno)), "FILE");
      } catch (...) {
        remove_database_file(partial);
        throw;
      }
      remove_database_file(partial);
      return;
    }
    // SQLite creates files 0644; a backup of personal data is created 0600 before SQLite opens it.
    if (std::filesystem::path p(target_path); p.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(p.parent_path(), ec);
    }
    if (int fd = ::open(target_path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
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
