// DeviceLock: keeps a reference timing clean across kbench processes sharing a device and a cache folder.
// An evaluation holds the device's lock file shared (flock) from the moment its candidate is loaded until
// its worker is gone; a baseline timing that will be kept for other candidates (and other processes:
// ReferenceTimings::persist_in) holds it exclusively, so it waits until no candidate of any such process is
// on the device, and none is loaded while it runs. Within one process the evaluator's stages (and kbench
// serve's host gate) already order these; the lock adds the processes beside it. Processes of other users
// (other cache folders) are not coordinated.
#pragma once
#include <filesystem>

namespace kbench {

class DeviceLock {
 public:
  DeviceLock() = default;  // no file: every call does nothing and exclusive() answers true
  explicit DeviceLock(const std::filesystem::path& file);  // throws std::system_error when it cannot open it
  ~DeviceLock();
  DeviceLock(DeviceLock&& other) noexcept;
  DeviceLock& operator=(DeviceLock&& other) noexcept;
  DeviceLock(const DeviceLock&) = delete;
  DeviceLock& operator=(const DeviceLock&) = delete;

  // A candidate of this evaluation is on the device (waits while a baseline is timed).
  void shared();
  // No candidate of any process may be on the device: waits up to `timeout_s` for them to go; false when
  // they did not (the caller times anyway, and keeps the timing to itself).
  bool exclusive(double timeout_s);
  void release();
  bool active() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace kbench
