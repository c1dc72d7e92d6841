// The one connection interface the queries of store/sql/ are written against, over either
// driver (store/sqlite/connection.h, store/postgres/connection.h): Params for a
// statement's values, Rows for the cursor over its result, Connection to run it.
//
// Queries are written once, in PostgreSQL's spelling: parameters $1, $2, …; a list
// parameter as "x = ANY($n)", or as rows "unnest($n::text[]) AS name"; GREATEST(a, b);
// "FOR UPDATE" row locks; COLLATE "C". The SQLite driver translates these once per
// statement, when it prepares it (sqlite/connection.cc); both drivers prepare each
// statement once per connection and keep it. What the schemas themselves spell
// differently is the connection's Dialect.
//
// Thread safety: none. A Connection, and the Rows it returns, is used by one thread at a
// time. Ownership: Params borrows its text, bytes and lists (they must outlive the Query
// call: a temporary of the same full expression does); Rows borrows its Connection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/status.h"

namespace samizdat::store::sql {

// One statement's parameters, $1, $2, … in the order added.
class Params {
 public:
  enum class Kind { kInt, kDouble, kText, kBytes, kNoLimit, kTextList, kIntList, kColumnList };
  struct Value {
    Kind kind = Kind::kInt;
    int64_t number = 0;
    double real = 0;
    std::string_view text;  // kText, kBytes
    const std::vector<std::string>* texts = nullptr;
    const std::vector<int64_t>* ints = nullptr;
  };

  Params& Add(int64_t value) { return Push(Kind::kInt, value); }
  Params& Add(int value) { return Add(static_cast<int64_t>(value)); }
  Params& Add(bool value) = delete;  // say what is meant: AddBool, or Add(b ? 1 : 0)
  // A boolean column's value, as 1 or 0 (which PostgreSQL reads as true or false).
  Params& AddBool(bool value) { return Add(value ? 1 : 0); }
  Params& Add(double value) { return Push(Kind::kDouble, 0, value); }
  // Valid UTF-8 without NUL (text columns).
  Params& Add(std::string_view text) { return Push(Kind::kText, 0, 0, text); }
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  // Any bytes (a BLOB or bytea column).
  Params& AddBytes(std::string_view bytes) { return Push(Kind::kBytes, 0, 0, bytes); }
  // A LIMIT: a negative one is no limit.
  Params& AddLimit(int64_t limit) { return limit < 0 ? Push(Kind::kNoLimit) : Add(limit); }
  // A list, for "x = ANY($n)".
  Params& AddList(const std::vector<std::string>& values) {
    return Push(Kind::kTextList, 0, 0, {}, &values);
  }
  Params& AddList(const std::vector<int64_t>& values) {
    return Push(Kind::kIntList, 0, 0, {}, nullptr, &values);
  }
  // A list stored in one column (revisions.labels): Cursor::List reads it back.
  Params& AddColumnList(const std::vector<std::string>& values) {
    return Push(Kind::kColumnList, 0, 0, {}, &values);
  }

  const std::vector<Value>& values() const { return values_; }
  int size() const { return static_cast<int>(values_.size()); }

 private:
  Params& Push(Kind kind, int64_t number = 0, double real = 0, std::string_view text = {},
               const std::vector<std::string>* texts = nullptr,
               const std::vector<int64_t>* ints = nullptr) {
    values_.push_back(Value{kind, number, real, text, texts, ints});
    return *this;
  }
  std::vector<Value> values_;
};

// What a driver implements for one result: a cursor over its rows. Columns count from 0.
class Cursor {
 public:
  virtual ~Cursor() = default;
  // Advances: true when a row is ready, false when there are no more.
  virtual Result<bool> Next() = 0;
  // Rows changed by the statement (INSERT, UPDATE, DELETE), once Next() said false.
  virtual int64_t Changed() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int64(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual bool Bool(int column) const = 0;
  // Valid until the next Next() or the end of the Rows.
  virtual std::string_view TextView(int column) const = 0;
  virtual std::string Bytes(int column) const = 0;
  // A list stored in one column (Params::AddColumnList). Internal if malformed.
  virtual Result<std::vector<std::string>> List(int column) const = 0;
  // Called when the Rows end (SQLite resets its statement for the next use).
  virtual void Done() {}
};

// The rows of one statement, read one at a time: what the readers of
// store/row_mapping.h take.
class Rows {
 public:
  // `owned` is null for a cursor the connection keeps (`cursor`), else `cursor` itself.
  Rows(Cursor* cursor, std::unique_ptr<Cursor> owned) : cursor_(cursor), owned_(std::move(owned)) {}
  Rows(Rows&& other) noexcept
      : cursor_(std::exchange(other.cursor_, nullptr)), owned_(std::move(other.owned_)) {}
  Rows& operator=(Rows&&) = delete;
  ~Rows() {
    if (cursor_ != nullptr) cursor_->Done();
  }

  Result<bool> Next() { return cursor_->Next(); }
  // Steps through every row (none expected) and returns how many rows were changed.
  Result<int64_t> Finish();
  // Calls fn(const Rows&) for each remaining row; a fn returning Status stops at its
  // first error.
  template <typename Fn>
  Status ForEach(Fn&& fn) {
    for (;;) {
      Result<bool> row = Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      if constexpr (std::is_same_v<std::invoke_result_t<Fn&, const Rows&>, Status>) {
        SAMIZDAT_RETURN_IF_ERROR(fn(static_cast<const Rows&>(*this)));
      } else {
        fn(static_cast<const Rows&>(*this));
      }
    }
  }

  bool IsNull(int column) const { return cursor_->IsNull(column); }
  int64_t Int64(int column) const { return cursor_->Int64(column); }
  int Int(int column) const { return static_cast<int>(cursor_->Int64(column)); }
  double Double(int column) const { return cursor_->Double(column); }
  bool Bool(int column) const { return cursor_->Bool(column); }
  std::string_view TextView(int column) const { return cursor_->TextView(column); }
  std::string Text(int column) const { return std::string(cursor_->TextView(column)); }
  std::string Bytes(int column) const { return cursor_->Bytes(column); }
  Result<std::vector<std::string>> List(int column) const { return cursor_->List(column); }

 private:
  Cursor* cursor_;
  std::unique_ptr<Cursor> owned_;
};

// What the two schemas spell differently, beyond what the SQLite driver translates.
struct Dialect {
  // Matches users.email with $1 ignoring ASCII case, through the index each schema has:
  // SQLite's column is COLLATE NOCASE, PostgreSQL indexes lower(email).
  std::string_view email_matches;
  // Adds the labels $3 (a list, in their order) of post $1 of blog $2 to post_labels; with
  // labels_carry_post (SQLite's rows carry the post's kind, status and time for the label
  // listing index), the post's kind, status and published_ms are $4, $5, $6.
  std::string_view insert_labels;
  bool labels_carry_post = false;
  // A column after kPostColumns holding the post's labels in their order as a list
  // (Cursor::List; NULL for none), so posts come with their labels in one statement
  // (PostgreSQL); empty: the labels are read with a second query (SQLite).
  std::string_view post_labels;
  // LIKE ignoring case: SQLite's LIKE (ASCII letters) or PostgreSQL's ILIKE (the locale's).
  std::string_view like_ignoring_case;
  // (name, count) of the published posts' labels of blog $1, by name ignoring case, then
  // by the plain name: "a" and "A" stay in a stable order (SQLite keeps the counts in a
  // table; PostgreSQL counts them from the index).
  std::string_view label_counts;
  // Begins a migration's transaction, holding what keeps other processes and nodes out
  // until it ends (store/sql/migrations.h).
  std::string_view begin_migration;
};

// Finds std::string keys by std::string_view (the drivers' statement caches, keyed by
// SQL text, looked up without a copy).
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual const Dialect& dialect() const = 0;
  // Whether a transaction is open on the connection.
  virtual bool InTransaction() const = 0;
  // Whether the connection is gone (the server closed it or the network failed): the
  // pool then drops it instead of lending it again. SQLite's never is.
  virtual bool Broken() const { return false; }
  // Runs one statement with parameters (prepared on first use on this connection); its
  // rows are read through the Rows. Errors of running it may come from Query or Next.
  virtual Result<Rows> Query(std::string_view sql, const Params& params) = 0;
  // Runs one or more statements without parameters, ignoring any rows (migrations).
  virtual Status Exec(const std::string& sql) = 0;
  // Runs a statement without parameters or rows whose only outcome is success (a
  // SAVEPOINT, a RELEASE), perhaps later: PostgreSQL sends it with the next statement, in
  // one round trip (libpq's pipeline mode), and an error it meets is that statement's.
  // SQLite, in-process, runs it now.
  virtual Status Defer(std::string_view sql) { return Execute(sql, Params()); }

  // Runs a statement to its end; returns how many rows it changed.
  Result<int64_t> Run(std::string_view sql, const Params& params);
  // Run, but only its status.
  Status Execute(std::string_view sql, const Params& params) { return Run(sql, params).status(); }
  // Runs a statement and moves to its first row: `*found` says whether there is one.
  Result<Rows> First(std::string_view sql, const Params& params, bool* found);
  // Whether the statement returns a row.
  Result<bool> Exists(std::string_view sql, const Params& params);
  // The first column of the first row as an integer (COUNT(*)); 0 without a row.
  Result<int64_t> Int64(std::string_view sql, const Params& params);
  // Int64's value as an int (a count of rows).
  Result<int> Count(std::string_view sql, const Params& params);
  // fn(const Rows&) of every row, in order.
  template <typename Fn>
  auto Collect(std::string_view sql, const Params& params, Fn&& fn)
      -> Result<std::vector<std::invoke_result_t<Fn&, const Rows&>>>;
  // The first column of every row as integers (ids).
  Result<std::vector<int64_t>> Ids(std::string_view sql, const Params& params);
};

template <typename Fn>
auto Connection::Collect(std::string_view sql, const Params& params, Fn&& fn)
    -> Result<std::vector<std::invoke_result_t<Fn&, const Rows&>>> {
  Result<Rows> rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<std::invoke_result_t<Fn&, const Rows&>> values;
  SAMIZDAT_RETURN_IF_ERROR(rows->ForEach([&](const Rows& row) { values.push_back(fn(row)); }));
  return values;
}

}  // namespace samizdat::store::sql
