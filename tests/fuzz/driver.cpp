// A bounded fuzz run without libFuzzer (gcc builds, CI): links one fuzz_*.cpp target, runs it over
// every file of its seed corpus, then over deterministic mutations of them for a few seconds.
//   driver CORPUS_DIR [SECONDS]
// A crash or a trap in the target fails the test as under libFuzzer; the input is then written to
// crash-input in the working folder, so it can be replayed with the real fuzzer.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

const std::string* current = nullptr;

// On a crash: keep the input that caused it (only async-signal-safe calls), then die of the signal.
extern "C" void on_crash(int sig) {
  if (current) {
    int fd = ::open("crash-input", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      ssize_t ignored = ::write(fd, current->data(), current->size());
      (void)ignored;
      ::close(fd);
    }
    static const char say[] = "fuzz driver: the target crashed; its input is in crash-input\n";
    ssize_t ignored = ::write(2, say, sizeof say - 1);
    (void)ignored;
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void run(const std::string& input) {
  current = &input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  current = nullptr;
}

// Byte-level edits in the spirit of libFuzzer's: bytes that matter to CSV and attlog parsers,
// random bytes, erasures, repeats and splices from another seed.
std::string mutate(const std::vector<std::string>& seeds, std::mt19937_64& rng) {
  static const std::string alphabet("\0,\"\r\n \t\xEF\xBB\xBF\xE5\x90\x8D\xFF\xC0\x80:-T+Z0123456789", 29);
  std::string s = seeds[rng() % seeds.size()];
  int edits = 1 + int(rng() % 8);
  for (int i = 0; i < edits; ++i) {
    std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 6) {
      case 0:
        s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
        break;
      case 1:
        if (pos < s.size()) s.erase(pos, 1 + rng() % 4);
        break;
      case 2:
        if (pos < s.size()) s[pos] = alphabet[rng() % alphabet.size()];
        break;
      case 3:
        if (pos < s.size()) s[pos] = char(rng());
        break;
      case 4:
        s.insert(pos, s.substr(rng() % (s.size() + 1), rng() % 64));
        break;
      case 5: {
        const std::string& other = seeds[rng() % seeds.size()];
        s.insert(pos, other.substr(rng() % (other.size() + 1), rng() % 128));
        break;
      }
    }
    if (s.size() > 8192) s.resize(8192);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [SECONDS]\n", argv[0]);
    return 2;
  }
  double seconds = argc > 2 ? std::stod(argv[2]) : 3;
  for (int sig : {SIGSEGV, SIGILL, SIGABRT, SIGFPE, SIGBUS, SIGTRAP}) std::signal(sig, on_crash);
  std::vector<std::string> seeds;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(argv[1]))
    if (e.is_regular_file()) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());  // the same order, hence the same mutations, every run
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (seeds.empty()) seeds.emplace_back();
  for (const auto& s : seeds) run(s);
  std::mt19937_64 rng(20260622);
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  long runs = long(seeds.size());
  while (std::chrono::steady_clock::now() < until) {
    for (int i = 0; i < 64; ++i, ++runs) run(mutate(seeds, rng));
  }
  std::printf("%ld runs over %zu seeds: no finding\n", runs, seeds.size());
  return 0;
}
