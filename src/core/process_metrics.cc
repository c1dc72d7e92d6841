// The process's one set of instruments.
#include "core/process_metrics.h"

namespace samizdat::metrics {

ProcessMetrics& Process() {
  static ProcessMetrics metrics;
  return metrics;
}

}  // namespace samizdat::metrics
