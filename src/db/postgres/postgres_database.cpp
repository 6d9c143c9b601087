// PostgreSQL engine over libpq (see postgres_database.hpp). Parameters and results travel in
// text format; libpq types never leave this file, and server errors are translated into
// Error values by SQLSTATE.
#include "db/postgres/postgres_database.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace clientele::db {
namespace {

// Type OIDs from the server's pg_type catalogue; they are fixed, but libpq does not export them.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Each prepared statement costs server memory; SQL built at run time (search filters) could
// otherwise grow the cache without bound.
constexpr size_t kMaxCachedStatements = 1000;
// Rows per pipeline sync in ExecuteMany: enough to hide round trips, few enough to bound the
// results libpq buffers.
constexpr size_t kPipelineBatch = 1000;
// How long a caller waits for a free pooled connection before giving up with kUnavailable
// (also turns a nested transaction on an exhausted pool into an error instead of a hang).
constexpr std::chrono::seconds kAcquireTimeout{30};

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// libpq messages end with newlines and may span lines; errors want one line.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view Field(const PGresult* result, int field) {
  const char* value = result ? PQresultErrorField(result, field) : nullptr;
  return value ? value : "";
}

// The server's primary message only: its DETAIL line may quote the offending values.
std::string ServerMessage(PGconn* conn, const PGresult* result) {
  std::string_view primary = Field(result, PG_DIAG_MESSAGE_PRIMARY);
  return OneLine(primary.empty() ? PQerrorMessage(conn) : primary);
}

bool IsConnectionFailure(std::string_view sqlstate) {
  // Class 08 is connection exceptions, except 08P01 (protocol violation, e.g. a wrong number of
  // parameters) on a healthy connection. 57P01-57P03: the server is shutting down or starting;
  // 53300: too many connections.
  if (sqlstate.starts_with("08")) return sqlstate != "08P01";
  return sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" || sqlstate == "53300";
}

// Maps a failed command to an Error. Messages never quote values: they are readable by store
// owners and must not carry personal data.
Error TranslateError(PGconn* conn, const PGresult* result) {
  const std::string sqlstate(Field(result, PG_DIAG_SQLSTATE));
  if (PQstatus(conn) != CONNECTION_OK || IsConnectionFailure(sqlstate)) {
    return Error::Unavailable("PostgreSQL is unavailable: " + ServerMessage(conn, result));
  }
  const std::string constraint(Field(result, PG_DIAG_CONSTRAINT_NAME));
  if (sqlstate == "23505") {
    return Error::Conflict(
        "unique_violation",
        "A row with the same value already exists (unique constraint \"" + constraint + "\").");
  }
  std::string invalid;
  if (sqlstate == "23503") {
    invalid = "The row refers to a missing row or is still referred to (foreign key \"" +
              constraint + "\").";
  } else if (sqlstate == "23514") {
    invalid = "A value breaks the check constraint \"" + constraint + "\".";
  } else if (sqlstate == "23502") {
    invalid =
        "The column \"" + std::string(Field(result, PG_DIAG_COLUMN_NAME)) + "\" must not be null.";
  } else if (sqlstate.starts_with("22")) {
    invalid = "A value is not valid for its column (SQLSTATE " + sqlstate + ").";
  }
  if (!invalid.empty()) {
    return {ErrorCode::kInvalidArgument, "constraint_violation", std::move(invalid), {}};
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return {ErrorCode::kAborted,
            "serialization_failure",
            "The transaction conflicted with a concurrent one; retry it.",
            {}};
  }
  return Error::Internal("PostgreSQL error " + (sqlstate.empty() ? "" : sqlstate + ": ") +
                         ServerMessage(conn, result));
}

bool Succeeded(const PGresult* result) {
  ExecStatusType status = PQresultStatus(result);  // PGRES_FATAL_ERROR for nullptr
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// Parameters in libpq's text format. Strings are passed by pointer: `params` must outlive this.
class BoundParams {
 public:
  explicit BoundParams(const Params& params) : text_(params.size()), values_(params.size()) {
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (const auto* s = std::get_if<std::string>(&v)) {
        values_[i] = s->c_str();
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        text_[i] = Format(*n);
        values_[i] = text_[i].c_str();
      } else if (const auto* d = std::get_if<double>(&v)) {
        // Shortest text that reads back as the same double, so numeric columns do not collect
        // binary noise ("0.1", not "0.10000000000000001").
        text_[i] = Format(*d);
        values_[i] = text_[i].c_str();
      }  // nullptr stays a null pointer: SQL NULL.
    }
  }

  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }

 private:
  template <typename T>
  static std::string Format(T value) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, end);
  }

  std::vector<std::string> text_;
  std::vector<const char*> values_;
};

enum class CellKind { kInt, kReal, kBool, kText };

CellKind KindOf(Oid type) {
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return CellKind::kInt;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return CellKind::kReal;
    case kBoolOid:
      return CellKind::kBool;
    default:
      return CellKind::kText;
  }
}

Value ParseCell(CellKind kind, const char* text, int length) {
  const char* end = text + length;
  switch (kind) {
    case CellKind::kInt: {
      int64_t n = 0;
      auto [p, ec] = std::from_chars(text, end, n);
      if (ec == std::errc() && p == end) return n;
      break;
    }
    case CellKind::kReal: {
      // from_chars reads the server's "NaN", "Infinity" and "-Infinity" too.
      double d = 0;
      auto [p, ec] = std::from_chars(text, end, d);
      if (ec == std::errc() && p == end) return d;
      break;
    }
    case CellKind::kBool:
      return int64_t{length > 0 && text[0] == 't'};
    case CellKind::kText:
      break;
  }
  return std::string(text, length);
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Connects to `url` and prepares the session. Errors: kUnavailable.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& url) {
    // Keywords before "dbname" are defaults that the URL's own settings override.
    const char* const keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* const values[] = {"10", "clientele", url.c_str(), nullptr};
    auto conn = std::make_unique<PgConnection>(PQconnectdbParams(keys, values, 1));
    if (conn->conn_ == nullptr || PQstatus(conn->conn_) != CONNECTION_OK) {
      return Error::Unavailable(
          "Cannot connect to PostgreSQL: " +
          (conn->conn_ ? OneLine(PQerrorMessage(conn->conn_)) : std::string("out of memory")));
    }
    RETURN_IF_ERROR(conn->SetUpSession());
    return conn;
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(PgResult result, Run(sql, params));
    const PGresult* r = result.get();
    const int row_count = PQntuples(r);
    const int column_count = PQnfields(r);
    std::vector<CellKind> kinds(column_count);
    for (int c = 0; c < column_count; ++c) kinds[c] = KindOf(PQftype(r, c));
    Rows rows;
    rows.reserve(row_count);
    for (int i = 0; i < row_count; ++i) {
      std::vector<Value> cells;
      cells.reserve(column_count);
      for (int c = 0; c < column_count; ++c) {
        if (PQgetisnull(r, i, c)) {
          cells.emplace_back(nullptr);
        } else {
          cells.push_back(ParseCell(kinds[c], PQgetvalue(r, i, c), PQgetlength(r, i, c)));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  Result<int64_t> Execute(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(PgResult result, Run(sql, params));
    return CountOf(result.get());
  }

  Status ExecuteScript(std::string_view sql) override {
    const std::string script(sql);  // libpq wants a NUL-terminated string
    PgResult result(PQexec(conn_, script.c_str()));
    if (Succeeded(result.get()) || PQresultStatus(result.get()) == PGRES_EMPTY_QUERY) {
      return OkStatus();
    }
    return TranslateError(conn_, result.get());
  }

  Result<std::vector<std::string>> BeginBulkLoad(const std::vector<std::string>& tables) override {
    RETURN_IF_ERROR(ExecuteScript("SET LOCAL maintenance_work_mem = '512MB'"));
    std::vector<std::string> rebuild;
    for (const auto& table : tables) {
      // Indexes that back a primary key, unique or exclusion constraint stay.
      ASSIGN_OR_RETURN(Rows indexes,
                       Query("SELECT quote_ident(ci.relname), pg_get_indexdef(ix.indexrelid)"
                             " FROM pg_index ix JOIN pg_class ci ON ci.oid = ix.indexrelid"
                             " JOIN pg_class ct ON ct.oid = ix.indrelid"
                             " WHERE ct.oid = to_regclass($1) AND NOT EXISTS"
                             " (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid)"
                             " ORDER BY ci.relname",
                             {table}));
      for (const auto& index : indexes) {
        RETURN_IF_ERROR(Execute("DROP INDEX " + index.Text(0), {}));
        rebuild.push_back(index.Text(1));
      }
    }
    return rebuild;
  }

  // Pipelines the rows: batches of statements go out without waiting for each answer, which
  // removes one network round trip per row.
  Status ExecuteMany(std::string_view sql, const std::vector<Params>& rows) override {
    if (rows.empty()) return OkStatus();
    ASSIGN_OR_RETURN(const std::string* name, Prepare(sql));
    if (PQenterPipelineMode(conn_) != 1) return TranslateError(conn_, nullptr);
    std::optional<Error> error;
    bool drained = true;
    for (size_t start = 0; start < rows.size() && !error; start += kPipelineBatch) {
      const size_t end = std::min(rows.size(), start + kPipelineBatch);
      size_t sent = 0;
      for (size_t i = start; i < end; ++i) {
        BoundParams bound(rows[i]);
        if (!PQsendQueryPrepared(conn_, name->c_str(), bound.size(), bound.values(), nullptr,
                                 nullptr, 0)) {
          error = TranslateError(conn_, nullptr);
          break;
        }
        ++sent;
      }
      if (!PQpipelineSync(conn_)) {
        if (!error) error = TranslateError(conn_, nullptr);
        drained = false;
        break;
      }
      if (!ReadPipelineResults(sql, sent, &error)) {
        drained = false;
        break;
      }
    }
    if (!drained || PQexitPipelineMode(conn_) != 1) {
      // Results of unknown statements may still be queued: only a new session is safe.
      needs_reset_ = true;
      if (!error) error = TranslateError(conn_, nullptr);
    }
    if (error) return std::move(*error);
    return OkStatus();
  }

  // Runs a command without parameters or caching (transaction control, probes) and returns its
  // command tag, e.g. "COMMIT" or "ROLLBACK".
  Result<std::string> Command(const char* sql) {
    PgResult result(PQexec(conn_, sql));
    if (!Succeeded(result.get())) return TranslateError(conn_, result.get());
    return std::string(PQcmdStatus(result.get()));
  }

  // Ends whatever work left open: a transaction (rolled back) or a half-read pipeline (the
  // connection is marked for a reset). Safe to call at any time.
  void EndLeftoverWork() {
    if (PQpipelineStatus(conn_) != PQ_PIPELINE_OFF) {
      needs_reset_ = true;
      return;
    }
    switch (PQtransactionStatus(conn_)) {
      case PQTRANS_IDLE:
        return;
      case PQTRANS_INTRANS:
      case PQTRANS_INERROR: {
        PgResult result(PQexec(conn_, "ROLLBACK"));
        if (!Succeeded(result.get())) needs_reset_ = true;
        return;
      }
      default:  // a command still running, or the connection is gone
        needs_reset_ = true;
        return;
    }
  }

  // True when the connection can take new work. Does not block: an idle connection has nothing
  // to read unless the server closed it (a FATAL message, then end of file) or sent a
  // notification, so only then is input consumed to find out which.
  bool Usable() {
    if (needs_reset_ || PQstatus(conn_) != CONNECTION_OK) return false;
    for (int i = 0; i < 4; ++i) {
      pollfd pfd{PQsocket(conn_), POLLIN, 0};
      if (poll(&pfd, 1, 0) <= 0) break;
      if (PQconsumeInput(conn_) != 1) return false;
      while (PGnotify* notify = PQnotifies(conn_)) PQfreemem(notify);
    }
    return PQstatus(conn_) == CONNECTION_OK;
  }

  // Reconnects with the original parameters; server-side prepared statements are gone with the
  // old session. Errors: kUnavailable.
  Status Reconnect() {
    statements_.clear();
    needs_reset_ = true;
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Error::Unavailable("Cannot reconnect to PostgreSQL: " +
                                OneLine(PQerrorMessage(conn_)));
    }
    RETURN_IF_ERROR(SetUpSession());
    needs_reset_ = false;
    return OkStatus();
  }

 private:
  Status SetUpSession() {
    // Notices ("table does not exist, skipping") would otherwise go to stderr.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    // Instants are stored as integers; UTC keeps any timestamp text the server produces stable.
    PgResult result(PQexec(conn_, "SET TIME ZONE 'UTC'; SET client_encoding TO 'UTF8'"));
    if (!Succeeded(result.get())) return TranslateError(conn_, result.get());
    return OkStatus();
  }

  // Returns the name of the prepared statement for `sql`, preparing it on first use.
  Result<const std::string*> Prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return &it->second;
    if (statements_.size() >= kMaxCachedStatements) {
      PgResult result(PQexec(conn_, "DEALLOCATE ALL"));
      if (Succeeded(result.get())) statements_.clear();
    }
    std::string name = "clientele_" + std::to_string(++statement_counter_);
    std::string text(sql);
    PgResult result(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
    if (!Succeeded(result.get())) return TranslateError(conn_, result.get());
    auto [it, inserted] = statements_.emplace(std::move(text), std::move(name));
    return &it->second;
  }

  Result<PgResult> Run(std::string_view sql, const Params& params) {
    ASSIGN_OR_RETURN(const std::string* name, Prepare(sql));
    BoundParams bound(params);
    PgResult result(
        PQexecPrepared(conn_, name->c_str(), bound.size(), bound.values(), nullptr, nullptr, 0));
    if (Succeeded(result.get())) return result;
    if (ForgetIfStale(sql, result.get()) && PQtransactionStatus(conn_) == PQTRANS_IDLE) {
      // Outside a transaction nothing was aborted, so the statement can simply run again.
      ASSIGN_OR_RETURN(name, Prepare(sql));
      result.reset(
          PQexecPrepared(conn_, name->c_str(), bound.size(), bound.values(), nullptr, nullptr, 0));
      if (Succeeded(result.get())) return result;
    }
    return TranslateError(conn_, result.get());
  }

  // A schema change can invalidate a cached statement for good ("cached plan must not change
  // result type", 0A000), and a script may have deallocated it (26000): prepare it afresh next
  // time. The old server-side statement is left in place; an aborted transaction could not
  // deallocate it anyway.
  // Returns true when it forgot the statement.
  bool ForgetIfStale(std::string_view sql, const PGresult* result) {
    std::string_view sqlstate = Field(result, PG_DIAG_SQLSTATE);
    if (sqlstate != "0A000" && sqlstate != "26000") return false;
    auto it = statements_.find(sql);
    if (it == statements_.end()) return false;
    statements_.erase(it);
    return true;
  }

  // Reads the results of `queries` pipelined statements and the sync marker after them. Records
  // the first failure in `error`. Returns false when the stream is not in the expected state.
  bool ReadPipelineResults(std::string_view sql, size_t queries, std::optional<Error>* error) {
    // Each statement's results end with a null; a few more nulls than statements means the
    // connection is no longer delivering results.
    size_t nulls = 0;
    while (true) {
      PgResult result(PQgetResult(conn_));
      if (!result) {
        if (PQstatus(conn_) != CONNECTION_OK || ++nulls > queries + 1) return false;
        continue;
      }
      switch (PQresultStatus(result.get())) {
        case PGRES_PIPELINE_SYNC:
          return true;
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_PIPELINE_ABORTED:  // skipped after an earlier failure
          break;
        default:
          if (!*error) {
            ForgetIfStale(sql, result.get());
            *error = TranslateError(conn_, result.get());
          }
          break;
      }
    }
  }

  static int64_t CountOf(PGresult* result) {
    const char* text = PQcmdTuples(result);  // "" for DDL
    int64_t n = 0;
    std::from_chars(text, text + std::strlen(text), n);
    return n;
  }

  PGconn* conn_;
  // SQL text -> server-side statement name.
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> statements_;
  uint64_t statement_counter_ = 0;
  bool needs_reset_ = false;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, int pool_size, std::unique_ptr<PgConnection> first)
      : url_(std::move(url)), pool_size_(pool_size) {
    idle_.push_back(std::move(first));
    open_ = 1;
  }
  // REQUIRES: no work is running on any connection.
  ~PgDatabase() override = default;

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Ping() override {
    ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, Acquire());
    Lease lease(this, std::move(conn));
    RETURN_IF_ERROR(lease->Command("SELECT 1"));
    return OkStatus();
  }

 protected:
  Status RunInTransaction(const std::function<Status(Connection&)>& work) override {
    ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, Acquire());
    Lease lease(this, std::move(conn));
    RETURN_IF_ERROR(lease->Command("BEGIN"));
    Status status = OkStatus();
    try {
      status = work(*lease);
    } catch (...) {
      lease->EndLeftoverWork();
      throw;
    }
    if (!status.ok()) {
      lease->EndLeftoverWork();
      return status;
    }
    ASSIGN_OR_RETURN(std::string tag, lease->Command("COMMIT"));
    // PostgreSQL answers COMMIT in a failed transaction with ROLLBACK and no error. That happens
    // when work ignored a statement's error and carried on.
    if (tag != "COMMIT") {
      return Error::Internal(
          "The transaction was rolled back: one of its statements failed and work went on.");
    }
    return OkStatus();
  }

  Status RunRead(const std::function<Status(Connection&)>& work) override {
    ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, Acquire());
    Lease lease(this, std::move(conn));
    return work(*lease);
  }

 private:
  // Returns a connection to the pool when the work ends, by return or by exception.
  class Lease {
   public:
    Lease(PgDatabase* db, std::unique_ptr<PgConnection> conn) : db_(db), conn_(std::move(conn)) {}
    ~Lease() { db_->Release(std::move(conn_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PgConnection& operator*() { return *conn_; }
    PgConnection* operator->() { return conn_.get(); }

   private:
    PgDatabase* db_;
    std::unique_ptr<PgConnection> conn_;
  };

  // Hands out an idle connection (reconnecting it if it broke) or opens a new one while fewer
  // than pool_size_ exist; otherwise waits. Errors: kUnavailable.
  Result<std::unique_ptr<PgConnection>> Acquire() {
    std::unique_ptr<PgConnection> conn;
    {
      std::unique_lock lock(mu_);
      if (!available_.wait_for(lock, kAcquireTimeout,
                               [&] { return !idle_.empty() || open_ < pool_size_; })) {
        return Error::Unavailable("No PostgreSQL connection became free in time.");
      }
      if (!idle_.empty()) {
        conn = std::move(idle_.back());
        idle_.pop_back();
      } else {
        ++open_;
      }
    }
    // Connecting and reconnecting happen outside the lock: they wait on the network.
    if (!conn) {
      auto made = PgConnection::Connect(url_);
      if (!made.ok()) {
        {
          std::lock_guard lock(mu_);
          --open_;
        }
        available_.notify_one();
      }
      return made;
    }
    if (!conn->Usable()) {
      Status status = conn->Reconnect();
      if (!status.ok()) {
        Release(std::move(conn));  // stays broken in the pool; the next Acquire retries
        return std::move(status).error();
      }
    }
    return conn;
  }

  void Release(std::unique_ptr<PgConnection> conn) {
    conn->EndLeftoverWork();
    {
      std::lock_guard lock(mu_);
      idle_.push_back(std::move(conn));
    }
    available_.notify_one();
  }

  const std::string url_;
  const int pool_size_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mu_
  int open_ = 0;  // connections that exist, idle or leased; guarded by mu_
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const OpenOptions& options) {
  // One connection up front, so a wrong URL or a server that is down shows at start-up.
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> first, PgConnection::Connect(url));
  return std::unique_ptr<Database>(
      std::make_unique<PgDatabase>(url, std::max(1, options.pool_size), std::move(first)));
}

}  // namespace clientele::db
