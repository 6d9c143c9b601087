#include "db/sqlite/sqlite_database.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clientele::db {
namespace {

// How long a statement waits for another connection's lock before failing with "busy".
constexpr int kBusyTimeoutMillis = 10'000;

// Rewrites PostgreSQL placeholders ($1) into SQLite's numbered form (?1), leaving string
// literals and quoted identifiers alone.
std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (char ch : sql) {
    if (quote) {
      if (ch == quote) quote = 0;
      out.push_back(ch);
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      out.push_back(ch);
    } else if (ch == '$') {
      out.push_back('?');
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

Error Translate(sqlite3* handle, int rc) {
  const int primary = rc & 0xff;
  std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    // The message names table.column, never the value.
    return {ErrorCode::kAlreadyExists, "unique_violation", message, {}};
  }
  if (primary == SQLITE_CONSTRAINT) {
    return {ErrorCode::kInvalidArgument, "constraint_violation", message, {}};
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return {ErrorCode::kUnavailable, "database_busy", message, {}};
  }
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL ||
      primary == SQLITE_READONLY) {
    return {ErrorCode::kUnavailable, "database_unavailable", message, {}};
  }
  return {ErrorCode::kInternal, "database_error", message, {}};
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* handle) : handle_(handle) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(handle_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    Rows rows;
    const RowSink keep = [&rows](sqlite3_stmt* stmt) {
      rows.push_back(Materialise(stmt));
      return OkStatus();
    };
    auto status = Run(sql, params, &keep);
    if (!status.ok()) return std::move(status).error();
    return rows;
  }

  Status QueryEach(std::string_view sql, const Params& params,
                   const std::function<Status(const RowView&)>& each) override {
    const RowSink view = [&each](sqlite3_stmt* stmt) { return each(StatementRow(stmt)); };
    return Run(sql, params, &view);
  }

  Result<int64_t> Execute(std::string_view sql, const Params& params) override {
    auto status = Run(sql, params, nullptr);
    if (!status.ok()) return std::move(status).error();
    return static_cast<int64_t>(sqlite3_changes(handle_));
  }

  Status ExecuteScript(std::string_view sql) override {
    char* err = nullptr;
    std::string script(sql);
    int rc = sqlite3_exec(handle_, script.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      Error e = Translate(handle_, sqlite3_extended_errcode(handle_));
      if (err) e.message = err;
      sqlite3_free(err);
      return e;
    }
    return OkStatus();
  }

  Result<std::vector<std::string>> BeginBulkLoad(const std::vector<std::string>& tables) override {
    RETURN_IF_ERROR(ExecuteScript("PRAGMA cache_size = -1048576;"));  // 1 GiB
    std::vector<std::string> rebuild;
    for (const auto& table : tables) {
      // Indexes behind PRIMARY KEY and UNIQUE column constraints have no SQL and stay.
      ASSIGN_OR_RETURN(Rows indexes,
                       Query("SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                             " AND tbl_name = $1 AND sql IS NOT NULL ORDER BY name",
                             {table}));
      for (const auto& index : indexes) {
        RETURN_IF_ERROR(Execute("DROP INDEX " + QuoteIdentifier(index.Text(0)), {}));
        rebuild.push_back(index.Text(1));
      }
    }
    return rebuild;
  }

  sqlite3* handle() { return handle_; }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    std::string rewritten = RewritePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(handle_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Translate(handle_, rc);
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  using RowSink = std::function<Status(sqlite3_stmt*)>;

  // Runs a statement, handing each row to `sink` (nullptr: rows are dropped).
  Status Run(std::string_view sql, const Params& params, const RowSink* sink) {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK && rc != SQLITE_RANGE) return Translate(handle_, rc);
    }
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Translate(handle_, sqlite3_extended_errcode(handle_));
      if (sink) RETURN_IF_ERROR((*sink)(stmt));
    }
    return OkStatus();
  }

  static Row Materialise(sqlite3_stmt* stmt) {
    const int columns = sqlite3_column_count(stmt);
    std::vector<Value> cells;
    cells.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          cells.emplace_back(nullptr);
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          cells.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
    }
    return Row(std::move(cells));
  }

  // The statement's current row, read in place.
  class StatementRow final : public RowView {
   public:
    explicit StatementRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
    bool IsNull(size_t i) const override {
      return sqlite3_column_type(stmt_, static_cast<int>(i)) == SQLITE_NULL;
    }
    int64_t Int(size_t i) const override {
      return sqlite3_column_int64(stmt_, static_cast<int>(i));
    }
    std::string_view Text(size_t i) const override {
      const int c = static_cast<int>(i);
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
      return text ? std::string_view(text, sqlite3_column_bytes(stmt_, c)) : std::string_view();
    }

   private:
    sqlite3_stmt* stmt_;
  };

  sqlite3* handle_;
  // Looked up by the caller's string_view: no copy of the SQL text per statement run.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
};

// SQLite counts every allocation under one process-wide mutex unless told not to; the counts
// are unused here and the mutex is contended by every thread that reads. Set once, before the
// library initialises itself (a no-op, harmlessly refused, if something initialised it first).
void ConfigureLibrary() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

Result<std::unique_ptr<SqliteConnection>> Connect(const std::string& path, bool writer) {
  ConfigureLibrary();
  sqlite3* handle = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e{ErrorCode::kUnavailable,
            "database_unavailable",
            "Cannot open the SQLite database: " + std::string(sqlite3_errstr(rc)),
            {}};
    sqlite3_close_v2(handle);
    return e;
  }
  auto conn = std::make_unique<SqliteConnection>(handle);
  sqlite3_busy_timeout(handle, kBusyTimeoutMillis);
  // Page caches are per connection (64 MiB each; the server keeps one reader per thread), and
  // the OS page cache holds the rest of the file. No mmap: mapped pages count as the server's
  // resident memory and would grow with the database.
  RETURN_IF_ERROR(conn->ExecuteScript(
      writer
          // secure_delete: deleted rows' text is overwritten in the file, not left in free pages
          // (erasure of a customer's personal data).
          ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"
            " PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;"
          : "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"));
  if (writer) RETURN_IF_ERROR(conn->ExecuteScript("PRAGMA journal_mode = WAL;"));
  return conn;
}

// Creates the database file readable by its owner only, before SQLite would create it with the
// process's umask; SQLite gives the WAL and shared-memory files the main file's permissions.
// An existing file keeps the permissions it has.
Status CreatePrivateFile(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return OkStatus();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    return Error{ErrorCode::kUnavailable,
                 "database_unavailable",
                 "Cannot create the SQLite database " + path + ": " + std::strerror(errno),
                 {}};
  }
  return OkStatus();
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int readers) : path_(std::move(path)), max_readers_(readers) {}

  Status Init() {
    RETURN_IF_ERROR(CreatePrivateFile(path_));
    ASSIGN_OR_RETURN(writer_, Connect(path_, /*writer=*/true));
    return OkStatus();
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Ping() override {
    return Read([](Connection& c) -> Status {
      RETURN_IF_ERROR(c.Query("SELECT 1"));
      return OkStatus();
    });
  }

  Status Checkpoint() override {
    std::lock_guard lock(writer_mutex_);
    RETURN_IF_ERROR(writer_->Query("PRAGMA wal_checkpoint(TRUNCATE)", {}));
    return OkStatus();
  }

 protected:
  Status RunInTransaction(const std::function<Status(Connection&)>& work) override {
    std::lock_guard lock(writer_mutex_);
    return RunWriterTransaction(work);
  }

  // Under a rollback journal, pages past the file's old end need no journal entry: a bulk load
  // into a new store writes each page once, instead of to the WAL and again at the checkpoint.
  // The switch needs the file to itself (in WAL mode every open connection holds a shared lock
  // on it): this database's idle readers are closed first, and while any other connection is
  // open the load goes through the WAL like any transaction. A crash mid-load leaves a journal
  // that the next open rolls back; every open of the writer (Connect) asks for WAL again.
  Status RunBulkLoad(const std::function<Status(Connection&)>& work) override {
    std::lock_guard lock(writer_mutex_);
    CloseIdleReaders();
    sqlite3_busy_timeout(writer_->handle(), 0);  // no waiting for other connections
    auto mode = writer_->Query("PRAGMA journal_mode = DELETE", {});
    sqlite3_busy_timeout(writer_->handle(), kBusyTimeoutMillis);
    const bool switched = mode.ok() && !mode->empty() && (*mode)[0].Text(0) == "delete";
    Status status = RunWriterTransaction(work);
    // Best effort: when a reader prevents it, the next open switches back.
    if (switched) (void)writer_->Query("PRAGMA journal_mode = WAL", {});
    return status;
  }

  Status RunRead(const std::function<Status(Connection&)>& work) override {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> conn, AcquireReader());
    // A read transaction gives the callback one consistent snapshot across its statements.
    Status status = conn->Execute("BEGIN", {}).ok() ? OkStatus() : Error::Internal("BEGIN failed");
    if (status.ok()) {
      try {
        status = work(*conn);
      } catch (...) {
        (void)conn->Execute("ROLLBACK", {});
        ReleaseReader(std::move(conn));
        throw;
      }
      (void)conn->Execute("ROLLBACK", {});
    }
    ReleaseReader(std::move(conn));
    return status;
  }

 private:
  // REQUIRES: writer_mutex_ held.
  Status RunWriterTransaction(const std::function<Status(Connection&)>& work) {
    RETURN_IF_ERROR(writer_->Execute("BEGIN IMMEDIATE", {}));
    Status status = OkStatus();
    try {
      status = work(*writer_);
    } catch (...) {
      (void)writer_->Execute("ROLLBACK", {});
      throw;
    }
    if (!status.ok()) {
      (void)writer_->Execute("ROLLBACK", {});
      return status;
    }
    auto commit = writer_->Execute("COMMIT", {});
    if (!commit.ok()) {
      (void)writer_->Execute("ROLLBACK", {});
      return std::move(commit).error();
    }
    return OkStatus();
  }

  Result<std::unique_ptr<SqliteConnection>> AcquireReader() {
    {
      std::unique_lock lock(readers_mutex_);
      readers_available_.wait(
          lock, [&] { return !idle_readers_.empty() || open_readers_ < max_readers_; });
      if (!idle_readers_.empty()) {
        auto conn = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return conn;
      }
      ++open_readers_;
    }
    auto conn = Connect(path_, /*writer=*/false);
    if (!conn.ok()) {
      std::lock_guard lock(readers_mutex_);
      --open_readers_;
      readers_available_.notify_one();
    }
    return conn;
  }

  void CloseIdleReaders() {
    std::lock_guard lock(readers_mutex_);
    open_readers_ -= static_cast<int>(idle_readers_.size());
    idle_readers_.clear();
    readers_available_.notify_all();
  }

  void ReleaseReader(std::unique_ptr<SqliteConnection> conn) {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(conn));
    readers_available_.notify_one();
  }

  std::string path_;
  std::mutex writer_mutex_;
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable readers_available_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int open_readers_ = 0;
  const int max_readers_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options) {
  auto db = std::make_unique<SqliteDatabase>(path, std::max(1, options.pool_size));
  RETURN_IF_ERROR(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace clientele::db
