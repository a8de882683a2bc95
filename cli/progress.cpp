#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace cadre::cli {

namespace {
constexpr auto kAfter = std::chrono::seconds(1);         // quick commands never show a bar
constexpr auto kEvery = std::chrono::milliseconds(100);  // redraws at most this often
constexpr int kWidth = 30;
}  // namespace

ProgressBar::ProgressBar() : terminal_(::isatty(STDERR_FILENO) == 1), start_(Clock::now()) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputs("\r\x1b[K", stderr);
}

std::function<void(double, std::int64_t)> ProgressBar::callback() {
  if (!terminal_) return {};
  return [this](double fraction, std::int64_t rows) { draw(fraction, rows); };
}

void ProgressBar::draw(double fraction, std::int64_t rows) {
  auto now = Clock::now();
  if (now - start_ < kAfter || (drawn_ && now - last_ < kEvery)) return;
  last_ = now;
  drawn_ = true;
  std::string line;
  if (fraction >= 0) {
    int filled = int(fraction * kWidth + 0.5);
    line = fmt::format("\r[{}{}] {:3d}%  {} rows", std::string(std::size_t(filled), '#'),
                       std::string(std::size_t(kWidth - filled), '-'), int(fraction * 100), rows);
  } else {
    line = fmt::format("\r{} rows", rows);
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace cadre::cli
