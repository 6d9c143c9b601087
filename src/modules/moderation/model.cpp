#include "modules/moderation/model.hpp"

namespace clientele::moderation {
namespace {

struct Entry {
  BanReason reason;
  const char* key;
  const char* label;
};

constexpr Entry kReasons[] = {
    {BanReason::kRefusedDeliveries, "refused_deliveries", "Refused deliveries"},
    {BanReason::kReturnAbuse, "return_abuse", "Return abuse or fraud"},
    {BanReason::kAbusiveToStaff, "abusive_to_staff", "Abusive behaviour towards our staff"},
    {BanReason::kFakeOrders, "fake_orders", "Fake orders"},
    {BanReason::kOther, "other", "Other"},
};

}  // namespace

const char* ToString(BanReason r) {
  for (const auto& e : kReasons) {
    if (e.reason == r) return e.key;
  }
  return "other";
}

std::optional<BanReason> ParseBanReason(std::string_view s) {
  for (const auto& e : kReasons) {
    if (s == e.key) return e.reason;
  }
  return std::nullopt;
}

const char* Label(BanReason r) {
  for (const auto& e : kReasons) {
    if (e.reason == r) return e.label;
  }
  return "Other";
}

}  // namespace clientele::moderation
