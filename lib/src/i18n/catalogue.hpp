// Internal: the Chinese catalogue: one sorted table (see catalogue_zh.cpp) and the fragments areas
// keep beside what they name (the labels and words of a field table).
#pragma once
#include <span>
#include <string_view>
#include <vector>

namespace cadre::detail {
struct CatalogueEntry {
  std::string_view id;  // the English message template, field key or enum word
  std::string_view zh;
};
// Sorted by id (checked by a test).
const std::vector<CatalogueEntry>& catalogue_zh();

// An area's own entries, sorted by id; an id lives in one place only, the table or one fragment
// (tests/unit/test_arch_fields.cpp checks both).
struct CatalogueFragment {
  std::string_view area;  // "secondment"
  std::span<const CatalogueEntry> entries;
};
// Adds a fragment whose entries outlive the program; returns true, for a namespace-scope
// initialiser (every fragment registers while the library loads, before any lookup).
bool register_catalogue_fragment(std::string_view area, std::span<const CatalogueEntry> entries);
const std::vector<CatalogueFragment>& catalogue_fragments();
}  // namespace cadre::detail
