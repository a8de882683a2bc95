// db, settings, audit
#include <fmt/format.h>

#include "cadre/audit.hpp"
#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/settings.hpp"
#include "context.hpp"

namespace cadre::cli {

int cmd_db(Context& ctx, const Args& args) {
  if (help_requested(args, "usage: cadre db init | info | check | backup FILE | copy FROM TO\n", ctx)) return 0;
  const std::string& verb = args[0];
  if (verb == "init") {
    parse(rest(args), {}, {});
    auto info = database_info(ctx.db());
    Node extra = Node::object();
    extra.set("path", Node::string(info.path));
    extra.set("schema_version", Node::integer(info.schema_version));
    ctx.done(tr("{} (schema {})", info.path, info.schema_version), extra);
    return 0;
  }
  if (verb == "info") {
    parse(rest(args), {}, {});
    auto info = database_info(ctx.db());
    Report r;
    r.kind = "db_info";
    r.title = "cadre " + std::string(version());
    r.data.set("path", Node::string(info.path));
    r.data.set("backend", Node::string(info.backend));
    r.data.set("schema_version", Node::integer(info.schema_version));
    r.data.set("latest_schema_version", Node::integer(info.latest_schema_version));
    r.data.set("timezone", Node::string(info.timezone));
    auto& tables = r.data.set("tables", Node::array());
    for (auto& [name, rows] : info.row_counts) {
      auto& t = tables.push(Node::object());
      t.set("table", Node::string(name));
      t.set("rows", Node::integer(rows));
    }
    ctx.emit(r);
    return 0;
  }
  if (verb == "check") {
    parse(rest(args), {}, {});
    auto result = check_database(ctx.db());
    Report r;
    r.kind = "db_check";
    r.data.set("ok", Node::boolean(result.ok));
    auto& problems = r.data.set("problems", Node::array());
    for (auto& p : result.problems) problems.push(Node::string(p));
    if (!result.ok) {
      std::string all;
      for (auto& p : result.problems) all += "\n  " + p;
      if (ctx.render.format == "json") ctx.emit(r);
      throw Error(Errc::storage, tr("db check failed:") + all);
    }
    ctx.emit(r);
    return 0;
  }
  if (verb == "backup") {
    auto vm = parse(rest(args), {}, {"FILE"});
    backup_database(ctx.db(), req(vm, "FILE"));
    ctx.done(tr("backup written to {}", req(vm, "FILE")));
    return 0;
  }
  if (verb == "copy") {
    // Both databases are named here (FROM, TO as --db takes them); --db itself is not opened.
    auto vm = parse(rest(args), {}, {"FROM", "TO"});
    auto copied = copy_database(req(vm, "FROM"), req(vm, "TO"));
    Report r;
    r.kind = "db_copy";
    r.title = tr("Copied {} to {}", copied.from, copied.to);
    auto& tables = r.data.set("tables", Node::array());
    std::int64_t rows = 0;
    for (auto& [name, n] : copied.tables) {
      auto& t = tables.push(Node::object());
      t.set("table", Node::string(name));
      t.set("rows", Node::integer(n));
      rows += n;
    }
    r.data.set("rows", Node::integer(rows));
    r.data.set("audit_entries", Node::integer(copied.audit_entries));
    auto& reports = r.data.set("reports_compared", Node::array());
    for (auto& name : copied.reports) reports.push(Node::string(name));
    ctx.emit(r);
    return 0;
  }
  unknown_verb("db", verb);
}

int cmd_settings(Context& ctx, const Args& args) {
  const std::string usage = "usage: cadre settings get [KEY] | settings set KEY VALUE\n" + tr("keys:") +
                            " timezone, min_presence, excellent_quota, weight_host, weight_home, weight_org\n";
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] == "get") {
    Args a = rest(args);
    if (a.size() > 1) throw Error(Errc::usage, tr("settings get takes at most one KEY"));
    ctx.emit(get_settings(ctx.db(), a.empty() ? "" : a[0]));
    return 0;
  }
  if (args[0] == "set") {
    auto vm = parse(rest(args), {}, {"KEY", "VALUE"});
    set_setting(ctx.db(), req(vm, "KEY"), req(vm, "VALUE"));
    ctx.done(req(vm, "KEY") + " = " + get_setting(ctx.db(), req(vm, "KEY")));
    return 0;
  }
  unknown_verb("settings", args[0]);
}

int cmd_audit(Context& ctx, const Args& args) {
  if (help_requested(args, "usage: cadre audit log [--since DATE] | audit verify [--anchor HASH] | audit anchor\n",
                     ctx))
    return 0;
  if (args[0] == "log") {
    po::options_description o;
    o.add_options()("since", po::value<std::string>(), tr("entries on or after DATE").c_str());
    auto vm = parse(rest(args), o, {});
    auto since = opt(vm, "since");
    ctx.emit(audit_log(ctx.db(), since ? std::optional(parse_date(*since, "since")) : std::nullopt));
    return 0;
  }
  if (args[0] == "verify") {
    po::options_description o;
    o.add_options()("anchor", po::value<std::string>(), tr("HASH or SEQ:HASH printed earlier by audit anchor").c_str());
    auto vm = parse(rest(args), o, {});
    auto anchor = opt(vm, "anchor");
    auto v = anchor ? verify_audit(ctx.db(), *anchor) : verify_audit(ctx.db());
    if (!v.ok) {
      std::string all;
      for (auto& p : v.problems) all += "\n  " + p;
      throw Error(Errc::storage, tr("audit verify failed:") + all);
    }
    Node extra = Node::object();
    extra.set("entries", Node::integer(v.entries));
    ctx.done(tr("audit chain intact ({} entries)", v.entries), extra);
    return 0;
  }
  if (args[0] == "anchor") {
    parse(rest(args), {}, {});
    auto a = audit_anchor(ctx.db());
    Node extra = Node::object();
    extra.set("entries", Node::integer(a.entries));
    extra.set("hash", Node::string(a.hash));
    ctx.done(tr("audit anchor: {} {}", a.entries, a.hash), extra);
    return 0;
  }
  unknown_verb("audit", args[0]);
}

}  // namespace cadre::cli
