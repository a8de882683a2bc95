// Internal: the append-only, hash-chained audit log. Every change appends one entry inside the
// transaction that makes the change, so the log and the data can never disagree.
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace cadre::detail {

// operation: "add", "update", "delete", "import", ...; entity: "unit", "person", ...
void audit(Database::Impl& impl, std::string_view operation, std::string_view entity,
           std::string_view entity_key, const nlohmann::json& before, const nlohmann::json& after);

// The SHA-256 (hex) of an entry's fields; state is the data digests the entry vouches for ("" in
// entries written before schema 6).
std::string entry_hash(std::int64_t seq, const std::string& at, const std::string& actor, const std::string& op,
                       const std::string& entity, const std::string& key, const std::string& before,
                       const std::string& after, const std::string& prev, const std::string& state);

// Problems found walking the chain (edited, deleted or reordered entries); empty when intact.
std::vector<std::string> verify_audit_chain(Database::Impl& impl);

}  // namespace cadre::detail
