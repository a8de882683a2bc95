// Internal: the Chinese catalogue, one sorted table (see catalogue_zh.cpp).
#pragma once
#include <string_view>
#include <vector>

namespace cadre::detail {
struct CatalogueEntry {
  std::string_view id;  // the English message template, field key or enum word
  std::string_view zh;
};
// Sorted by id (checked by a test).
const std::vector<CatalogueEntry>& catalogue_zh();
}  // namespace cadre::detail
