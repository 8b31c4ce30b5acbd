// HostGate: who may run beside whom. A timed evaluation runs alone (nothing else of kbench's on the cores
// or the device while it is timed: the measurement guarantees of docs/architecture.md hold as in
// `kbench eval`); verify-only evaluations may share the machine with each other. A waiting timed evaluation
// goes before verify-only ones that come after it, so a steady stream of those cannot starve it.
#pragma once
#include <condition_variable>
#include <mutex>

namespace kbench::serve {

class HostGate {
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

  // Holds the gate for one evaluation: exclusively when it is timed.
  class Hold {
   public:
    Hold(HostGate& gate, bool exclusive) : gate_(gate), exclusive_(exclusive) {
      exclusive_ ? gate_.lock_exclusive() : gate_.lock_shared();
    }
    ~Hold() { exclusive_ ? gate_.unlock_exclusive() : gate_.unlock_shared(); }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    HostGate& gate_;
    bool exclusive_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int shared_ = 0, exclusive_waiting_ = 0;
  bool exclusive_ = false;
};

}  // namespace kbench::serve
