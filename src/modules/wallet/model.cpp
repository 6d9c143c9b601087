#include "modules/wallet/model.hpp"

namespace clientele::wallet {

const char* ToString(EntryKind k) {
  switch (k) {
    case EntryKind::kCredit:
      return "credit";
    case EntryKind::kDebit:
      return "debit";
    case EntryKind::kExpiry:
      return "expiry";
  }
  return "credit";
}

std::optional<EntryKind> ParseEntryKind(const std::string& s) {
  if (s == "credit") return EntryKind::kCredit;
  if (s == "debit") return EntryKind::kDebit;
  if (s == "expiry") return EntryKind::kExpiry;
  return std::nullopt;
}

}  // namespace clientele::wallet
