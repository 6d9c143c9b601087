// Moderation rules with no I/O: the reasons a store bans a customer for.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clientele::moderation {

enum class BanReason { kRefusedDeliveries, kReturnAbuse, kAbusiveToStaff, kFakeOrders, kOther };

const char* ToString(BanReason r);
std::optional<BanReason> ParseBanReason(std::string_view s);
// The reason as the customer reads it in the ban notice.
const char* Label(BanReason r);

}  // namespace clientele::moderation
