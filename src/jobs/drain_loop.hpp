// A thread that runs a pass every `period` until Stop(): the SMS outbox's dispatcher and the
// partners' feedback callbacks, which talk to servers outside and so run neither on the I/O
// threads nor inside a database transaction. A pass that handled a full batch runs again at once
// (more may be due); a pass that throws is logged and tried again after the period.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "common/clock.hpp"

namespace hejia::jobs {

class DrainLoop {
 public:
  /// `pass(now_ms)` returns how many items it handled; `batch` is the most one pass handles.
  DrainLoop(std::string name, const Clock& clock, std::chrono::milliseconds period, int batch,
            std::function<int(int64_t now_ms)> pass);
  ~DrainLoop();
  DrainLoop(const DrainLoop&) = delete;
  DrainLoop& operator=(const DrainLoop&) = delete;
  void Start();
  /// Ends the loop; a pass in progress finishes first.
  void Stop();

 private:
  void Run();
  std::string name_;
  const Clock& clock_;
  std::chrono::milliseconds period_;
  int batch_;
  std::function<int(int64_t)> pass_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace hejia::jobs
