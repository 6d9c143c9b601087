#include "modules/throttle/store.hpp"

#include "db/sql_builder.hpp"

namespace clientele::throttle::store {

Status LockKey(db::Connection& c, const std::string& key) {
  // An upsert that always writes the row: PostgreSQL holds its row lock until the transaction
  // ends (SQLite's one writer serialises the whole transaction anyway).
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO login_throttle_keys (key) VALUES ($1)"
                " ON CONFLICT (key) DO UPDATE SET key = excluded.key",
                {key}));
  return OkStatus();
}

Result<int64_t> RecordFailure(db::Connection& c, const std::string& key, int64_t now) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("INSERT INTO login_failures (key, failed_at)"
                                          " VALUES ($1, $2) RETURNING id",
                                          {key, now}));
  return rows.at(0).Int(0);
}

Result<int64_t> CountFailures(db::Connection& c, const std::string& key, int64_t since) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT count(*) FROM login_failures WHERE key = $1 AND failed_at >= $2",
                           {key, since}));
  return rows.at(0).Int(0);
}

Status DeleteFailure(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM login_failures WHERE id = $1", {id}));
  return OkStatus();
}

Status ClearFailures(db::Connection& c, const std::string& key) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM login_failures WHERE key = $1", {key}));
  return OkStatus();
}

Status ForgetKeys(db::Connection& c, const std::vector<std::string>& keys) {
  if (keys.empty()) return OkStatus();
  db::SqlBuilder sql;
  const std::string list = sql.List(keys);
  RETURN_IF_ERROR(c.Execute("DELETE FROM login_failures WHERE key IN (" + list + ")", sql.params));
  RETURN_IF_ERROR(
      c.Execute("DELETE FROM login_throttle_keys WHERE key IN (" + list + ")", sql.params));
  return OkStatus();
}

// On PostgreSQL the rows a sign-in holds locked right now are skipped: waiting for them while
// holding others could deadlock with that sign-in. SQLite's single writer never interleaves.
Result<int64_t> PurgeFailures(db::Connection& c, int64_t before) {
  return c.Execute(c.dialect() == db::Dialect::kPostgres
                       ? "DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures"
                         " WHERE failed_at < $1 FOR UPDATE SKIP LOCKED)"
                       : "DELETE FROM login_failures WHERE failed_at < $1",
                   {before});
}

Status PurgeKeys(db::Connection& c) {
  RETURN_IF_ERROR(c.Execute(
      c.dialect() == db::Dialect::kPostgres
          ? "DELETE FROM login_throttle_keys WHERE key IN (SELECT k.key FROM login_throttle_keys k"
            " WHERE NOT EXISTS (SELECT 1 FROM login_failures f WHERE f.key = k.key)"
            " FOR UPDATE SKIP LOCKED)"
          : "DELETE FROM login_throttle_keys WHERE NOT EXISTS"
            " (SELECT 1 FROM login_failures f WHERE f.key = login_throttle_keys.key)"));
  return OkStatus();
}

}  // namespace clientele::throttle::store
