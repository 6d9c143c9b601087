#include "modules/catalog/service.hpp"

#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/catalog/store.hpp"
#include "modules/settings/service.hpp"

namespace clientele::catalog {
namespace {

constexpr int kMaxPageSize = 200;

Error NotFound() { return Error::NotFound("product_not_found", "There is no such product."); }

Error SkuTaken(const std::string& field) {
  std::string msg = "Another product has this SKU.";
  return Error{ErrorCode::kAlreadyExists, "sku_taken", msg, {{field, "taken", msg}}};
}

bool SameFiles(const std::vector<ProductFile>& a, const std::vector<ProductFile>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].size_bytes != b[i].size_bytes ||
        a[i].media_type != b[i].media_type || a[i].storage_path != b[i].storage_path) {
      return false;
    }
  }
  return true;
}

// The fields that differ, as {field: {from, to}} for the audit trail.
nlohmann::json Changes(const Product& a, const Product& b) {
  nlohmann::json out = nlohmann::json::object();
  auto field = [&](const char* name, const auto& from, const auto& to) {
    if (from != to) out[name] = {{"from", from}, {"to", to}};
  };
  field("sku", a.sku, b.sku);
  field("name", a.name, b.name);
  field("price", a.price, b.price);
  field("currency", a.currency, b.currency);
  field("image_url", a.image_url, b.image_url);
  field("digital", a.digital, b.digital);
  field("package_type", std::string(ToString(a.package)), std::string(ToString(b.package)));
  if (!SameFiles(a.files, b.files)) out["files"] = {{"count", b.files.size()}};
  field("components", a.components, b.components);
  return out;
}

}  // namespace

Result<std::optional<Product>> Service::FindBySku(db::Connection& c, const std::string& sku) {
  return store::FindBySku(c, sku);
}

Result<std::optional<Product>> Service::FindByPublicId(db::Connection& c, const std::string& id) {
  return store::FindByPublicId(c, id);
}

Result<std::map<int64_t, Shape>> Service::ShapesOf(db::Connection& c,
                                                   const std::vector<int64_t>& ids) {
  return store::ShapesOf(c, ids);
}

Result<std::vector<Product>> Service::FindByIds(db::Connection& c,
                                                const std::vector<int64_t>& ids) {
  return store::FindByIds(c, ids);
}

Result<std::vector<Product>> Service::Downloadable(db::Connection& c, int limit) {
  return store::Downloadable(c, limit);
}

Result<std::optional<FileOfProduct>> Service::FindFile(db::Connection& c,
                                                       const std::string& file_id) {
  return store::FindFile(c, file_id);
}

Result<std::vector<int64_t>> Service::ResolveComponents(db::Connection& tx,
                                                        const std::vector<std::string>& skus,
                                                        const std::string& prefix,
                                                        std::vector<FieldError>& errors) {
  std::vector<int64_t> ids;
  for (const std::string& sku : skus) {
    ASSIGN_OR_RETURN(std::optional<Product> part, store::FindBySku(tx, sku));
    if (!part) {
      errors.push_back(
          {prefix + "components", "unknown_product", "There is no product " + sku + "."});
    } else if (part->package == PackageType::kBundle || part->package == PackageType::kCombo) {
      errors.push_back({prefix + "components", "nested_bundle",
                        sku + " is a bundle or combo itself; add its products instead."});
    } else {
      ids.push_back(part->id);
    }
  }
  return ids;
}

Result<Product> Service::Save(db::Connection& tx, const audit::Actor& actor, Product p,
                              const std::optional<Product>& before, const ProductInput& input,
                              const std::string& prefix, int64_t now) {
  std::vector<FieldError> errors;
  std::vector<int64_t> component_ids;
  if (input.components) {
    ASSIGN_OR_RETURN(component_ids, ResolveComponents(tx, p.components, prefix, errors));
  }
  if (before && (before->package == PackageType::kFile || !before->digital) &&
      p.package != before->package) {
    // A product that others contain may not become a bundle itself.
    ASSIGN_OR_RETURN(
        db::Rows parents,
        tx.Query("SELECT 1 FROM product_components WHERE component_id = $1 LIMIT 1", {p.id}));
    if (!parents.empty() &&
        (p.package == PackageType::kBundle || p.package == PackageType::kCombo)) {
      errors.push_back({prefix + "package_type", "contained_in_bundle",
                        "Bundles contain this product, so it cannot be a bundle itself."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  // Files keep their ids while their path stays, so download records keep pointing at them.
  for (auto& f : p.files) {
    if (!f.public_id.empty()) continue;
    if (before) {
      for (const auto& old : before->files) {
        if (old.storage_path == f.storage_path) f.public_id = old.public_id;
      }
    }
    if (f.public_id.empty()) f.public_id = NewPublicId("pfl");
  }
  p.updated_at = now;
  if (!before) {
    p.public_id = NewPublicId("prd");
    p.created_at = now;
    auto id = store::InsertProduct(tx, p);
    if (!id.ok() && id.error().code == ErrorCode::kAlreadyExists) return SkuTaken(prefix + "sku");
    if (!id.ok()) return id.error();
    p.id = *id;
  } else {
    if (before->sku != p.sku) {
      ASSIGN_OR_RETURN(std::optional<Product> other, store::FindBySku(tx, p.sku));
      if (other) return SkuTaken(prefix + "sku");
    }
    ASSIGN_OR_RETURN(bool written, store::UpdateProduct(tx, p, before->version));
    if (!written) {
      return Error::Precondition("stale_version",
                                 "Someone changed this product since you loaded it; reload first.");
    }
  }
  if (input.files) RETURN_IF_ERROR(store::ReplaceFiles(tx, p.id, p.files));
  if (input.components) RETURN_IF_ERROR(store::ReplaceComponents(tx, p.id, component_ids));
  ASSIGN_OR_RETURN(std::optional<Product> stored, store::FindByPublicId(tx, p.public_id));
  nlohmann::json changes = before ? Changes(*before, *stored) : Changes(Product{}, *stored);
  RETURN_IF_ERROR(audit::Record(
      tx, actor,
      {before ? "product.updated" : "product.created", "product", stored->public_id, changes},
      now));
  return *stored;
}

Result<Product> Service::Create(const audit::Actor& actor, const ProductInput& input) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Product> {
    ASSIGN_OR_RETURN(settings::Settings store_settings, settings::Service::Read(tx));
    std::vector<FieldError> errors;
    Product p = Apply(Product{}, input, true, store_settings.currency, "", errors);
    if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
    ASSIGN_OR_RETURN(std::optional<Product> existing, store::FindBySku(tx, p.sku));
    if (existing) return SkuTaken("sku");
    return Save(tx, actor, std::move(p), std::nullopt, input, "", now);
  });
}

Result<Product> Service::Update(const audit::Actor& actor, const std::string& id,
                                const ProductInput& input, std::optional<int64_t> if_version) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Product> {
    ASSIGN_OR_RETURN(std::optional<Product> before, store::FindByPublicId(tx, id));
    if (!before) {
      ASSIGN_OR_RETURN(before, store::FindBySku(tx, id));
    }
    if (!before) return NotFound();
    if (if_version && *if_version != before->version) {
      return Error::Precondition("stale_version",
                                 "Someone changed this product since you loaded it; reload first.");
    }
    std::vector<FieldError> errors;
    Product p = Apply(*before, input, false, before->currency, "", errors);
    if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
    if (Changes(*before, p).empty()) return *before;  // nothing to change, nothing to record
    return Save(tx, actor, std::move(p), before, input, "", now);
  });
}

Result<Product> Service::Get(const std::string& id_or_sku) {
  ASSIGN_OR_RETURN(std::optional<Product> p, db_.Read([&](db::Connection& c) {
    return id_or_sku.rfind("prd_", 0) == 0 ? store::FindByPublicId(c, id_or_sku)
                                           : store::FindBySku(c, id_or_sku);
  }));
  if (!p) return NotFound();
  return *p;
}

Result<ProductPage> Service::List(const std::map<std::string, std::string>& params) {
  std::string q;
  int limit = 50;
  std::optional<int64_t> before;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (name == "q") {
      q = value.substr(0, 200);
    } else if (name == "limit") {
      if (auto l = ReadPageSize(value, kMaxPageSize, errors)) limit = *l;
    } else if (name == "cursor") {
      if (auto c = ReadCursor(value, "products", errors)) before = c->id;
    } else {
      errors.push_back({name, "unknown_parameter", "This parameter is not known here."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some parameters are not valid.", errors);
  ASSIGN_OR_RETURN(std::vector<Product> rows, db_.Read([&](db::Connection& c) {
    return store::List(c, q, before, limit + 1);
  }));
  ProductPage page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = EncodeCursor({"products", rows.back().id, rows.back().id});
  }
  page.items = std::move(rows);
  return page;
}

Result<BatchResult> Service::Batch(const audit::Actor& actor,
                                   const std::vector<ProductInput>& items) {
  if (items.empty() || items.size() > kMaxBatch) {
    std::string msg = "Send 1 to 1,000 products.";
    return Error::Invalid(msg, {{"items", "invalid_count", msg}});
  }
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<BatchResult> {
    ASSIGN_OR_RETURN(settings::Settings store_settings, settings::Service::Read(tx));
    BatchResult out;
    std::vector<FieldError> errors;
    std::map<std::string, size_t> seen;
    // First every product without its components, so components may name SKUs sent later.
    std::vector<std::optional<Product>> befores(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string prefix = "items[" + std::to_string(i) + "].";
      const std::string sku = items[i].sku ? Trim(*items[i].sku) : "";
      if (!sku.empty() && !seen.emplace(sku, i).second) {
        errors.push_back(
            {prefix + "sku", "duplicate_in_batch",
             "This SKU is in the batch already (items[" + std::to_string(seen[sku]) + "])."});
        continue;
      }
      std::optional<Product> before;
      if (!sku.empty()) {
        ASSIGN_OR_RETURN(before, store::FindBySku(tx, sku));
      }
      befores[i] = before;
      std::vector<FieldError> own;
      Product p = before ? Apply(*before, items[i], false, before->currency, prefix, own)
                         : Apply(Product{}, items[i], true, store_settings.currency, prefix, own);
      if (!own.empty()) {
        errors.insert(errors.end(), own.begin(), own.end());
        continue;
      }
      if (!errors.empty()) continue;  // the batch fails anyway; keep collecting errors
      ProductInput without_components = items[i];
      without_components.components.reset();
      if (before && Changes(*before, p).empty()) {
        out.items.push_back(*before);
        ++out.unchanged;
        continue;
      }
      auto saved = Save(tx, actor, p, before, without_components, prefix, now);
      if (!saved.ok()) {
        if (saved.error().fields.empty()) return saved.error();
        errors.insert(errors.end(), saved.error().fields.begin(), saved.error().fields.end());
        continue;
      }
      out.items.push_back(*saved);
      ++(before ? out.updated : out.created);
    }
    if (!errors.empty()) return Error::Invalid("Some products are not valid.", std::move(errors));
    // Then the components.
    for (size_t i = 0; i < items.size(); ++i) {
      if (!items[i].components) continue;
      const std::string prefix = "items[" + std::to_string(i) + "].";
      ASSIGN_OR_RETURN(std::optional<Product> stored,
                       store::FindByPublicId(tx, out.items[i].public_id));
      ProductInput components_only;
      components_only.components = items[i].components;
      std::vector<FieldError> own;
      Product p = Apply(*stored, components_only, false, stored->currency, prefix, own);
      if (!own.empty()) {
        errors.insert(errors.end(), own.begin(), own.end());
        continue;
      }
      if (p.components == stored->components) continue;
      auto saved = Save(tx, actor, p, stored, components_only, prefix, now);
      if (!saved.ok()) {
        if (saved.error().fields.empty()) return saved.error();
        errors.insert(errors.end(), saved.error().fields.begin(), saved.error().fields.end());
        continue;
      }
      if (befores[i] && Changes(*befores[i], out.items[i]).empty()) {
        --out.unchanged;
        ++out.updated;
      }
      out.items[i] = *saved;
    }
    if (!errors.empty()) return Error::Invalid("Some products are not valid.", std::move(errors));
    return out;
  });
}

}  // namespace clientele::catalog
