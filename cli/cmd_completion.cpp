// completion (hidden): `cadre completion bash` prints a bash completion script whose word lists come
// from the command table and each group's own usage text, which in turn read the library's
// registries (report kinds, import kinds, enum values). The build writes it once and installs it to
// share/bash-completion/completions/cadre, so completing never has to run cadre.
#include <fmt/format.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cadre/database.hpp"
#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "context.hpp"

namespace cadre::cli {
namespace {

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t i = 0;
  for (size_t j; (j = s.find(sep, i)) != std::string::npos; i = j + sep.size()) out.push_back(s.substr(i, j - i));
  out.push_back(s.substr(i));
  return out;
}

bool is_word(const std::string& w) { return std::regex_match(w, std::regex("[a-z][a-z_-]*")); }

// The verbs of a group, from its summary in the command table: "init | info | check | backup FILE",
// "course | person | ...", or the import kinds "units|people|...|tasks FILE". A summary that starts
// with an argument (COURSE STAFF_NO...) has none.
std::vector<std::string> verbs_of(const std::string& summary) {
  std::vector<std::string> verbs;
  auto alternatives = split(summary, " | ");
  for (const auto& alt : alternatives) {
    std::string first = alt.substr(0, alt.find(' '));
    auto words = alternatives.size() == 1 ? split(first, "|") : std::vector<std::string>{first};
    for (const auto& w : words)
      if (is_word(w)) verbs.push_back(w);
  }
  return verbs;
}

// What `cadre GROUP --help` prints, in English whatever --lang is: the completion parses it and
// the manual page is in English.
std::string english_usage(Context& ctx, const Command& c) {
  struct Restore {
    Context& ctx;
    std::ostream* out;
    std::string lang;
    ~Restore() {
      ctx.out = out;
      set_language(lang);
    }
  } restore{ctx, ctx.out, std::string(language())};
  std::ostringstream usage;
  ctx.out = &usage;
  set_language("en");
  c.run(ctx, {"--help"});
  return usage.str();
}

struct GroupWords {
  std::vector<std::string> verbs;
  std::set<std::string> options;                        // --name
  std::map<std::string, std::set<std::string>> values;  // --name -> the words it takes
};

// Options and their enumerated values, from the syntax lines of a group's usage text (English).
void read_usage(const std::string& usage, GroupWords& g) {
  static const std::regex option("(^|[ \\[])(--[a-z][a-z-]*)( ([a-z0-9_-]+(\\|[a-z0-9_-]+)+))?");
  std::istringstream in(usage);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("usage: ", 0) != 0 && line.rfind(" ", 0) != 0) continue;  // an explanation
    for (std::sregex_iterator m(line.begin(), line.end(), option), end; m != end; ++m) {
      g.options.insert((*m)[2]);
      if ((*m)[4].matched)
        for (const auto& v : split((*m)[4], "|")) g.values[(*m)[2]].insert(v);
    }
  }
}

std::string join(const auto& words) {
  std::string s;
  for (const auto& w : words) s.append(s.empty() ? "" : " ").append(w);
  return s;
}

std::string bash_script(Context& ctx) {
  std::map<std::string, GroupWords> groups;
  std::vector<std::string> names;
  for (const auto& c : commands()) {
    GroupWords& g = groups[c.name];
    names.push_back(c.name);
    g.verbs = verbs_of(c.summary);
    read_usage(english_usage(ctx, c), g);
  }

  std::string verbs_case, options_case, values_case;
  for (const auto& name : names) {
    const GroupWords& g = groups[name];
    if (!g.verbs.empty()) verbs_case += fmt::format("    {}) words=\"{}\" ;;\n", name, join(g.verbs));
    options_case += fmt::format("    {}) words=\"{}\" ;;\n", name, join(g.options));
    for (const auto& [option, values] : g.values)
      values_case += fmt::format("    {}:{}) words=\"{}\" ;;\n", name, option, join(values));
  }
  // Globals: their values are completed the same way in every group.
  return fmt::format(R"(# bash completion for cadre, written by `cadre completion bash`.
_cadre() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
  local i w group= verb= words=
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${{COMP_WORDS[i]}}
    case $w in
      --db | --format | --lang | --actor | --output | -o) ((i++)) ;;
      -*) ;;
      *) if [ -z "$group" ]; then group=$w; elif [ -z "$verb" ]; then verb=$w; fi ;;
    esac
  done
  case $prev in
    --format) COMPREPLY=($(compgen -W "table json csv md html xlsx docx" -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W "en zh" -- "$cur")); return ;;
    --db | --output | -o | --device-map) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --actor) COMPREPLY=(); return ;;
  esac
  case $group:$prev in
{}  esac
  if [ -n "$words" ]; then COMPREPLY=($(compgen -W "$words" -- "$cur")); return; fi
  if [ -z "$group" ]; then
    case $cur in
      -*) words="--db --format --lang --actor --output -o --help --version" ;;
      *) words="{} help" ;;
    esac
  elif [[ $cur == -* ]]; then
    case $group in
{}    esac
    words="$words --help"
  elif [ -z "$verb" ]; then
    case $group in
{}    esac
  fi
  if [ -n "$words" ]; then COMPREPLY=($(compgen -W "$words" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
}}
complete -o filenames -F _cadre cadre
)",
                     values_case, join(names), options_case, verbs_case);
}

// roff text: a backslash is written \e, a minus \- (so options copy as typed), and a line may
// not start with . or '.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\\' ? std::string("\\e") : c == '-' ? std::string("\\-") : std::string(1, c);
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

// The manual page: the fixed sections by hand, COMMANDS from the command table and each group's
// usage text (so it lists what this build accepts).
std::string man_page(Context& ctx) {
  std::string sections;
  for (const auto& c : commands()) {
    sections += fmt::format(".SS {}\n.nf\n", c.name);
    std::istringstream in(english_usage(ctx, c));
    for (std::string line; std::getline(in, line);)
      // "usage: " off the first line, and the 7 columns it took off the lines aligned under it
      sections += roff(line.rfind("usage: ", 0) == 0 || line.rfind("       ", 0) == 0 ? line.substr(7) : line) + "\n";
    sections += ".fi\n";
  }
  return fmt::format(R"(.TH CADRE 1 "" "cadre {}" "User Commands"
.SH NAME
cadre \- training and secondment records of cadres
.SH SYNOPSIS
.B cadre
[\fB\-\-db\fR \fIPATH\fR] [\fB\-\-format\fR table|json|csv|md|html|xlsx] [\fB\-\-lang\fR en|zh]
[\fB\-\-actor\fR \fINAME\fR] [\fB\-o\fR \fIFILE\fR] \fIGROUP\fR \fIVERB\fR ...
.SH DESCRIPTION
.B cadre
keeps the training (courses, sessions, enrolment, attendance, assessment, feedback, hours) and the
temporary secondments (check-ins, leave, monthly reports, appraisal, tasks) of cadres in one SQLite
database, and prints the reports a superior asks for, each flag naming the rule that raised it.
Imports are all-or-nothing; a failed command changes nothing.
.SH OPTIONS
Global options may stand anywhere on the line.
.TP
.BI \-\-db " PATH"
The database (default \fB$CADRE_DB\fR, else \fI$XDG_DATA_HOME/cadre/cadre.db\fR).
.TP
.BI \-\-format " table|json|csv|md|html|xlsx|docx"
How lists and reports are printed (xlsx and docx need \fB\-o\fR; docx is the form of \fBreport summary\fR).
.TP
.BI \-\-lang " en|zh"
The language of messages, labels and help.
.TP
.BI \-\-actor " NAME"
Who is recorded in the audit log (default \fB$USER\fR).
.TP
.BI \-o " FILE\fR, " \-\-output " FILE"
Write the report to FILE (replaced in one step, mode 0600).
.SH COMMANDS
{}.SH EXIT STATUS
0 ok, 2 usage, 3 invalid input, 4 not found, 5 conflict (duplicate, overlap, capacity, wrong approval
level), 6 storage (locked, corrupt, I/O).
.SH ENVIRONMENT
.TP
.B CADRE_DB
The database when \fB\-\-db\fR is not given.
.TP
.B CADRE_BUSY_TIMEOUT_MS
How long to wait for another writer, in milliseconds (0\-3600000; default 15000).
.TP
.B COLUMNS
The width tables are fitted to.
.SH SEE ALSO
.BR sqlite3 (1)
)",
                     version(), sections);
}

}  // namespace

int cmd_completion(Context& ctx, const Args& args) {
  const std::string usage = "usage: cadre completion bash | completion man\n";
  if (help_requested(args, usage, ctx)) return 0;
  if (args[0] != "bash" && args[0] != "man") unknown_verb("completion", args[0]);
  parse(rest(args), {}, {});
  ctx.write_out(args[0] == "bash" ? bash_script(ctx) : man_page(ctx));
  return 0;
}

}  // namespace cadre::cli
