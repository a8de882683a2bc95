#include "audit/audit.hpp"
#include "store/digest.hpp"

#include <cstdint>

#include <date/date.h>

#include <chrono>

#include "cadre/audit.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"

namespace cadre {
namespace detail {

void audit(Database::Impl& impl, std::string_view operation, std::string_view entity, std::string_view entity_key,
           const nlohmann::json& before, const nlohmann::json& after) {
  std::int64_t seq = 1;
  std::string prev;
  {
    Stmt q(impl, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (q.step()) {
      seq = q.col(0).getInt64() + 1;
      prev = q.col(1).getString();
    }
  }
  std::string at = now_utc(), op(operation), ent(entity), key(entity_key);
  std::string b = before.is_null() ? "" : before.dump(), a = after.is_null() ? "" : after.dump();
  // The digests of every audited table after this change: the entry vouches for the data.
  std::string state = audit_state(impl);
  std::string hash = entry_hash(seq, at, impl.actor, op, ent, key, b, a, prev, state);
  Stmt ins(impl,
           "INSERT INTO audit_log(seq, at, actor, operation, entity, entity_key, before, after, prev_hash, state, "
           "hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  ins.bind(seq, at, impl.actor, op, ent, key, b, a, prev, state, hash).exec();
  // PostgreSQL: the head follows the log once, at commit (Tx::commit, which says why). SQLite: at
  // once, where rewriting one row many times in a transaction costs nothing more.
  if (impl.backend() == Backend::postgres) {
    impl.audit_head_stale = true;
    return;
  }
  Stmt head(impl, "INSERT INTO audit_head(id, seq, hash) VALUES (1, ?, ?) "
                  "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash");
  head.bind(seq, hash).exec();
}

std::vector<std::string> verify_audit_chain(Database::Impl& impl) {
  std::vector<std::string> problems;
  Stmt q(impl, "SELECT seq, at, actor, operation, entity, entity_key, before, after, prev_hash, hash, state "
               "FROM audit_log ORDER BY seq");
  std::int64_t expected_seq = 1;
  std::string prev;
  while (q.step()) {
    std::int64_t seq = q.col(0).getInt64();
    auto s = [&](int i) { return q.col(i).getString(); };
    if (seq != expected_seq)
      problems.push_back(msg("audit: entry {} is missing (next entry is {})", expected_seq, seq));
    if (s(8) != prev) problems.push_back(msg("audit: entry {} does not follow the entry before it", seq));
    std::string hash = entry_hash(seq, s(1), s(2), s(3), s(4), s(5), s(6), s(7), s(8), s(10));
    if (hash != s(9)) problems.push_back(msg("audit: entry {} was altered", seq));
    prev = s(9);
    expected_seq = seq + 1;
  }
  Stmt h(impl, "SELECT seq, hash FROM audit_head WHERE id = 1");
  if (h.step()) {
    if (h.col(0).getInt64() != expected_seq - 1 || h.col(1).getString() != prev)
      problems.push_back(msg("audit: the log ends at entry {} but entry {} was written", expected_seq - 1,
                             h.col(0).getInt64()));
  } else if (expected_seq != 1) {
    problems.push_back(msg("audit: the chain head is missing"));
  }
  return problems;
}

}  // namespace detail

Report audit_log(Database& db, std::optional<Date> since) {
  // `at` is an ISO 8601 instant: text from that day on compares greater or equal.
  std::optional<std::string> from = since ? std::optional(format_date(*since)) : std::nullopt;
  return detail::read(db, [&](Database::Impl& impl) {
    Report r;
    r.kind = "audit_log";
    r.title = detail::msg("Audit log");
    auto& entries = r.data.set("entries", Node::array());
    detail::Stmt q(impl, "SELECT seq, at, actor, operation, entity, entity_key, before, after FROM audit_log "
                         "WHERE at >= ?1 OR ?1 IS NULL ORDER BY seq");
    q.bind(from);
    while (q.step()) {
      auto& e = entries.push(Node::object());
      e.set("seq", Node::integer(q.col(0).getInt64(), Hint::id));
      e.set("at", Node::string(q.col(1).getString()));
      e.set("actor", Node::string(q.col(2).getString()));
      e.set("operation", Node::code(q.col(3).getString()));
      e.set("entity", Node::code(q.col(4).getString()));
      e.set("key", Node::string(q.col(5).getString()));
      e.set("before", Node::string(q.col(6).getString()));
      e.set("after", Node::string(q.col(7).getString()));
    }
    return r;
  });
}

namespace {

// The entry an anchor names: (seq or 0, lowercase hash).
std::pair<std::int64_t, std::string> parse_anchor(const std::string& anchor) {
  std::string text = detail::trim(anchor), seq, hash = text;
  if (auto colon = text.find(':'); colon != std::string::npos) {
    seq = text.substr(0, colon);
    hash = text.substr(colon + 1);
  }
  for (auto& c : hash) c = char(std::tolower(static_cast<unsigned char>(c)));
  bool ok = hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos &&
            (seq.empty() || (seq.size() < 19 && seq.find_first_not_of("0123456789") == std::string::npos));
  std::int64_t n = ok && !seq.empty() ? std::stoll(seq) : 0;
  if (!ok || (!seq.empty() && n < 1))
    detail::fail(Errc::invalid, detail::field("anchor"), "{}: expected HASH or SEQ:HASH as audit anchor prints them",
                 detail::field("anchor"));
  return {n, hash};
}

AuditVerification verify(Database& db, const std::optional<std::string>& anchor) {
  std::optional<std::pair<std::int64_t, std::string>> wanted;
  if (anchor) wanted = parse_anchor(*anchor);
  return detail::read(db, [&](Database::Impl& impl) {
    AuditVerification v;
    v.problems = detail::verify_audit_chain(impl);
    for (auto& p : detail::verify_audit_data(impl)) v.problems.push_back(std::move(p));
    if (wanted) {
      // The chain is whole from entry 1 to the head (else a problem above): the anchored entry still
      // being there, with its hash, proves every entry up to it is as it was when the anchor was taken.
      detail::Stmt q(impl, "SELECT seq FROM audit_log WHERE hash = ? AND (?2 = 0 OR seq = ?2)");
      q.bind(wanted->second, wanted->first);
      if (!q.step()) {
        if (wanted->first)
          v.problems.push_back(detail::msg(
              "audit: the log no longer contains the anchored entry {}: it was rewritten or truncated", wanted->first));
        else
          v.problems.push_back(
              detail::msg("audit: the log no longer contains the anchored entry with hash {}: it was rewritten or "
                          "truncated",
                          wanted->second));
      }
    }
    detail::Stmt q(impl, "SELECT count(*) FROM audit_log");
    q.step();
    v.entries = q.col(0).getInt64();
    v.ok = v.problems.empty();
    return v;
  });
}

}  // namespace

AuditVerification verify_audit(Database& db) { return verify(db, std::nullopt); }
AuditVerification verify_audit(Database& db, const std::string& anchor) { return verify(db, anchor); }

AuditAnchor audit_anchor(Database& db) {
  return detail::read(db, [&](Database::Impl& impl) {
    AuditAnchor a;
    // The last entry itself, not audit_head: the anchor is what the log holds.
    detail::Stmt q(impl, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (q.step()) {
      a.entries = q.col(0).getInt64();
      a.hash = q.col(1).getString();
    }
    return a;
  });
}

}  // namespace cadre
