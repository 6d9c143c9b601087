#include "modules/catalog/model.hpp"

#include <algorithm>
#include <set>

#include "core/money.hpp"
#include "core/text.hpp"

namespace clientele::catalog {

const char* ToString(PackageType p) {
  switch (p) {
    case PackageType::kNone:
      return "";
    case PackageType::kFile:
      return "file";
    case PackageType::kBundle:
      return "bundle";
    case PackageType::kCombo:
      return "combo";
  }
  return "";
}

std::optional<PackageType> ParsePackageType(const std::string& s) {
  if (s.empty()) return PackageType::kNone;
  if (s == "file") return PackageType::kFile;
  if (s == "bundle") return PackageType::kBundle;
  if (s == "combo") return PackageType::kCombo;
  return std::nullopt;
}

bool IsSafeStoragePath(const std::string& path) {
  if (path.empty() || path.size() > 500 || path.front() == '/' ||
      path.find('\\') != std::string::npos || !IsCleanUtf8(path, false)) {
    return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash == std::string::npos ? slash : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

namespace {

bool IsSku(const std::string& sku) {
  return !sku.empty() && sku.size() <= kMaxSku &&
         std::all_of(sku.begin(), sku.end(), [](char ch) { return ch > ' ' && ch < 127; });
}

bool IsMediaType(const std::string& t) {
  const size_t slash = t.find('/');
  return t.size() <= 100 && slash != std::string::npos && slash > 0 && slash + 1 < t.size() &&
         std::all_of(t.begin(), t.end(), [](char ch) {
           return std::isalnum(static_cast<unsigned char>(ch)) || ch == '/' || ch == '.' ||
                  ch == '+' || ch == '-';
         });
}

bool IsWebUrl(const std::string& url) {
  return url.size() <= 2000 && (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) &&
         url.find_first_of(" \t\r\n\"<>") == std::string::npos;
}

}  // namespace

Product Apply(Product p, const ProductInput& in, bool creating, const std::string& default_currency,
              const std::string& prefix, std::vector<FieldError>& errors) {
  auto error = [&](const std::string& field, const char* code, const char* message) {
    errors.push_back({prefix + field, code, message});
  };
  if (in.sku) {
    const std::string sku = Trim(*in.sku);
    if (!IsSku(sku)) {
      error("sku", "invalid_sku", "A SKU is 1 to 64 printable characters without spaces.");
    }
    p.sku = sku;
  } else if (creating) {
    error("sku", "required", "Every product needs a SKU.");
  }
  if (in.name) {
    std::vector<FieldError> own;
    if (auto name = CleanText(*in.name, "name", kMaxName, false, own); name && !name->empty()) {
      p.name = *name;
    } else {
      error("name", own.empty() ? "required" : own[0].code.c_str(),
            own.empty() ? "Name the product." : own[0].message.c_str());
    }
  } else if (creating) {
    error("name", "required", "Name the product.");
  }
  if (in.price) {
    if (*in.price < 0 || *in.price > kMaxMinorAmount) {
      error("price", "invalid_price",
            "A price is a whole number of minor units (cents), 0 or more.");
    }
    p.price = *in.price;
  } else if (creating) {
    error("price", "required", "Give the price in minor units (cents).");
  }
  if (in.currency) {
    if (!IsCurrency(*in.currency)) {
      error("currency", "invalid_currency",
            "Use an ISO 4217 currency code in capitals, such as EUR.");
    }
    p.currency = *in.currency;
  } else if (creating) {
    p.currency = default_currency;
  }
  if (in.image_url) {
    const std::string url = Trim(*in.image_url);
    if (!url.empty() && !IsWebUrl(url)) {
      error("image_url", "invalid_url", "Use an http:// or https:// address of the image.");
    }
    p.image_url = url;
  }
  if (in.digital) p.digital = *in.digital;
  if (in.package_type) {
    if (auto t = ParsePackageType(*in.package_type)) {
      p.package = *t;
    } else {
      error("package_type", "invalid_package_type", "Use file, bundle or combo.");
    }
  } else if (p.digital && p.package == PackageType::kNone) {
    p.package = PackageType::kFile;
  }
  if (!p.digital && p.package != PackageType::kNone) {
    error("package_type", "not_digital", "Only digital products have a package type.");
  }
  if (p.digital && p.package == PackageType::kNone) {
    error("package_type", "required", "A digital product is a file, a bundle or a combo.");
  }
  if (in.files) {
    if (in.files->size() > kMaxFiles) error("files", "too_many", "At most 100 files per product.");
    p.files.clear();
    for (size_t i = 0; i < in.files->size() && i < kMaxFiles; ++i) {
      const FileInput& f = (*in.files)[i];
      const std::string at = "files[" + std::to_string(i) + "].";
      ProductFile file;
      file.name = Trim(f.name);
      if (file.name.empty() || CodePointCount(file.name) > kMaxName ||
          !IsCleanUtf8(file.name, false)) {
        error(at + "name", "invalid_name", "A file's name is 1 to 200 characters.");
      }
      file.size_bytes = f.size_bytes;
      if (f.size_bytes < 0) error(at + "size_bytes", "invalid_size", "A size is 0 or more bytes.");
      file.media_type = f.media_type.empty() ? "application/octet-stream" : f.media_type;
      if (!IsMediaType(file.media_type)) {
        error(at + "media_type", "invalid_media_type", "Use a media type such as application/pdf.");
      }
      file.storage_path = f.storage_path;
      if (!IsSafeStoragePath(f.storage_path)) {
        error(at + "storage_path", "invalid_path",
              "A path inside the store's file folder, such as books/guide.pdf (no \"..\").");
      }
      p.files.push_back(std::move(file));
    }
  }
  if (!p.files.empty() && !p.digital) {
    error("files", "not_digital", "Only digital products have files to download.");
  }
  if (in.components) {
    if (in.components->size() > kMaxComponents) {
      error("components", "too_many", "At most 100 products in a bundle or combo.");
    }
    std::set<std::string> seen;
    p.components.clear();
    for (const std::string& raw : *in.components) {
      const std::string sku = Trim(raw);
      if (sku == p.sku) {
        error("components", "contains_itself", "A bundle cannot contain itself.");
      } else if (seen.insert(sku).second) {
        p.components.push_back(sku);
      }
    }
  }
  const bool bundles = p.package == PackageType::kBundle || p.package == PackageType::kCombo;
  if (!p.components.empty() && !bundles) {
    error("components", "not_a_bundle", "Only bundles and combos contain other products.");
  }
  return p;
}

}  // namespace clientele::catalog
