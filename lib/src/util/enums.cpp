#include "util/enums.hpp"

#include <iterator>
#include <stdexcept>

#include "cadre/enums.hpp"
#include "cadre/i18n.hpp"
#include "util/text.hpp"

namespace cadre {
namespace detail {
namespace {
// Built on first use, so an area's registration may run before or after this file's initialisers.
std::deque<EnumSpec>& registry() {
  static std::deque<EnumSpec> sets(std::begin(enums::builtin), std::end(enums::builtin));
  return sets;
}
}  // namespace

std::deque<EnumSpec>::const_iterator enums::Registry::begin() const { return registry().cbegin(); }
std::deque<EnumSpec>::const_iterator enums::Registry::end() const { return registry().cend(); }

bool register_enum(const EnumSpec& spec) {
  registry().push_back(spec);
  return true;
}

const EnumSpec* find_enum(std::string_view name) {
  for (const auto& e : enums::all)
    if (e.name == name) return &e;
  return nullptr;
}

std::string word_list(const std::vector<std::string>& words) { return join(words, language() == "zh" ? "、" : ", "); }

}  // namespace detail

std::vector<std::string> enum_names() {
  std::vector<std::string> names;
  for (const auto& e : detail::enums::all) names.emplace_back(e.name);
  return names;
}

std::vector<std::string> enum_values(std::string_view name) {
  const detail::EnumSpec* e = detail::find_enum(name);
  if (!e) throw std::invalid_argument("cadre::enum_values: no value set " + std::string(name));
  return {e->values.begin(), e->values.end()};
}

std::string enum_choices(std::string_view name, std::string_view sep) { return detail::join(enum_values(name), sep); }

}  // namespace cadre
