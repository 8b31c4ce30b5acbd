// sanitise_verdict_text: secrets redacted, then invalid UTF-8 replaced, in each text field. See verdict_text.hpp.
#include "harness/eval/verdict_text.hpp"

#include "core/util/secrets.hpp"
#include "core/util/utf8.hpp"

namespace kbench {

namespace {

void redact(std::string& s) { s = valid_utf8(redact_secrets(std::move(s))); }

void redact(TimingSummary& t) { redact(t.method); }

}  // namespace

void sanitise_verdict_text(Verdict& v) {
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
