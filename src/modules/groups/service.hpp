// Customer groups and tags. A "Default" group always exists and cannot be renamed away or
// deleted; deleting another group moves its customers to Default. Tags are names unique
// without regard to case; deleting a tag removes it from every customer. Every change writes an
// audit event in its transaction. Thread-safe (state lives in the database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::groups {

struct Group {
  int64_t id = 0;
  std::string public_id;
  std::string name;
  bool is_default = false;
  int64_t customer_count = 0;
  int64_t created_at = 0, updated_at = 0;
};

struct Tag {
  int64_t id = 0;
  std::string public_id;
  std::string name;
  int64_t customer_count = 0;
  int64_t created_at = 0;
};

constexpr int64_t kDefaultGroupId = 1;

class Service {
 public:
  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<Group>> ListGroups();
  // Errors: kInvalidArgument (name), kAlreadyExists "group_name_taken".
  Result<Group> CreateGroup(const audit::Actor& actor, const std::string& name);
  // Errors: kNotFound "group_not_found", kInvalidArgument, kAlreadyExists.
  Result<Group> RenameGroup(const audit::Actor& actor, const std::string& public_id,
                            const std::string& name);
  // Moves the group's customers to Default, then deletes it. Errors: kNotFound,
  // kFailedPrecondition "default_group" for the Default group.
  Status DeleteGroup(const audit::Actor& actor, const std::string& public_id);

  Result<std::vector<Tag>> ListTags();
  Result<Tag> CreateTag(const audit::Actor& actor, const std::string& name);
  Result<Tag> RenameTag(const audit::Actor& actor, const std::string& public_id,
                        const std::string& name);
  Status DeleteTag(const audit::Actor& actor, const std::string& public_id);

  // For other modules, inside their transaction: the group's internal id (without its count).
  // Errors: kInvalidArgument with a field error on `field` when no such group exists.
  static Result<Group> ResolveGroup(db::Connection& tx, const std::string& public_id,
                                    const std::string& field);
  // Internal ids of tags by name, creating the missing ones (as store owners expect when typing
  // a new tag on a customer). Errors: kInvalidArgument for an invalid name.
  static Result<std::vector<int64_t>> ResolveOrCreateTags(db::Connection& tx,
                                                          const std::vector<std::string>& names,
                                                          int64_t now, const std::string& field);
  // The group with this name (any case), created (audited; `created` says so) when the store
  // has none yet, on the caller's transaction (imports name groups); without its count.
  // Errors: kInvalidArgument with a field error on `field` for a name that cannot be a group's.
  static Result<Group> FindOrCreateGroup(db::Connection& tx, const audit::Actor& actor,
                                         const std::string& name, int64_t now,
                                         const std::string& field, bool* created);
  // Whether `name` may be a group's name.
  static bool IsGroupName(const std::string& name);
  // The tag with this name, if any (list filters).
  static Result<std::optional<Tag>> FindTagByName(db::Connection& c, const std::string& name);
  // The group with this name (any case), if any, without its count (filters).
  static Result<std::optional<Group>> FindGroupByName(db::Connection& c, const std::string& name);
  // Every group's or tag's name, in name order (suggestions for a misspelt name).
  static Result<std::vector<std::string>> GroupNames(db::Connection& c);
  static Result<std::vector<std::string>> TagNames(db::Connection& c);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::groups
