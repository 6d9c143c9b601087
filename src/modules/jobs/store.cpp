#include "modules/jobs/store.hpp"

namespace clientele::jobs::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, public_id, kind, state, params, checkpoint, done, total, result, error,"
    " cancel_requested, runs, actor_type, actor_id, actor_name, created_at, started_at,"
    " finished_at, updated_at FROM jobs";

nlohmann::json JsonOr(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json::object() : j;
}

Job Read(const db::Row& r) {
  Job j;
  j.id = r.Int(0);
  j.public_id = r.Text(1);
  j.kind = r.Text(2);
  j.state = ParseJobState(r.Text(3)).value_or(JobState::kFailed);
  j.params = JsonOr(r.Text(4));
  j.checkpoint = r.Text(5);
  j.done = r.Int(6);
  j.total = r.Int(7);
  j.result = JsonOr(r.Text(8));
  j.error = r.Text(9);
  j.cancel_requested = r.Bool(10);
  j.runs = r.Int(11);
  j.actor_type = r.Text(12);
  j.actor_id = r.Text(13);
  j.actor_name = r.Text(14);
  j.created_at = r.Int(15);
  j.started_at = r.OptInt(16);
  j.finished_at = r.OptInt(17);
  j.updated_at = r.Int(18);
  return j;
}

Result<std::optional<Job>> FindWhere(db::Connection& c, const std::string& where,
                                     const db::Value& v) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kColumns) + " WHERE " + where, {v}));
  if (rows.empty()) return std::optional<Job>();
  return std::optional<Job>(Read(rows[0]));
}

}  // namespace

Result<int64_t> Insert(db::Connection& c, const Job& j,
                       const std::optional<std::string>& active_key) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO jobs (public_id, kind, state, active_key, params, total, actor_type,"
              " actor_id, actor_name, created_at, updated_at)"
              " VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
              {j.public_id, j.kind, db::Nullable(active_key), j.params.dump(), j.total,
               j.actor_type, j.actor_id, j.actor_name, j.created_at}));
  return rows.at(0).Int(0);
}

Status SetTotal(db::Connection& c, int64_t id, int64_t total) {
  RETURN_IF_ERROR(c.Execute("UPDATE jobs SET total = $2 WHERE id = $1", {id, total}));
  return OkStatus();
}

Result<std::optional<Job>> FindByPublicId(db::Connection& c, const std::string& public_id) {
  return FindWhere(c, "public_id = $1", public_id);
}

Result<std::optional<Job>> FindById(db::Connection& c, int64_t id) {
  return FindWhere(c, "id = $1", id);
}

Result<std::vector<Job>> List(db::Connection& c, const std::string& kind,
                              std::optional<int64_t> before_id, int limit) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string(kColumns) + " WHERE ($1 = '' OR kind = $1) AND ($2 = 0 OR id < $2)"
                                      " ORDER BY id DESC LIMIT $3",
              {kind, before_id.value_or(0), int64_t{limit}}));
  std::vector<Job> out;
  for (const auto& r : rows) out.push_back(Read(r));
  return out;
}

Result<std::optional<Job>> ClaimNext(db::Connection& c, const std::string& claim, int64_t until,
                                     int64_t now, int64_t only) {
  ASSIGN_OR_RETURN(
      db::Rows due,
      c.Query("SELECT id FROM jobs WHERE (state = 'queued' OR (state = 'running'"
              " AND (claimed_until IS NULL OR claimed_until <= $1)))"
              " AND (CAST($2 AS BIGINT) = 0 OR id = CAST($2 AS BIGINT)) ORDER BY id LIMIT 1",
              {now, only}));
  if (due.empty()) return std::optional<Job>();
  // The conditions again: a runner that claimed the job since the SELECT wins.
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE jobs SET state = 'running', claim = $2, claimed_until = $3,"
                             " runs = runs + 1, started_at = COALESCE(started_at, $4),"
                             " updated_at = $4 WHERE id = $1 AND (state = 'queued' OR"
                             " (state = 'running' AND (claimed_until IS NULL OR"
                             " claimed_until <= $4)))",
                             {due[0].Int(0), claim, until, now}));
  if (changed != 1) return std::optional<Job>();
  return FindById(c, due[0].Int(0));
}

Result<bool> Renew(db::Connection& c, int64_t id, const std::string& claim, int64_t until,
                   int64_t now) {
  ASSIGN_OR_RETURN(int64_t changed, c.Execute("UPDATE jobs SET claimed_until = $3, updated_at = $4"
                                              " WHERE id = $1 AND claim = $2 AND state = 'running'",
                                              {id, claim, until, now}));
  return changed == 1;
}

Result<bool> Advance(db::Connection& c, int64_t id, const std::string& claim,
                     const std::string& checkpoint, int64_t done, int64_t total,
                     const std::string& result, JobState state, const std::string& error,
                     int64_t now) {
  const bool finished = IsFinished(state);
  ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute("UPDATE jobs SET checkpoint = $3, done = $4, total = $5, result = $6,"
                " state = $7, error = $8, updated_at = $9, finished_at = $10,"
                " active_key = CASE WHEN $11 = 1 THEN NULL ELSE active_key END,"
                " claimed_until = CASE WHEN $11 = 1 THEN NULL ELSE claimed_until END"
                " WHERE id = $1 AND claim = $2 AND state = 'running'",
                {id, claim, checkpoint, done, total, result, std::string(ToString(state)), error,
                 now, finished ? db::Value(now) : db::Value(nullptr), int64_t{finished ? 1 : 0}}));
  return changed == 1;
}

Status Release(db::Connection& c, int64_t id, const std::string& claim) {
  RETURN_IF_ERROR(c.Execute(
      "UPDATE jobs SET claimed_until = NULL WHERE id = $1 AND claim = $2 AND state = 'running'",
      {id, claim}));
  return OkStatus();
}

Result<int64_t> RequestCancel(db::Connection& c, int64_t id, int64_t now) {
  ASSIGN_OR_RETURN(int64_t queued,
                   c.Execute("UPDATE jobs SET state = 'cancelled', cancel_requested = 1,"
                             " active_key = NULL, finished_at = $2, updated_at = $2"
                             " WHERE id = $1 AND state = 'queued'",
                             {id, now}));
  if (queued > 0) return queued;
  return c.Execute(
      "UPDATE jobs SET cancel_requested = 1, updated_at = $2 WHERE id = $1 AND state = 'running'",
      {id, now});
}

}  // namespace clientele::jobs::store
