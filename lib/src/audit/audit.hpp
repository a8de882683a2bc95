// Internal: the append-only, hash-chained audit log. Every change appends one entry inside the
// transaction that makes the change, so the log and the data can never disagree.
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace cadre::detail {

// operation: "add", "update", "delete", "import", ...; entity: "unit", "person", ...
void audit(Database::Impl& impl, std::string_view operation, std::string_view entity,
           std::string_view entity_key, const nlohmann::json& before, const nlohmann::json& after);

// An optional text as an entry records it: the text, or null.
inline nlohmann::json opt_json(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// Problems found walking the chain (edited, deleted or reordered entries); empty when intact.
std::vector<std::string> verify_audit_chain(Database::Impl& impl);

}  // namespace cadre::detail
