// Internal: the storage of a spooled array (Node::spooled()). Items are encoded as they are added
// and written to a private temporary file (made with mkstemp in the temporary folder and unlinked at
// once, so nothing is left behind and nobody else can open it); each_item() reads them back in
// order, one at a time, through a small buffer.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cadre/model.hpp"

namespace cadre::detail {

class Spool {
 public:
  Spool();
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  void add(const Node& item);
  void each(const std::function<void(const Node&)>& f) const;
  std::size_t size() const { return count_; }
  const std::vector<std::string>& columns() const { return columns_; }
  bool all_objects() const { return all_objects_; }
  // Every item in memory, read once and kept (for callers that index an array).
  const Node::Array& materialized() const;

 private:
  void flush() const;
  int fd_ = -1;
  std::size_t count_ = 0;
  mutable std::uint64_t written_ = 0;  // bytes in the file
  mutable std::string pending_;        // encoded items not yet written
  std::string scratch_;
  std::vector<std::string> columns_;
  bool all_objects_ = true;
  mutable std::optional<Node::Array> memory_;
};

// The binary form of a node in a spool.
struct NodeCodec {
  static void encode(std::string& out, const Node& n);
  static Node decode(const char*& p, const char* end);
};

}  // namespace cadre::detail
