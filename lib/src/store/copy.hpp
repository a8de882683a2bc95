// Internal: the rows of one cadre database into another (`db copy`, `db backup` on PostgreSQL), either
// backend to either. compose/copy.cpp opens both, holds their transactions and adds the checks that
// need the layers above (the audit chain, the report figures).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace cadre::detail {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;  // copied, and counted again on both sides
};

// Inside the caller's transactions (a snapshot of src, a write transaction on dst): refuses a dst
// holding anything but a new database's seed (Error conflict), then copies every table of cadre's
// schema in dependency order with its ids as they are (the audit log and its head too; the running
// digests follow through dst's triggers), resets PostgreSQL's identity sequences, and verifies the
// row counts and the running digests against src's (Error storage on a difference).
std::vector<TableCopy> copy_rows(Database::Impl& src, Database::Impl& dst);

}  // namespace cadre::detail
