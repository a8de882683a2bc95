#include "report/spool.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cadre/error.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

constexpr std::size_t kBuffer = 1 << 16;

[[noreturn]] void spool_failed(int err) {
  throw Error(Errc::storage, msg("cannot write a temporary file for a large report: {}", os_error_text(err)));
}

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_string(std::string& out, const std::string& s) {
  put(out, std::uint32_t(s.size()));
  out += s;
}
template <class T>
T get(const char*& p, const char* end) {
  T v;
  if (std::size_t(end - p) < sizeof v) throw std::logic_error("spool: truncated item");
  std::memcpy(&v, p, sizeof v);
  p += sizeof v;
  return v;
}
std::string get_string(const char*& p, const char* end) {
  auto n = get<std::uint32_t>(p, end);
  if (std::size_t(end - p) < n) throw std::logic_error("spool: truncated item");
  std::string s(p, n);
  p += n;
  return s;
}

void put_message(std::string& out, const Message& m) {
  put_string(out, m.id());
  if (m.id().empty()) {  // verbatim text: the same in every language
    put_string(out, m.render("en"));
    return;
  }
  put(out, std::uint32_t(m.args().size()));
  for (const auto& a : m.args()) {
    put(out, std::uint8_t(a.kind));
    put_string(out, a.text);
    put_string(out, a.field);
    put(out, std::uint8_t(a.message != nullptr));
    if (a.message) put_message(out, *a.message);
  }
}
Message get_message(const char*& p, const char* end) {
  std::string id = get_string(p, end);
  if (id.empty()) return Message::verbatim(get_string(p, end));
  auto n = get<std::uint32_t>(p, end);
  std::vector<Message::Arg> args(n);
  for (auto& a : args) {
    a.kind = Message::Arg::Kind(get<std::uint8_t>(p, end));
    a.text = get_string(p, end);
    a.field = get_string(p, end);
    if (get<std::uint8_t>(p, end)) a.message = std::make_shared<const Message>(get_message(p, end));
  }
  return Message(std::move(id), std::move(args));
}

}  // namespace

void NodeCodec::encode(std::string& out, const Node& n) {
  put(out, std::uint8_t(n.v_.index()));
  put(out, std::uint8_t(n.hint_));
  switch (n.v_.index()) {
    case 0:
      break;
    case 1:
      put(out, std::uint8_t(std::get<bool>(n.v_)));
      break;
    case 2:
      put(out, std::get<std::int64_t>(n.v_));
      break;
    case 3:
      put(out, std::get<double>(n.v_));
      break;
    case 4:
      put_string(out, std::get<std::string>(n.v_));
      break;
    case 5: {
      const auto& a = std::get<Node::Array>(n.v_);
      put(out, std::uint32_t(a.size()));
      for (const auto& i : a) encode(out, i);
      break;
    }
    case 6: {
      const auto& o = std::get<Node::Object>(n.v_);
      put(out, std::uint32_t(o.size()));
      for (const auto& [k, v] : o) {
        put_string(out, k);
        encode(out, v);
      }
      break;
    }
    case Node::kText: {
      const auto& t = *std::get<Node::kText>(n.v_);
      put_string(out, t.made);
      put_message(out, t.message);
      break;
    }
    default:
      throw std::logic_error("spool: a spooled array inside a spooled array");
  }
}

Node NodeCodec::decode(const char*& p, const char* end) {
  Node n;
  auto index = get<std::uint8_t>(p, end);
  n.hint_ = Hint(get<std::uint8_t>(p, end));
  switch (index) {
    case 0:
      break;
    case 1:
      n.v_ = get<std::uint8_t>(p, end) != 0;
      break;
    case 2:
      n.v_ = get<std::int64_t>(p, end);
      break;
    case 3:
      n.v_ = get<double>(p, end);
      break;
    case 4:
      n.v_ = get_string(p, end);
      break;
    case 5: {
      Node::Array a(get<std::uint32_t>(p, end));
      for (auto& i : a) i = decode(p, end);
      n.v_ = std::move(a);
      break;
    }
    case 6: {
      Node::Object o(get<std::uint32_t>(p, end));
      for (auto& [k, v] : o) {
        k = get_string(p, end);
        v = decode(p, end);
      }
      n.v_ = std::move(o);
      break;
    }
    case Node::kText: {
      std::string made = get_string(p, end);
      Message m = get_message(p, end);
      n.v_ = std::make_shared<const Node::Text>(Node::Text{std::move(made), std::move(m)});
      break;
    }
    default:
      throw std::logic_error("spool: unknown item");
  }
  return n;
}

Spool::Spool() {
  std::string path = (std::filesystem::temp_directory_path() / "cadre-report-XXXXXX").string();
  fd_ = ::mkstemp(path.data());
  if (fd_ < 0) spool_failed(errno);
  ::unlink(path.c_str());
}

Spool::~Spool() {
  if (fd_ >= 0) ::close(fd_);
}

void Spool::add(const Node& item) {
  if (item.type() == Node::Type::object) {
    for (const auto& [k, v] : item.members())
      if (std::find(columns_.begin(), columns_.end(), k) == columns_.end()) columns_.push_back(k);
  } else {
    all_objects_ = false;
  }
  scratch_.clear();
  NodeCodec::encode(scratch_, item);
  put(pending_, std::uint32_t(scratch_.size()));
  pending_ += scratch_;
  ++count_;
  if (memory_) memory_->push_back(item);
  if (pending_.size() >= kBuffer) flush();
}

void Spool::flush() const {
  std::size_t done = 0;
  while (done < pending_.size()) {
    ssize_t n = ::pwrite(fd_, pending_.data() + done, pending_.size() - done, off_t(written_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) spool_failed(n < 0 ? errno : EIO);
    done += std::size_t(n);
  }
  written_ += pending_.size();
  pending_.clear();
}

void Spool::each(const std::function<void(const Node&)>& f) const {
  if (memory_) {
    for (const auto& n : *memory_) f(n);
    return;
  }
  flush();
  std::string buf;
  std::uint64_t at = 0;
  std::size_t used = 0;                // of buf, already decoded
  auto fill = [&](std::size_t need) {  // at least `need` bytes after `used` in buf
    if (buf.size() - used >= need) return;
    buf.erase(0, used);
    used = 0;
    std::size_t want = std::max(need, kBuffer);
    std::size_t old = buf.size();
    buf.resize(old + want);
    std::size_t got = 0;
    while (got < want && at < written_) {
      ssize_t n = ::pread(fd_, buf.data() + old + got, want - got, off_t(at));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) spool_failed(n < 0 ? errno : EIO);
      got += std::size_t(n);
      at += std::uint64_t(n);
    }
    buf.resize(old + got);
    if (buf.size() < need) throw std::logic_error("spool: truncated file");
  };
  for (std::size_t i = 0; i < count_; ++i) {
    fill(sizeof(std::uint32_t));
    std::uint32_t len;
    std::memcpy(&len, buf.data() + used, sizeof len);
    used += sizeof len;
    fill(len);
    const char* p = buf.data() + used;
    Node n = NodeCodec::decode(p, p + len);
    used += len;
    f(n);
  }
}

const Node::Array& Spool::materialized() const {
  if (!memory_) {
    Node::Array all;
    all.reserve(count_);
    each([&](const Node& n) { all.push_back(n); });
    memory_ = std::move(all);
  }
  return *memory_;
}

}  // namespace cadre::detail
