// What every command receives: the global options, the database (opened on first use) and the
// output. Commands parse their own arguments, call the library, and emit a report model.
#pragma once
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/i18n.hpp"
#include "cadre/model.hpp"
#include "cadre/render.hpp"

namespace cadre::cli {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

struct Context {
  std::string db_path;
  std::string actor;
  RenderOptions render;
  std::optional<std::string> output_file;  // -o FILE
  std::ostream* out = &std::cout;

  Database& db();
  // Renders a report in the chosen format to stdout (or -o FILE).
  void emit(const Report& report);
  // Bytes already in their final form (a report, an iCalendar file) to stdout or -o FILE.
  void write_out(std::string_view bytes);
  // A change succeeded: one line of text, or {"ok": true, ...} in JSON.
  void done(const std::string& message, Node extra = Node::object());

 private:
  std::unique_ptr<Database> db_;
};

// Parses `args` against `options`, with `positional` naming the positional arguments in order
// (the last may repeat when `repeat_last`). Unknown options and missing values are usage errors.
// Options that each take one text value, parsed later by the text layer (cadre/parse.hpp).
inline po::options_description string_options(std::initializer_list<const char*> names) {
  po::options_description o;
  for (const char* n : names) o.add_options()(n, po::value<std::string>());
  return o;
}
po::variables_map parse(const Args& args, const po::options_description& options,
                        const std::vector<std::string>& positional, bool repeat_last = false);

// A message for the user: the English template translated into --lang, then formatted.
template <typename... A>
std::string tr(std::string_view english, A&&... args) {
  return fmt::format(fmt::runtime(std::string(translate(english, language()))), std::forward<A>(args)...);
}

// An enum word in --lang: the catalogue's "field.word" entry, else "word"'s, else the word itself.
inline std::string word(std::string_view field, std::string_view value) {
  std::string id = std::string(field) + "." + std::string(value);
  std::string_view t = translate(id, language());
  if (t != id) return std::string(t);
  return std::string(translate(value, language()));
}

// The values of a repeated positional (STAFF_NO...); none when not given.
inline std::vector<std::string> many(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return {};
  return vm[name].as<std::vector<std::string>>();
}

// Optional string of a parsed option.
std::optional<std::string> opt(const po::variables_map& vm, const char* name);
std::string req(const po::variables_map& vm, const char* name);

// A usage text in --lang: "usage: " at the start of a line translated, the rest as given (its
// explanations are translated where it is built; its syntax is what the user types).
std::string localized_usage(const std::string& usage);
// Prints `usage` for --help/-h/help and returns true; throws Error(usage) when args is empty.
bool help_requested(const Args& args, const std::string& usage, Context& ctx);
// The arguments after the verb.
inline Args rest(const Args& args) { return Args(args.begin() + 1, args.end()); }
// Error(usage) for an unknown verb of a group.
[[noreturn]] void unknown_verb(const std::string& group, const std::string& verb);

// A group of commands: `cadre GROUP VERB ...`.
struct Command {
  const char* name;
  const char* summary;
  int (*run)(Context& ctx, const Args& args);
};
const std::vector<Command>& commands();

// One function per command group (one file each).
int cmd_db(Context&, const Args&);
int cmd_settings(Context&, const Args&);
int cmd_unit(Context&, const Args&);
int cmd_person(Context&, const Args&);
int cmd_calendar(Context&, const Args&);
int cmd_audit(Context&, const Args&);
int cmd_import(Context&, const Args&);
int cmd_report(Context&, const Args&);
// cmd_training.cpp
int cmd_course(Context&, const Args&);
int cmd_session(Context&, const Args&);
int cmd_enrol(Context&, const Args&);
int cmd_withdraw(Context&, const Args&);
int cmd_attend(Context&, const Args&);
int cmd_assess(Context&, const Args&);
int cmd_feedback(Context&, const Args&);
int cmd_hours(Context&, const Args&);
int cmd_export(Context&, const Args&);
// cmd_callup.cpp
int cmd_quota(Context&, const Args&);
int cmd_nominate(Context&, const Args&);
int cmd_nomination(Context&, const Args&);
int cmd_arrive(Context&, const Args&);
// cmd_certificate.cpp
int cmd_certificate(Context&, const Args&);
// cmd_secondment.cpp
int cmd_secondment(Context&, const Args&);
int cmd_checkin(Context&, const Args&);
int cmd_leave(Context&, const Args&);
int cmd_log(Context&, const Args&);
int cmd_opinion(Context&, const Args&);
int cmd_evaluate(Context&, const Args&);
// cmd_task.cpp
int cmd_task(Context&, const Args&);
// cmd_completion.cpp (not in the command table)
int cmd_completion(Context&, const Args&);

// cmd_presence.cpp
int cmd_trip(Context&, const Args&);
int cmd_spotcheck(Context&, const Args&);

}  // namespace cadre::cli
