// Staff notes on a customer: a timeline of dated entries, each with its author. Only staff read
// them; they are part of what the store holds on the customer (its data export), move with a
// merge and go with an erasure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace clientele::notes {

struct Note {
  int64_t id = 0;
  std::string public_id;  // "note_…"
  int64_t customer_id = 0;
  std::string body;
  std::string author_id;    // the admin's public id (for an API token, the token's admin)
  std::string via_token;    // the API token's public id when one wrote it, else empty
  std::string author_name;  // filled on reads: the admin's name, or e-mail without one
  int64_t created_at = 0;
  std::optional<int64_t> updated_at;  // set once the body was changed
  int64_t version = 1;
};

// The longest note, in code points.
inline constexpr size_t kMaxBody = 5000;

}  // namespace clientele::notes
