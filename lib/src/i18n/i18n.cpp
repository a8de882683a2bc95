#include <fmt/format.h>

#include <algorithm>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "i18n/catalogue.hpp"

namespace cadre {

namespace {
thread_local std::string current_language = "en";

const detail::CatalogueEntry* find_in(std::span<const detail::CatalogueEntry> cat, std::string_view id) {
  auto it = std::lower_bound(cat.begin(), cat.end(), id,
                             [](const detail::CatalogueEntry& e, std::string_view k) { return e.id < k; });
  return it != cat.end() && it->id == id ? &*it : nullptr;
}

std::vector<detail::CatalogueFragment>& fragments() {
  static std::vector<detail::CatalogueFragment> all;
  return all;
}

// The table first, then each area's fragment (an id is in one of them only).
const detail::CatalogueEntry* lookup(std::string_view id) {
  if (auto* e = find_in(detail::catalogue_zh(), id)) return e;
  for (const auto& f : fragments())
    if (auto* e = find_in(f.entries, id)) return e;
  return nullptr;
}
}  // namespace

namespace detail {
bool register_catalogue_fragment(std::string_view area, std::span<const CatalogueEntry> entries) {
  fragments().push_back({area, entries});
  return true;
}

const std::vector<CatalogueFragment>& catalogue_fragments() { return fragments(); }
}  // namespace detail

void set_language(std::string_view lang) {
  // i18n sits below util (whose detail::fail translates through it), so it translates its one
  // message itself, as detail::fail would.
  if (lang != "en" && lang != "zh")
    throw Error(Errc::invalid,
                fmt::format(fmt::runtime(translate("--lang: unknown language (en or zh): {}", language())), lang),
                "--lang");
  current_language = std::string(lang);
}

std::string_view language() { return current_language; }

std::string_view translate(std::string_view english, std::string_view lang) {
  if (lang != "zh") return english;
  auto* e = lookup(english);
  return e ? e->zh : english;
}

std::string label(std::string_view key, std::string_view lang) {
  if (lang == "zh") {
    if (auto* e = lookup(key)) return std::string(e->zh);
  }
  // English label: the key with underscores as spaces, first letter capital.
  std::string out(key);
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
  return out;
}

}  // namespace cadre
