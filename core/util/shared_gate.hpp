// SharedGate: shared holders run beside each other, an exclusive holder runs alone, and a waiting
// exclusive holder goes before shared ones that come after it (so a steady stream of shared holders cannot
// starve it; std::shared_mutex makes no such promise). kbench serve's host gate (timed evaluations alone)
// and the compiler gate (no compiler beside a baseline being timed, backends/compile_cache.hpp) are these.
#pragma once
#include <condition_variable>
#include <mutex>

namespace kbench {

class SharedGate {
 public:
  void lock_exclusive() {
    std::unique_lock lock(mutex_);
    ++exclusive_waiting_;
    changed_.wait(lock, [&] { return !exclusive_ && shared_ == 0; });
    --exclusive_waiting_;
    exclusive_ = true;
  }
  void unlock_exclusive() {
    std::unique_lock lock(mutex_);
    exclusive_ = false;
    changed_.notify_all();
  }
  void lock_shared() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !exclusive_ && exclusive_waiting_ == 0; });
    ++shared_;
  }
  void unlock_shared() {
    std::unique_lock lock(mutex_);
    --shared_;
    changed_.notify_all();
  }

  // Holds the gate for a scope: exclusively or shared.
  class Hold {
   public:
    Hold(SharedGate& gate, bool exclusive) : gate_(gate), exclusive_(exclusive) {
      exclusive_ ? gate_.lock_exclusive() : gate_.lock_shared();
    }
    ~Hold() { exclusive_ ? gate_.unlock_exclusive() : gate_.unlock_shared(); }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    SharedGate& gate_;
    bool exclusive_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int shared_ = 0, exclusive_waiting_ = 0;
  bool exclusive_ = false;
};

}  // namespace kbench
