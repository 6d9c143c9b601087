// The database interface every store uses: a connection that runs SQL with bound parameters and
// returns materialised rows, and a Database that hands out connections inside a transaction or a
// read. Two engines implement it: SQLite (embedded, one writer and a pool of readers, WAL) and
// PostgreSQL (libpq, a connection pool). SQL is written with PostgreSQL-style `$1..$n`
// placeholders; the SQLite engine rewrites them once per cached statement.
//
// Thread-safety: a Database is safe to share between threads; a Connection is used by one thread
// at a time, only inside the callback that received it. Driver errors are translated here:
// unique violations become kAlreadyExists, everything unexpected kInternal/kUnavailable.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace clientele::db {

enum class Dialect { kSqlite, kPostgres };

// A parameter or a cell. Booleans are stored as 0/1 integers on both engines; instants as
// microseconds since the Unix epoch (UTC) in 64-bit integers.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

inline Value Nullable(const std::optional<std::string>& v) {
  return v ? Value(*v) : Value(nullptr);
}
inline Value Nullable(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(cells_.at(i)); }
  // Integer value of a cell; NULL reads as 0. Text cells holding digits are parsed.
  int64_t Int(size_t i) const;
  // Text value of a cell; NULL reads as "". Numbers are formatted.
  std::string Text(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const {
    return IsNull(i) ? std::nullopt : std::optional<int64_t>(Int(i));
  }
  std::optional<std::string> OptText(size_t i) const {
    return IsNull(i) ? std::nullopt : std::optional<std::string>(Text(i));
  }
  bool Bool(size_t i) const { return Int(i) != 0; }
  // The cell's text in place when it holds text; nullptr otherwise.
  const std::string* TextCell(size_t i) const { return std::get_if<std::string>(&cells_.at(i)); }

 private:
  std::vector<Value> cells_;
};
using Rows = std::vector<Row>;

// One row of a streamed query (Connection::QueryEach), read in place: texts are views that stay
// valid until the callback returns.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual bool IsNull(size_t i) const = 0;
  // NULL reads as 0.
  virtual int64_t Int(size_t i) const = 0;
  // NULL reads as ""; a number reads as its digits.
  virtual std::string_view Text(size_t i) const = 0;
  std::optional<int64_t> OptInt(size_t i) const {
    return IsNull(i) ? std::nullopt : std::optional<int64_t>(Int(i));
  }
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement and returns all its rows (none for statements without a result).
  // Errors: kAlreadyExists on a unique violation, kInvalidArgument on a check/foreign-key
  // violation, kUnavailable when the server is gone, kInternal otherwise.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement and hands its rows to `each` one by one, without keeping them (exports of
  // a million rows); stops at the first error `each` returns. SQLite steps the statement as the
  // rows are read; PostgreSQL reads them all first, so callers keep results to a page.
  virtual Status QueryEach(std::string_view sql, const Params& params,
                           const std::function<Status(const RowView&)>& each);
  // Runs one statement and returns how many rows it changed.
  virtual Result<int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations, set-up).
  virtual Status ExecuteScript(std::string_view sql) = 0;
  // Runs one statement for many parameter rows inside the current transaction, as fast as the
  // engine allows (bulk loads).
  virtual Status ExecuteMany(std::string_view sql, const std::vector<Params>& rows);
  // Starts a bulk load by a command-line process into empty `tables`, inside the current
  // transaction: tunes the connection (a large page cache on SQLite, sort memory for index
  // builds on PostgreSQL) and drops the tables' secondary indexes, those no constraint needs.
  // Returns the statements that create them again, to run once the rows are in and before the
  // commit: one sorted build costs a fraction of an index insert per row. Not for the server.
  virtual Result<std::vector<std::string>> BeginBulkLoad(
      const std::vector<std::string>& tables) = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  // Runs `work(Connection&)` in a transaction: commits when it returns an ok Result, rolls back
  // when it returns an error or throws. Returns work's result, or the commit's error.
  template <typename F>
  auto Transaction(F&& work) -> std::invoke_result_t<F, Connection&> {
    return Run(&Database::RunInTransaction, std::forward<F>(work));
  }

  // Transaction for a bulk load by a command-line process (see Connection::BeginBulkLoad). On
  // SQLite it writes the new pages once, straight into the database file, instead of through
  // the WAL and again at the checkpoint; all or nothing, as Transaction.
  template <typename F>
  auto BulkLoad(F&& work) -> std::invoke_result_t<F, Connection&> {
    return Run(&Database::RunBulkLoad, std::forward<F>(work));
  }

  // Runs `work(Connection&)` on a read connection. Writes are not allowed there.
  template <typename F>
  auto Read(F&& work) -> std::invoke_result_t<F, Connection&> {
    using R = std::invoke_result_t<F, Connection&>;
    std::optional<R> out;
    Status status = RunRead([&](Connection& c) -> Status {
      out.emplace(work(c));
      return OkStatus();
    });
    if (!status.ok()) return R(std::move(status).error());
    return std::move(*out);
  }

  // Checks that the database answers (readiness probe).
  virtual Status Ping() = 0;
  // After erasing personal data: copies the write-ahead log into the database file and empties
  // it, so erased text does not linger in the log (SQLite). Nothing to do on PostgreSQL.
  virtual Status Checkpoint() { return OkStatus(); }

 protected:
  virtual Status RunInTransaction(const std::function<Status(Connection&)>& work) = 0;
  virtual Status RunBulkLoad(const std::function<Status(Connection&)>& work) {
    return RunInTransaction(work);
  }
  virtual Status RunRead(const std::function<Status(Connection&)>& work) = 0;

 private:
  using Runner = Status (Database::*)(const std::function<Status(Connection&)>&);

  // Calls `runner` with `work`, carrying work's Result out (or the runner's own error).
  template <typename F>
  auto Run(Runner runner, F&& work) -> std::invoke_result_t<F, Connection&> {
    using R = std::invoke_result_t<F, Connection&>;
    std::optional<R> out;
    Status status = (this->*runner)([&](Connection& c) -> Status {
      out.emplace(work(c));
      if (out->ok()) return OkStatus();
      return out->error();
    });
    if (out && !out->ok()) return std::move(*out);
    if (!status.ok()) return R(std::move(status).error());
    return std::move(*out);
  }
};

struct OpenOptions {
  // Readers kept open at once (SQLite) or pool size (PostgreSQL).
  int pool_size = 8;
};

// Opens `url`: "sqlite:PATH" (the file is created) or "postgres://..." / "postgresql://...".
// Errors: kInvalidArgument for an unknown scheme, kUnavailable when the database cannot be
// opened or reached.
Result<std::unique_ptr<Database>> Open(const std::string& url, const OpenOptions& options = {});

// Applies the numbered migrations not yet applied (in order, each in its own transaction, safe
// when several servers start at once). Returns how many were applied.
Result<int> Migrate(Database& db);

}  // namespace clientele::db
