#!/usr/bin/env python3
"""Tests of check_layering.py on small fixture trees: it must flag each wrong-way include and pass a clean tree."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECKER = pathlib.Path(__file__).with_name("check_layering.py")


def make_tree(root: pathlib.Path, files: dict):
    for layer in ("core", "backends", "results", "reference_kernels", "harness"):
        (root / layer).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def run_checker(root: pathlib.Path):
    return subprocess.run([sys.executable, str(CHECKER), str(root)], capture_output=True, text=True)


CLEAN = {
    "core/spec/task.hpp": "#pragma once\n#include <string>\n",
    "core/util/hash.hpp": '#include "core/spec/task.hpp"\n',
    "backends/backend.hpp": '#include "core/spec/task.hpp"\n',
    "backends/gpu/runtime.hpp": '#include "backends/backend.hpp"\n',
    "backends/cuda/cuda.cpp": '#include "backends/gpu/runtime.hpp"\n#include "backends/cuda/cuda.hpp"\n',
    "backends/cuda/cuda.hpp": "#pragma once\n",
    "backends/hip/compat.h": '#include "../gpu/runtime.hpp"\n',
    "results/store.hpp": '#include "core/util/hash.hpp"\n#include "results/generated.inc"\n',
    "harness/eval.cpp": '#include "backends/backend.hpp"\n#include "results/store.hpp"\n',
}


class CheckLayering(unittest.TestCase):
    def check(self, extra: dict):
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            make_tree(root, {**CLEAN, **extra})
            return run_checker(root)

    def test_a_clean_tree_passes(self):
        r = self.check({})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_core_including_harness_fails(self):
        r = self.check({"harness/worker.hpp": "#pragma once\n", "core/arena.hpp": '#include "harness/worker.hpp"\n'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("core/arena.hpp:1: includes harness/worker.hpp: core/ may not include harness/", r.stdout)

    def test_backends_including_harness_fails(self):
        r = self.check({"harness/util.hpp": "", "backends/cpu/cpu.cpp": '#include <vector>\n#include "harness/util.hpp"\n'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("backends/cpu/cpu.cpp:2:", r.stdout)

    def test_results_including_backends_fails(self):
        r = self.check({"results/report.cpp": '#include "backends/backend.hpp"\n'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("results/ may not include backends/", r.stdout)

    def test_one_backend_including_another_fails(self):
        r = self.check({"backends/hip/probe.cpp": '#include "backends/cuda/cuda.hpp"\n'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("backends/hip/ may not include backends/cuda/", r.stdout)

    def test_the_cpu_backend_may_not_use_the_gpu_code(self):
        r = self.check({"backends/cpu/cpu.cpp": '#include "backends/gpu/runtime.hpp"\n'})
        self.assertEqual(r.returncode, 1)

    def test_relative_includes_are_resolved(self):
        r = self.check({"harness/x.hpp": "", "core/spec/bad.hpp": '#include "../../harness/x.hpp"\n'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("core/spec/bad.hpp:1: includes harness/x.hpp", r.stdout)

    def test_a_tree_without_the_layers_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run_checker(pathlib.Path(tmp))
        self.assertEqual(r.returncode, 2)
        self.assertIn("has no core", r.stderr)


if __name__ == "__main__":
    unittest.main()
