// The driver-neutral helpers of Rows and Connection.
#include "store/sql/connection.h"

namespace samizdat::store::sql {

Result<int64_t> Rows::Finish() {
  for (;;) {
    Result<bool> row = Next();
    if (!row.ok()) return row.status();
    if (!*row) return cursor_->Changed();
  }
}

Result<int64_t> Connection::Run(std::string_view sql, const Params& params) {
  Result<Rows> rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  return rows->Finish();
}

Result<Rows> Connection::First(std::string_view sql, const Params& params, bool* found) {
  Result<Rows> rows = Query(sql, params);
  if (!rows.ok()) return rows;
  Result<bool> row = rows->Next();
  if (!row.ok()) return row.status();
  *found = *row;
  return rows;
}

Result<bool> Connection::Exists(std::string_view sql, const Params& params) {
  bool found = false;
  Result<Rows> rows = First(sql, params, &found);
  if (!rows.ok()) return rows.status();
  return found;
}

Result<int64_t> Connection::Int64(std::string_view sql, const Params& params) {
  bool found = false;
  Result<Rows> rows = First(sql, params, &found);
  if (!rows.ok()) return rows.status();
  return found ? rows->Int64(0) : 0;
}

Result<int> Connection::Count(std::string_view sql, const Params& params) {
  Result<int64_t> count = Int64(sql, params);
  if (!count.ok()) return count.status();
  return static_cast<int>(*count);
}

Result<std::vector<int64_t>> Connection::Ids(std::string_view sql, const Params& params) {
  return Collect(sql, params, [](const Rows& row) { return row.Int64(0); });
}

}  // namespace samizdat::store::sql
