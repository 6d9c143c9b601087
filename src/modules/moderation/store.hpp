// SQL for moderation (the reasons of bans), and nothing else.
#pragma once

#include <string>

#include "db/database.hpp"

namespace clientele::moderation::store {

Status InsertBan(db::Connection& c, int64_t customer_id, const std::string& reason,
                 const std::string& note, const std::string& actor_type,
                 const std::string& actor_id, int64_t now);
Status DeleteBan(db::Connection& c, int64_t customer_id);

}  // namespace clientele::moderation::store
