// SQL for groups and tags, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/groups/service.hpp"

namespace clientele::groups::store {

Result<std::vector<Group>> ListGroups(db::Connection& c);
Result<std::optional<Group>> FindGroup(db::Connection& c, const std::string& public_id);
// Without their customer count (0), which costs a count of the group's customers.
Result<std::optional<Group>> FindGroupByKey(db::Connection& c, const std::string& name_key);
Result<std::optional<Group>> FindGroupUncounted(db::Connection& c, const std::string& public_id);
Result<int64_t> InsertGroup(db::Connection& c, const Group& g, const std::string& name_key);
Status RenameGroup(db::Connection& c, int64_t id, const std::string& name,
                   const std::string& name_key, int64_t now);
// Moves the group's customers to Default (bumping their versions); returns how many moved.
Result<int64_t> MoveCustomersToDefault(db::Connection& c, int64_t group_id, int64_t now);
Status DeleteGroup(db::Connection& c, int64_t id);

Result<std::vector<Tag>> ListTags(db::Connection& c);
// Every group's or tag's name, in name order (without counts).
Result<std::vector<std::string>> GroupNames(db::Connection& c);
Result<std::vector<std::string>> TagNames(db::Connection& c);
Result<std::optional<Tag>> FindTag(db::Connection& c, const std::string& public_id);
Result<std::optional<Tag>> FindTagByKey(db::Connection& c, const std::string& name_key);
Result<int64_t> InsertTag(db::Connection& c, const Tag& t, const std::string& name_key);
Status RenameTag(db::Connection& c, int64_t id, const std::string& name,
                 const std::string& name_key);
// Removes the tag from every customer (bumping their versions), then deletes it.
Status DeleteTag(db::Connection& c, int64_t id, int64_t now);

}  // namespace clientele::groups::store
