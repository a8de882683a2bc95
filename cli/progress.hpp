// A progress bar on stderr for an import that takes longer than a second: drawn only when stderr
// is a terminal (a script's or a log's stderr gets nothing), cleared when the command ends.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>

namespace cadre::cli {

class ProgressBar {
 public:
  ProgressBar();
  ~ProgressBar();  // clears the line it drew
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // What ImportOptions::progress calls; empty when stderr is not a terminal.
  std::function<void(double, std::int64_t)> callback();

 private:
  void draw(double fraction, std::int64_t rows);
  using Clock = std::chrono::steady_clock;
  bool terminal_;
  bool drawn_ = false;
  Clock::time_point start_, last_;
};

}  // namespace cadre::cli
