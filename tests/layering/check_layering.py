#!/usr/bin/env python3
"""Fails when an #include runs the wrong way between kbench's layers.

core/ (plain data and leaf utilities) includes nothing outside core/; backends/ and results/ include only
core/ and themselves; reference_kernels/ (data and float64 oracles) only core/ and itself; harness/ may
include all of them. Inside backends/, a backend's folder knows one vendor: backends/<b>/ includes its own
folder, the shared backends/*.hpp, core/, and (CUDA and HIP only) the shared GPU code in backends/gpu/.

Usage: check_layering.py [SOURCE_ROOT]   (prints every offending line; exit 1 when there is one)
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCE_SUFFIXES = {".cpp", ".hpp", ".h", ".cu", ".hip", ".inc"}
LAYERS = ("core", "backends", "results", "reference_kernels", "harness")
ALLOWED = {
    "core": {"core"},
    "backends": {"core", "backends"},
    "results": {"core", "results"},
    "reference_kernels": {"core", "reference_kernels"},
    "harness": {"core", "backends", "results", "reference_kernels", "harness"},
}
GPU_BACKENDS = {"cuda", "hip"}


def resolve(root: pathlib.Path, source: pathlib.Path, target: str):
    """Path of an included file relative to the root: beside the includer first, else from the root."""
    beside = (source.parent / target).resolve()
    if beside.is_file() and root in beside.parents:
        return beside.relative_to(root)
    from_root = root / target
    if from_root.is_file():
        return pathlib.PurePosixPath(target)
    return None  # generated or system header (dashboard_page.inc, vendor headers)


def backend_rule(source: pathlib.PurePath, target: pathlib.PurePath):
    """Within backends/: a backend folder may include only its own folder, backends/*.hpp and (GPU) gpu/."""
    if len(source.parts) < 3 or target.parts[0] != "backends":
        return None
    own = source.parts[1]
    if len(target.parts) == 2:  # backends/backend.hpp, backends/runtime.hpp, ...
        return None
    other = target.parts[1]
    if other == own or (other == "gpu" and own in GPU_BACKENDS):
        return None
    return f"backends/{own}/ may not include backends/{other}/"


def check(root: pathlib.Path):
    problems = []
    for layer in LAYERS:
        for source in sorted((root / layer).rglob("*")):
            if source.suffix not in SOURCE_SUFFIXES or not source.is_file():
                continue
            rel_source = source.relative_to(root)
            for number, line in enumerate(source.read_text(errors="replace").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = resolve(root, source, match.group(1))
                if target is None:
                    continue
                target_layer = target.parts[0]
                why = None
                if target_layer in LAYERS and target_layer not in ALLOWED[layer]:
                    why = f"{layer}/ may not include {target_layer}/"
                elif layer == "backends":
                    why = backend_rule(rel_source, target)
                if why:
                    problems.append(f"{rel_source}:{number}: includes {target}: {why}")
    return problems


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2]).resolve()
    missing = [layer for layer in LAYERS if not (root / layer).is_dir()]
    if missing:
        print(f"check_layering: {root} has no {', '.join(missing)}/ folder", file=sys.stderr)
        return 2
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) run the wrong way (see docs/architecture.md, 'Layers')")
        return 1
    print("layering: every include runs downwards")
    return 0


if __name__ == "__main__":
    sys.exit(main())
