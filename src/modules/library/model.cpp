#include "modules/library/model.hpp"

#include <set>
#include <tuple>

namespace clientele::library {

const char* ToString(Method m) {
  switch (m) {
    case Method::kPurchase:
      return "purchase";
    case Method::kGift:
      return "gift";
    case Method::kManual:
      return "manual";
  }
  return "";
}

const char* ToString(Revoked r) {
  switch (r) {
    case Revoked::kNone:
      return "";
    case Revoked::kOrder:
      return "order";
    case Revoked::kAdmin:
      return "admin";
    case Revoked::kRebuild:
      return "rebuild";
  }
  return "";
}

std::optional<Method> ParseMethod(const std::string& s) {
  for (Method m : {Method::kPurchase, Method::kGift, Method::kManual}) {
    if (s == ToString(m)) return m;
  }
  return std::nullopt;
}

std::optional<Revoked> ParseRevoked(const std::string& s) {
  for (Revoked r : {Revoked::kNone, Revoked::kOrder, Revoked::kAdmin, Revoked::kRebuild}) {
    if (s == ToString(r)) return r;
  }
  return std::nullopt;
}

std::vector<Grant> Expand(const std::vector<orders::BoughtItem>& items,
                          const std::map<int64_t, catalog::Shape>& shapes) {
  std::vector<Grant> out;
  std::set<std::tuple<int64_t, int64_t, int64_t>> seen;
  auto add = [&](const orders::BoughtItem& item, int64_t product, std::optional<int64_t> via) {
    Grant g{item.customer_id, item.order_id, product, via, item.placed_at};
    if (seen.insert(g.key()).second) out.push_back(g);
  };
  for (const auto& item : items) {
    if (!item.grants) continue;
    auto it = shapes.find(item.product_id);
    if (it == shapes.end() || !it->second.digital) continue;
    const catalog::Shape& shape = it->second;
    if (shape.package == catalog::PackageType::kBundle ||
        shape.package == catalog::PackageType::kCombo) {
      add(item, item.product_id, std::nullopt);
      for (int64_t part : shape.components) {
        auto p = shapes.find(part);
        if (p != shapes.end() && p->second.digital) add(item, part, item.product_id);
      }
    } else {
      add(item, item.product_id, std::nullopt);
    }
  }
  return out;
}

Plan PlanRebuild(const std::vector<Grant>& wanted, const std::vector<Entry>& entries) {
  Plan plan;
  std::map<std::tuple<int64_t, int64_t, int64_t>, const Entry*> existing;
  for (const auto& e : entries) {
    if (e.method != Method::kPurchase || !e.order_id) continue;
    existing[{*e.order_id, e.product_id, e.via_product_id.value_or(0)}] = &e;
  }
  std::set<std::tuple<int64_t, int64_t, int64_t>> wanted_keys;
  for (const auto& g : wanted) {
    if (!wanted_keys.insert(g.key()).second) continue;
    auto it = existing.find(g.key());
    if (it == existing.end()) {
      plan.add.push_back(g);
    } else if (!it->second->active() && it->second->revoked != Revoked::kAdmin) {
      plan.restore.push_back(it->second->id);
    } else {
      ++plan.unchanged;
    }
  }
  for (const auto& [key, e] : existing) {
    if (wanted_keys.count(key)) continue;
    if (e->active()) {
      plan.revoke.push_back(e->id);
    } else {
      ++plan.unchanged;
    }
  }
  return plan;
}

double ConversionRate(int64_t wished, int64_t purchased) {
  return wished > 0 ? static_cast<double>(purchased) / static_cast<double>(wished) : 0.0;
}

}  // namespace clientele::library
