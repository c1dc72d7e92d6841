// SqlStore::CountStoreCall: every store call's latency and failures, for /metrics.
#include "core/process_metrics.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {

void SqlStore::CountStoreCall(bool write, std::chrono::nanoseconds elapsed, Status::Code code) {
  metrics::ProcessMetrics& metrics = metrics::Process();
  (write ? metrics.store_write_seconds : metrics.store_read_seconds).Observe(elapsed);
  if (code == Status::Code::kUnavailable || code == Status::Code::kInternal) {
    metrics.store_errors.Add(0);
  }
}

}  // namespace samizdat::store::sql
