// CallArgs: packs tensors as device pointers, sizes as int64, scalars in their own dtype.
#include "backends/gpu/call_args.hpp"

#include <cstring>

namespace kbench::gpu {

CallArgs::CallArgs(const CallLayout& layout, const DeviceMirror& mirror, cudaStream_t stream)
    : values_(layout.args.size(), 0), stream_(stream) {
  for (std::size_t i = 0; i < layout.args.size(); ++i) {
    const ArgSlot& a = layout.args[i];
    void* cell = &values_[i];
    switch (a.kind) {
      case ArgSlot::Kind::tensor:  // the device pointer itself, not a pointer to it
        pointers_.push_back(mirror.device_address(a.offset));
        continue;
      case ArgSlot::Kind::size:
        std::memcpy(cell, &a.size_value, sizeof a.size_value);
        break;
      case ArgSlot::Kind::scalar:
        store_from_double(a.dtype, cell, 0, a.scalar_value);
        break;
    }
    pointers_.push_back(cell);
  }
  pointers_.push_back(&stream_);
}

}  // namespace kbench::gpu
