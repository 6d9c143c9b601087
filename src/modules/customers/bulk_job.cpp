// A bulk change of every customer matching a filter (a segment, or the list's filters with
// "select all matching"): a job that walks the matches in registration order, kMaxBulk per
// committed chunk, so a crash resumes after the last chunk and a cancel stops between chunks.
#include <set>

#include "modules/customers/service.hpp"
#include "modules/groups/service.hpp"

namespace clientele::customers {

namespace {

// The list's paging is the job's own.
const std::set<std::string> kPaging = {"limit", "cursor", "include_total", "sort"};

const char* ActionName(BulkAction a) {
  switch (a) {
    case BulkAction::kAssignGroup:
      return "assign_group";
    case BulkAction::kAddTags:
      return "add_tags";
    case BulkAction::kRemoveTags:
      return "remove_tags";
    case BulkAction::kDeactivate:
      return "deactivate";
    case BulkAction::kRestore:
      return "restore";
  }
  return "";
}

BulkChange ChangeOf(const nlohmann::json& params) {
  BulkChange change;
  const std::string action = params.value("action", "");
  for (BulkAction a : {BulkAction::kAssignGroup, BulkAction::kAddTags, BulkAction::kRemoveTags,
                       BulkAction::kDeactivate, BulkAction::kRestore}) {
    if (action == ActionName(a)) change.action = a;
  }
  change.group_id = params.value("group_id", "");
  for (const auto& t : params.value("tags", nlohmann::json::array())) {
    change.tags.push_back(t.get<std::string>());
  }
  return change;
}

}  // namespace

Result<jobs::Job> Service::StartBulk(jobs::Service& jobs, const audit::Actor& actor,
                                     const std::string& actor_name, const BulkChange& change,
                                     const std::map<std::string, std::string>& filter) {
  std::vector<FieldError> errors;
  ListParams list;
  nlohmann::json filter_json = nlohmann::json::object();
  for (const auto& [key, value] : filter) {
    if (kPaging.count(key)) {
      errors.push_back({"filter." + key, "unknown_parameter", "A bulk change has no paging."});
      continue;
    }
    if (value.empty()) continue;
    list.values[key] = value;
    filter_json[key] = value;
  }
  RETURN_IF_ERROR(CheckBulkChange(change, errors));
  if (change.action == BulkAction::kAssignGroup) {
    // A group nobody has is refused before the job, not by its first chunk.
    RETURN_IF_ERROR(db_.Read([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(groups::Group g,
                       groups::Service::ResolveGroup(c, change.group_id, "group_id"));
      return OkStatus();
    }));
  }
  Result<int64_t> matching = CountExact(list);
  if (!matching.ok()) {
    Error e = matching.error();
    for (auto& f : e.fields) f.field = "filter." + f.field;
    return e;
  }
  nlohmann::json params = {{"action", ActionName(change.action)},
                           {"group_id", change.group_id},
                           {"tags", change.tags},
                           {"filter", filter_json}};
  return jobs.Start(actor, actor_name, kBulkJob, params, *matching);
}

jobs::Kind Service::BulkJobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kEditCustomers;
  kind.exclusive = false;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) -> Result<jobs::ChunkOutcome> {
    const BulkChange change = ChangeOf(job.params);
    ListParams list;
    for (const auto& [key, value] : job.params["filter"].items()) {
      list.values[key] = value.get<std::string>();
    }
    list.values["sort"] = "registered";  // oldest first: a chunk's changes never move the cursor
    list.values["limit"] = std::to_string(kMaxBulk);
    if (!job.checkpoint.empty()) list.values["cursor"] = job.checkpoint;
    ASSIGN_OR_RETURN(Page page, ListOn(tx, list, static_cast<int>(kMaxBulk), false));
    audit::Actor actor;
    actor.type = job.actor_type;
    actor.id = job.actor_id;
    actor.request_id = job.public_id;
    const int64_t now = clock_.NowMicros();
    int64_t changed = 0, banned = 0;
    const bool status_change =
        change.action == BulkAction::kDeactivate || change.action == BulkAction::kRestore;
    for (const Customer& c : page.items) {
      // A ban is lifted on its own (with its reason), never by a bulk status change.
      if (status_change && c.status == AccountStatus::kBanned) {
        ++banned;
        continue;
      }
      ASSIGN_OR_RETURN(bool done, ApplyBulk(tx, actor, c, change, now));
      changed += done ? 1 : 0;
    }
    jobs::ChunkOutcome out;
    out.result = job.result;
    out.result["changed"] = out.result.value("changed", int64_t{0}) + changed;
    if (status_change) {
      out.result["skipped_banned"] = out.result.value("skipped_banned", int64_t{0}) + banned;
    }
    out.done = job.done + static_cast<int64_t>(page.items.size());
    out.total = std::max(job.total, out.done);
    out.checkpoint = page.next_cursor.value_or("");
    out.finished = !page.next_cursor;
    if (out.finished) out.total = out.done;
    return out;
  };
  return kind;
}

}  // namespace clientele::customers
