// <cuda_runtime.h> for CUDA sources compiled by hipcc: see kbench_cuda_device_compat.h.
#pragma once
#include "kbench_cuda_device_compat.h"
