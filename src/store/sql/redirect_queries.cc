// SqlStore: the redirects imports keep, and where import batches and store copies begin.
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/sql_store.h"

namespace samizdat::store::sql {

Result<std::unique_ptr<ImportBatch>> SqlStore::BeginImport() {
  Result<std::unique_ptr<StoreCopy>> copy = BeginCopy();
  if (!copy.ok()) return copy.status();
  return std::unique_ptr<ImportBatch>(std::move(*copy));
}

Result<std::string> SqlStore::GetRedirect(int64_t blog_id, std::string_view old_path) {
  return Read([&](Connection& conn) -> Result<std::string> {
    bool found = false;
    Result<Rows> row =
        conn.First("SELECT new_path FROM redirects WHERE blog_id = $1 AND old_path = $2",
                   Params().Add(blog_id).Add(old_path), &found);
    if (!row.ok()) return row.status();
    if (!found) return Status::NotFound("no redirect from " + std::string(old_path));
    return row->Text(0);
  });
}

Result<std::vector<Redirect>> SqlStore::ListRedirects(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Redirect>> {
    // Byte order, whatever the database's collation.
    return conn.Collect(
        "SELECT old_path, new_path FROM redirects WHERE blog_id = $1 "
        "ORDER BY old_path COLLATE \"C\"",
        Params().Add(blog_id), [](const Rows& row) {
          return Redirect{row.Text(0), row.Text(1)};
        });
  });
}

}  // namespace samizdat::store::sql
