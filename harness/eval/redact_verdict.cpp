// redact_secrets(Verdict&): core/util/secrets over each text field. See redact_verdict.hpp.
#include "harness/eval/redact_verdict.hpp"

#include "core/util/secrets.hpp"

namespace kbench {

namespace {

void redact(std::string& s) { s = redact_secrets(std::move(s)); }

void redact(TimingSummary& t) { redact(t.method); }

}  // namespace

void redact_secrets(Verdict& v) {
  for (std::string* s : {&v.detail, &v.compile_log, &v.run_log, &v.device, &v.compiler, &v.metrics.failing_output,
                         &v.metrics.failing_shape, &v.metrics.phase})
    redact(*s);
  for (Mismatch& m : v.metrics.examples) redact(m.output);
  for (ShapeTiming& t : v.timings) {
    redact(t.shape);
    redact(t.candidate);
    redact(t.reference);
    if (t.vendor) redact(*t.vendor);
  }
}

}  // namespace kbench
