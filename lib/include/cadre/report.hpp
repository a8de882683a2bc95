// The reports of the CLI contract, built by the library and rendered by cadre::render.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

struct ReportRequest {
  std::string kind;  // course | person | secondment | secondments | hours
  std::string key;   // course code, staff number, secondment id, batch (may be empty), year
  std::optional<std::string> as_of;  // YYYY-MM-DD, default today in the database time zone
  std::optional<std::string> batch;  // secondments
  std::optional<std::string> host;   // secondments: host unit code
  std::optional<std::string> unit;   // hours: unit code
};

// Dispatches on kind (a report kind, not a list); Error(usage) for an unknown kind.
CADRE_API Report build_report(Database& db, const ReportRequest& request);

// What a kind's builder receives: the key as given (NULL and "" kept apart for the lists) and the
// options, each absent when not given.
struct ReportArgs {
  std::optional<std::string> key, as_of, batch, host, unit;
};

// The options a kind reads besides its key (bits of ReportKind::options).
enum ReportOption : unsigned { report_as_of = 1, report_host = 2, report_unit = 4 };
enum class ReportKey { none, required, optional };

// One kind of report or list, as the registry (compose/registry.cpp) lists it: the CLI's `report`
// usage and parsing, the C API's cadre_report and build_report all read it.
struct ReportKind {
  std::string_view name;
  std::string_view key;  // what the key names, as the usage shows it ("CODE"); empty: none
  ReportKey key_use;
  std::string_view key_option;  // the CLI takes the key as this option ("year"); empty: positional
  unsigned options;             // ReportOption bits
  bool list;                    // a list of the C API only (the CLI has a command of its own for it)
  Report (*build)(Database& db, const ReportArgs& args);
};

// Every kind, reports first, in the order the usage shows them.
CADRE_API std::span<const ReportKind> report_kinds();
// The kind called `name`, or nullptr.
CADRE_API const ReportKind* find_report_kind(std::string_view name);

}  // namespace cadre
