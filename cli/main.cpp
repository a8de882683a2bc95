// cadre: the command line. Global options, the table of command groups, and the one place where
// errors become messages and exit codes.
#include <algorithm>
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>

#include "cadre/enums.hpp"
#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "cadre/report.hpp"
#include "cadre/text.hpp"
#include "context.hpp"
#include "output_file.hpp"

namespace cadre::cli {

namespace {
// A summary read from a library registry, kept for the program's life (the table points into it).
const char* keep(std::string summary) {
  static std::deque<std::string> kept;  // a deque never moves what it holds
  return kept.emplace_back(std::move(summary)).c_str();
}
std::string report_kinds_summary() {
  std::string s;
  for (const auto& k : report_kinds())
    if (!k.list) s += (s.empty() ? "" : " | ") + std::string(k.name);
  return s;
}
std::string import_kinds_summary() {
  std::string s;
  for (const auto& k : import_kind_names()) s += (s.empty() ? "" : "|") + k;
  return s + " FILE";
}
}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"db", "init | info | check | backup FILE | copy FROM TO", cmd_db},
      {"settings", "get [KEY] | set KEY VALUE", cmd_settings},
      {"unit", "add CODE --name N [--kind K] [--parent CODE] | list", cmd_unit},
      {"person", "add | list | show | update | promote", cmd_person},
      {"course", "add | list | show", cmd_course},
      {"session", "add COURSE --date D --start HH:MM --end HH:MM --title T", cmd_session},
      {"enrol", "COURSE STAFF_NO...", cmd_enrol},
      {"withdraw", "COURSE STAFF_NO [--reason R]", cmd_withdraw},
      {"attend", "COURSE SESSION_NO STAFF_NO... --status S", cmd_attend},
      {"assess", "COURSE STAFF_NO --component NAME --score S", cmd_assess},
      {"feedback", "COURSE SESSION_NO --by STAFF_NO --relevance N ...", cmd_feedback},
      {"quota", "set COURSE UNIT --places N", cmd_quota},
      {"nominate", "COURSE STAFF_NO... [--by NAME]", cmd_nominate},
      {"nomination", "approve | reject COURSE STAFF_NO --by NAME", cmd_nomination},
      {"arrive", "COURSE STAFF_NO [--on DATE]", cmd_arrive},
      {"certificate", "issue COURSE [STAFF_NO...] | verify NUMBER | revoke NUMBER --reason R | show NUMBER",
       cmd_certificate},
      {"hours", keep("add STAFF_NO --date D --hours H --kind " + enum_choices("hours_kind")), cmd_hours},
      {"secondment", "add | list | show | extend | end", cmd_secondment},
      {"checkin", "STAFF_NO [--at INSTANT] [--kind K] [--place P] [--makeup ...]", cmd_checkin},
      {"leave", "request | approve | reject | return | cancel", cmd_leave},
      {"trip", "add SECONDMENT_ID --from DATE --to DATE --purpose P", cmd_trip},
      {"spotcheck", "add SECONDMENT_ID --on DATE --result present|absent", cmd_spotcheck},
      {"log", "add SECONDMENT_ID --month YYYY-MM --text T [--insights T] [--problems T] [--plans T]", cmd_log},
      {"opinion", "add SECONDMENT_ID --by host|home|org --text T --signed-by NAME", cmd_opinion},
      {"evaluate", "SECONDMENT_ID --period P --rater R --conduct N ...", cmd_evaluate},
      {"task", "add | progress | done | list", cmd_task},
      {"report", keep(report_kinds_summary()), cmd_report},
      {"import", keep(import_kinds_summary()), cmd_import},
      {"export", "ics COURSE [-o FILE]", cmd_export},
      {"calendar", "import FILE | show YYYY-MM | workdays FROM TO", cmd_calendar},
      {"audit", "log [--since DATE] | verify [--anchor HASH] | anchor", cmd_audit},
  };
  return table;
}

namespace {

const char* kUsage =
    "usage: cadre [--db PATH] [--format table|json|csv|md|html|xlsx] [--lang en|zh] [--actor NAME]\n"
    "             [-o FILE] GROUP VERB ...\n\n";

void print_help(std::ostream& out, const std::string& lang) {
  out << localized_usage(kUsage) << translate("Commands:", lang) << "\n";
  for (const auto& c : commands()) {
    // In Chinese each group is named in words before its syntax ("help.db" 数据库); English keeps
    // the syntax alone, as scripts and tests have read it.
    std::string id = std::string("help.") + c.name;
    std::string_view what = translate(id, lang);
    if (what != id)
      out << fmt::format("  {:<11} {}：{}\n", c.name, what, c.summary);
    else
      out << fmt::format("  {:<11} {}\n", c.name, c.summary);
  }
  out << "\n" << translate("Run `cadre GROUP --help` for the options of a group.", lang) << "\n";
}

// `--db ''` is refused by check_globals, once the language of the message is known. (An empty
// $CADRE_DB still means "not set", the shell idiom `CADRE_DB= cadre ...`.)
bool empty_db_option = false;

// Global options may stand anywhere on the line; they are taken out before the group parses.
Args take_globals(int argc, char** argv, Context& ctx) {
  Args rest;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      std::string n = name;
      if (a == n) {
        if (i + 1 >= argc) throw Error(Errc::usage, tr("{}: missing value", n), n);
        return std::string(argv[++i]);
      }
      if (a.rfind(n + "=", 0) == 0) return a.substr(n.size() + 1);
      return std::nullopt;
    };
    if (auto v = value("--db")) {
      ctx.db_path = *v;
      empty_db_option = v->empty();
    } else if (auto v = value("--format"))
      ctx.render.format = *v;
    else if (auto v = value("--lang")) ctx.render.lang = *v;
    else if (auto v = value("--actor")) ctx.actor = *v;
    else if (auto v = value("--output")) ctx.output_file = *v;
    else if (auto v = value("-o")) ctx.output_file = *v;
    else rest.push_back(a);
  }
  return rest;
}

void check_globals(Context& ctx) {
  // The language first, so that every later message is in it.
  if (ctx.render.lang != "en" && ctx.render.lang != "zh") {
    std::string l = ctx.render.lang;
    ctx.render.lang = "en";
    throw Error(Errc::usage, tr("--lang: unknown language {} (en, zh)", l), "--lang");
  }
  set_language(ctx.render.lang);
  static const char* formats[] = {"table", "json", "csv", "md", "html", "xlsx", "docx"};
  bool ok = false;
  for (auto* f : formats) ok = ok || ctx.render.format == f;
  if (!ok) {
    std::string f = ctx.render.format;
    ctx.render.format = "table";
    throw Error(Errc::usage, tr("--format: unknown format {} (table, json, csv, md, html, xlsx)", f), "--format");
  }
  if (empty_db_option) throw Error(Errc::usage, tr("--db: the database path is empty"), "--db");
  if (ctx.db_path.empty()) ctx.db_path = default_database_path();
  if (!ctx.actor.empty()) {
    check_text(ctx.actor, "--actor");  // the actor is kept in the append-only audit log: text only
  } else {
    const char* user = std::getenv("USER");
    if (!user || !*user) {
      const passwd* pw = getpwuid(getuid());
      user = pw ? pw->pw_name : nullptr;
    }
    ctx.actor = user && *user ? user : "unknown";
    check_text(ctx.actor, "USER");
  }
  // Tables fit the terminal: $COLUMNS when set (so scripts and tests can ask for a width), else 80
  // on a terminal; piped output without COLUMNS is never cut.
  const char* cols = std::getenv("COLUMNS");
  int asked = cols ? std::atoi(cols) : 0;
  if (asked > 0) ctx.render.width = asked;
  else if (isatty(STDOUT_FILENO)) ctx.render.width = 80;
}

// `message_id`: the library message's stable code (cadre::Message::code), empty for text the CLI
// made itself; JSON gives it as "message_id" (null when empty) beside "code" and "message".
void report_error(const Context& ctx, const std::string& code, const std::string& raw_message,
                  const std::string& message_id = {}) {
  // Messages quote what was typed or stored: escape sequences and broken UTF-8 are shown, not sent.
  std::string message = printable(raw_message);
  if (ctx.render.format == "json") {
    std::string esc;
    for (char c : message) {
      switch (c) {
        case '"': esc += "\\\""; break;
        case '\\': esc += "\\\\"; break;
        case '\n': esc += "\\n"; break;
        case '\t': esc += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) esc += fmt::format("\\u{:04x}", int(c));
          else esc += c;
      }
    }
    std::string id = message_id.empty() ? "null" : "\"" + message_id + "\"";  // [m0-9a-f]: nothing to escape
    std::cerr << fmt::format("{{\"error\": {{\"code\": \"{}\", \"message\": \"{}\", \"message_id\": {}}}}}\n", code,
                             esc, id);
  } else {
    // The prefix is the contract scripts grep for (DESIGN.md); the message itself is in --lang.
    std::cerr << "cadre: error: " << message << "\n";
  }
}

// Boost's parser errors in the user's language (the common ones; others keep Boost's English).
std::string usage_message(const boost::program_options::error& e) {
  namespace po = boost::program_options;
  if (language() != "zh") return e.what();  // Boost's own English wording, as before
  if (auto* u = dynamic_cast<const po::unknown_option*>(&e)) return tr("unknown option {}", u->get_option_name());
  if (dynamic_cast<const po::too_many_positional_options_error*>(&e)) return tr("too many arguments");
  if (auto* m = dynamic_cast<const po::multiple_occurrences*>(&e))
    return tr("option {} is given more than once", m->get_option_name());
  if (auto* c = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    if (c->kind() == po::invalid_syntax::missing_parameter) return tr("{}: missing value", c->get_option_name());
  }
  return e.what();
}

}  // namespace

int run_command(Context& ctx, int argc, char** argv) {
  try {
    Args args = take_globals(argc, argv, ctx);
    check_globals(ctx);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
      if (args.size() >= 2) {
        for (const auto& c : commands())
          if (args[1] == c.name) return c.run(ctx, {"--help"});
      }
      print_help(args.empty() ? std::cerr : std::cout, ctx.render.lang);
      return args.empty() ? int(Errc::usage) : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
      std::cout << "cadre " << version() << "\n";
      return 0;
    }
    // -o is checked before the command runs: an import must not commit and then find that its
    // summary cannot be written (or that -o names the database).
    // `report summary --batch B -o DIR` names a folder: each of its files is checked as it is written.
    bool to_folder = args.size() >= 2 && args[0] == "report" && args[1] == "summary" &&
                     std::find(args.begin(), args.end(), "--batch") != args.end();
    if (ctx.output_file && !to_folder) check_output_target(*ctx.output_file, ctx.db_path);
    for (const auto& c : commands())
      if (args[0] == c.name) return c.run(ctx, Args(args.begin() + 1, args.end()));
    // Hidden from the command table: it is for packagers and shells, not clerks.
    if (args[0] == "completion") return cmd_completion(ctx, Args(args.begin() + 1, args.end()));
    throw Error(Errc::usage, fmt::format(fmt::runtime(std::string(translate(
                                             "unknown command {} (see cadre help)", ctx.render.lang))),
                                         args[0]));
  } catch (const Error& e) {
    // The library's message in --lang, made here (the edge), its fields spelled as options.
    report_error(ctx, errc_name(e.code()), name_fields(e.text(ctx.render.lang), FieldStyle::cli), e.message().code());
    return int(e.code());
  } catch (const boost::program_options::error& e) {
    report_error(ctx, "usage", usage_message(e));
    return int(Errc::usage);
  } catch (const std::bad_alloc&) {
    report_error(ctx, "storage", tr("out of memory"));
    return int(Errc::storage);
  } catch (const std::exception& e) {
    report_error(ctx, "internal", tr("internal error: {}", e.what()));
    return 1;
  }
}

// What was printed must have reached stdout: a full disk or a closed pipe may show only when the
// buffer is flushed, and a file system may report a late write error only at close. A command
// that failed already keeps its own error and exit code.
int finish_stdout(const Context& ctx, int code) {
  errno = 0;
  std::cout.flush();
  int err = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout.good()) err = errno ? errno : EIO;
  // Closing a duplicate reports a deferred error (NFS) without closing the stream C++ still owns.
  if (!err) {
    int fd = ::dup(STDOUT_FILENO);
    if (fd >= 0 && ::close(fd) != 0) err = errno;
  }
  if (!err || code != 0) return code;
  report_error(ctx, "storage", stdout_error(err));
  return int(Errc::storage);
}

int run(int argc, char** argv) {
  Context ctx;
  int code = run_command(ctx, argc, argv);
  return finish_stdout(ctx, code);
}

}  // namespace cadre::cli

int main(int argc, char** argv) { return cadre::cli::run(argc, argv); }
