// Fuzz target: SanitizeHtml under both policies (post bodies and comments), checking the
// contract's promises of valid UTF-8 output and a fixed point.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/sanitize.h"

namespace {

using samizdat::text::SanitizePolicy;

const char* NameOf(SanitizePolicy policy) {
  return policy == SanitizePolicy::kPostBody ? "post" : "comment";
}

void Check(std::string_view html, SanitizePolicy policy) {
  samizdat::text::SanitizeReport report;
  const std::string once = samizdat::text::SanitizeHtml(html, policy, &report);
  (void)report.Describe();
  if (!samizdat::text::IsValidUtf8(once)) {
    std::fprintf(stderr, "%s policy: output is not UTF-8:\n%s\n", NameOf(policy), once.c_str());
    std::abort();
  }
  const std::string twice = samizdat::text::SanitizeHtml(once, policy);
  if (twice != once) {
    std::fprintf(stderr, "%s policy: no fixed point:\n  once:  %s\n  twice: %s\n", NameOf(policy),
                 once.c_str(), twice.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  Check(html, SanitizePolicy::kPostBody);
  Check(html, SanitizePolicy::kComment);
  return 0;
}
