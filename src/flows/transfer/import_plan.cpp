#include "flows/transfer/import_plan.hpp"

#include <map>
#include <regex>
#include <set>

#include "core/text.hpp"
#include "flows/transfer/columns.hpp"

namespace clientele::flows {
namespace {

constexpr const char* kReport = "A report of the old store (kept from orders here), not data.";
constexpr const char* kPassword =
    "Passwords are not imported: customers set a new one with a reset link.";
constexpr const char* kOneStore = "Clientele runs one store; there is no website or store view.";
constexpr const char* kWrittenAddress =
    "The written form of an address; its parts (line 1, city, …) are what is imported.";
constexpr const char* kNoStreet =
    "A place without a street is not an address; the customer's country is imported.";
constexpr const char* kMagentoNumber = "A number of the old store that means nothing here.";

// Export columns a file may hold that are not data to import.
const std::map<std::string, const char*>& ExportOnlyColumns() {
  static const std::map<std::string, const char*> columns = {
      {"orders_count", kReport},
      {"total_spent", kReport},
      {"first_order_at", kReport},
      {"last_order_at", kReport},
      {"balance", "Store credit is booked in the wallet, with its history, not imported."},
      {"last_activity_at", "Kept by the store from what the customer does."},
      {"last_login_at", "Kept by the store from what the customer does."},
      {"billing_address", kWrittenAddress},
      {"shipping_address", kWrittenAddress},
  };
  return columns;
}

std::vector<ImportTarget> MakeTargets() {
  std::vector<ImportTarget> out = {{"name", "Full name (split into first and last)"}};
  for (const auto& c : ExportColumns()) {
    if (ExportOnlyColumns().count(c.key)) continue;
    out.push_back({c.key, c.label});
    if (c.key == "consent_sms") out.push_back({"consent_messenger", "Messenger marketing"});
  }
  const std::pair<const char*, const char*> address[] = {
      {"address_first_name", "Address first name"},
      {"address_last_name", "Address last name"},
      {"address_company", "Address company"},
      {"address_line1", "Address line 1"},
      {"address_line2", "Address line 2"},
      {"address_street", "Address street (several lines)"},
      {"address_city", "Address city"},
      {"address_region", "Address region"},
      {"address_region_code", "Address region code"},
      {"address_postal_code", "Address postal code"},
      {"address_country", "Address country"},
      {"address_phone", "Address phone"},
      {"address_default_billing", "Address is the default billing address"},
      {"address_default_shipping", "Address is the default shipping address"},
  };
  for (const auto& [key, label] : address) out.push_back({key, label});
  return out;
}

struct Known {
  std::string header;
  const char* target;  // "" with a reason: not imported
  const char* reason = "";
};

// A platform's format: recognised when every one of `required` is a header.
struct Format {
  const char* name;
  const char* title;
  std::vector<std::string> required;
  std::vector<std::string> absent;  // and none of these is
  std::vector<Known> columns;
};

const std::vector<Known> kShopifyColumns = {
    {"Customer ID", "custom_fields.shopify_customer_id"},
    {"First Name", "first_name"},
    {"Last Name", "last_name"},
    {"Email", "email"},
    {"Accepts Email Marketing", "consent_email"},
    {"Accepts Marketing", "consent_email"},
    {"Accepts SMS Marketing", "consent_sms"},
    {"Accepts WhatsApp Marketing", "consent_messenger"},
    {"Default Address Company", "address_company"},
    {"Default Address Address1", "address_line1"},
    {"Default Address Address2", "address_line2"},
    {"Default Address City", "address_city"},
    {"Default Address Province Code", "address_region_code"},
    {"Default Address Country Code", "address_country"},
    {"Default Address Zip", "address_postal_code"},
    {"Default Address Phone", "address_phone"},
    // The 2022–23 export names the default address's columns plainly.
    {"Company", "address_company"},
    {"Address1", "address_line1"},
    {"Address2", "address_line2"},
    {"City", "address_city"},
    {"Province", "address_region"},
    {"Province Code", "address_region_code"},
    {"Country", "", "The country code column is imported instead."},
    {"Country Code", "address_country"},
    {"Zip", "address_postal_code"},
    {"Phone", "phone"},
    {"Total Spent", "", kReport},
    {"Total Orders", "", kReport},
    {"Note", "note"},
    {"Tax Exempt", "custom_fields.tax_exempt"},
    {"Tags", "tags"},
};

const std::vector<Known> kMagentoCustomerColumns = {
    {"email", "email"},
    {"_website", "", kOneStore},
    {"_store", "", kOneStore},
    {"website_id", "", kOneStore},
    {"store_id", "", kOneStore},
    {"created_in", "", kOneStore},
    {"confirmation", "", "A pending e-mail confirmation of the old store."},
    {"created_at", "registered_at"},
    {"updated_at", "", "Kept by the store."},
    {"disable_auto_group_change", "", "A setting of the old store."},
    {"dob", "custom_fields.dob"},
    {"firstname", "first_name"},
    {"lastname", "last_name"},
    {"middlename", "custom_fields.middlename"},
    {"prefix", "custom_fields.prefix"},
    {"suffix", "custom_fields.suffix"},
    {"gender", "custom_fields.gender"},
    {"taxvat", "custom_fields.taxvat"},
    {"group_id", "", "Magento's group number; put customers in groups by name after the import."},
    {"password_hash", "", kPassword},
    {"password", "", kPassword},
    {"rp_token", "", kPassword},
    {"rp_token_created_at", "", kPassword},
    {"reward_update_notification", "", "A setting of the old store."},
    {"reward_warning_notification", "", "A setting of the old store."},
};

// Magento's address columns, as the composite file prefixes them ("_address_city").
const std::vector<Known> kMagentoAddressColumns = {
    {"city", "address_city"},
    {"company", "address_company"},
    {"country_id", "address_country"},
    {"fax", "", "Fax numbers of addresses are not kept."},
    {"firstname", "address_first_name"},
    {"lastname", "address_last_name"},
    {"middlename", "", "Addresses hold a first and a last name."},
    {"prefix", "", "Addresses hold a first and a last name."},
    {"suffix", "", "Addresses hold a first and a last name."},
    {"postcode", "address_postal_code"},
    {"region", "address_region"},
    {"region_id", "", kMagentoNumber},
    {"street", "address_street"},
    {"telephone", "address_phone"},
    {"vat_id", "", "VAT numbers of addresses are not kept."},
    {"vat_is_valid", "", "VAT numbers of addresses are not kept."},
    {"vat_request_date", "", "VAT numbers of addresses are not kept."},
    {"vat_request_id", "", "VAT numbers of addresses are not kept."},
    {"vat_request_success", "", "VAT numbers of addresses are not kept."},
    {"_address_default_billing_", "address_default_billing"},
    {"_address_default_shipping_", "address_default_shipping"},
};

std::vector<Known> MagentoAddressFile() {
  std::vector<Known> out = {
      {"_website", "", kOneStore}, {"_email", "email"}, {"_entity_id", "", kMagentoNumber}};
  out.insert(out.end(), kMagentoAddressColumns.begin(), kMagentoAddressColumns.end());
  return out;
}

std::vector<Known> MagentoCompositeFile() {
  std::vector<Known> out = kMagentoCustomerColumns;
  for (Known k : kMagentoAddressColumns) {
    if (k.header.rfind("_address_", 0) != 0) k.header = "_address_" + k.header;
    out.push_back(k);
  }
  return out;
}

const std::vector<Known> kWooColumns = {
    {"Name", "name"},
    {"Username", "custom_fields.username"},
    {"Last Active", "", "Kept by the store from what the customer does."},
    {"Sign Up", "registered_at"},
    {"Email", "email"},
    {"Orders", "", kReport},
    {"Total Spend", "", kReport},
    {"AOV", "", kReport},
    {"Country / Region", "country"},
    {"City", "", kNoStreet},
    {"Region", "", kNoStreet},
    {"Postal Code", "", kNoStreet},
    {"Billing Phone", "phone"},
    {"Shipping Phone", "custom_fields.shipping_phone"},
    {"Role", "", "A WordPress role; customers here are customers."},
};

const std::vector<Format>& Formats() {
  static const std::vector<Format> formats = {
      {"shopify",
       "Shopify customer export",
       {"Customer ID", "Email", "Default Address Address1", "Total Spent"},
       {},
       kShopifyColumns},
      {"shopify_template",
       "Shopify customer import template",
       {"Email", "Default Address Address1"},
       {"Total Spent"},
       kShopifyColumns},
      {"shopify_2022",
       "Shopify customer export (2022–23)",
       {"Email", "Address1", "Province Code"},
       {},
       kShopifyColumns},
      {"magento_customer_composite",
       "Magento 2 customers and addresses",
       {"email", "_website", "_address_city"},
       {},
       MagentoCompositeFile()},
      {"magento_customer",
       "Magento 2 customers main file",
       {"email", "_website", "firstname"},
       {},
       kMagentoCustomerColumns},
      {"magento_customer_address",
       "Magento 2 customer addresses",
       {"_website", "_email", "street"},
       {},
       MagentoAddressFile()},
      {"woocommerce_customers",
       "WooCommerce customers report",
       {"Name", "Username", "Email", "Sign Up"},
       {},
       kWooColumns},
  };
  return formats;
}

// Column names of other files, lower-cased with spaces, '-' and '_' dropped, and the target
// they suggest.
const std::map<std::string, std::string>& Synonyms() {
  static const std::map<std::string, std::string> words = {
      {"email", "email"},
      {"emailaddress", "email"},
      {"mail", "email"},
      {"firstname", "first_name"},
      {"givenname", "first_name"},
      {"forename", "first_name"},
      {"lastname", "last_name"},
      {"surname", "last_name"},
      {"familyname", "last_name"},
      {"name", "name"},
      {"fullname", "name"},
      {"customername", "name"},
      {"phone", "phone"},
      {"phonenumber", "phone"},
      {"telephone", "phone"},
      {"tel", "phone"},
      {"mobile", "phone"},
      {"company", "company"},
      {"companyname", "company"},
      {"organisation", "company"},
      {"organization", "company"},
      {"country", "country"},
      {"countrycode", "country"},
      {"language", "language"},
      {"locale", "language"},
      {"group", "group"},
      {"customergroup", "group"},
      {"tags", "tags"},
      {"tag", "tags"},
      {"note", "note"},
      {"notes", "note"},
      {"comment", "note"},
      {"address", "address_line1"},
      {"address1", "address_line1"},
      {"addressline1", "address_line1"},
      {"street", "address_street"},
      {"address2", "address_line2"},
      {"addressline2", "address_line2"},
      {"city", "address_city"},
      {"town", "address_city"},
      {"state", "address_region"},
      {"province", "address_region"},
      {"region", "address_region"},
      {"county", "address_region"},
      {"zip", "address_postal_code"},
      {"zipcode", "address_postal_code"},
      {"postcode", "address_postal_code"},
      {"postalcode", "address_postal_code"},
      {"newsletter", "consent_email"},
      {"acceptsmarketing", "consent_email"},
      {"emailmarketing", "consent_email"},
      {"smsmarketing", "consent_sms"},
      {"registered", "registered_at"},
      {"createdat", "registered_at"},
      {"signup", "registered_at"},
  };
  return words;
}

std::string Squeeze(std::string_view header) {
  std::string out;
  for (char ch : NormalizeForSearch(header)) {
    if (ch != ' ' && ch != '-' && ch != '_') out += ch;
  }
  return out;
}

std::string CleanHeader(std::string_view header) {
  if (header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);
  return Trim(header);
}

const Format* Recognise(const std::set<std::string>& headers) {
  for (const auto& f : Formats()) {
    bool all = true;
    for (const auto& h : f.required) all = all && headers.count(h);
    for (const auto& h : f.absent) all = all && !headers.count(h);
    if (all) return &f;
  }
  return nullptr;
}

// Shopify's metafield columns: "Birthday (customer.metafields.facts.birth_date)".
std::string MetafieldTarget(const std::string& header) {
  static const std::regex kMetafield(R"(\(customer\.metafields\.([A-Za-z0-9_.-]{1,50})\)$)");
  std::smatch m;
  if (std::regex_search(header, m, kMetafield)) return "custom_fields." + m[1].str();
  return "";
}

bool IsCustomFieldTarget(std::string_view key) {
  static const std::regex kKey("^custom_fields\\.[A-Za-z0-9_.-]{1,64}$");
  return std::regex_match(key.begin(), key.end(), kKey);
}

}  // namespace

const std::vector<ImportTarget>& ImportTargets() {
  static const std::vector<ImportTarget> targets = MakeTargets();
  return targets;
}

bool IsImportTarget(std::string_view key) {
  if (IsCustomFieldTarget(key)) return true;
  for (const auto& t : ImportTargets()) {
    if (t.key == key) return true;
  }
  return false;
}

ImportPlan PlanImport(const std::vector<std::string>& raw_headers) {
  std::vector<std::string> headers;
  for (const auto& h : raw_headers) headers.push_back(CleanHeader(h));
  const std::set<std::string> present(headers.begin(), headers.end());
  ImportPlan plan;
  std::set<std::string> used;
  // A target goes to its first column only; a later one is reported, not imported twice.
  auto add = [&](const std::string& header, std::string target, std::string reason) {
    if (!target.empty() && !used.insert(target).second) {
      target.clear();
      reason = "Another column already fills this field.";
    }
    plan.columns.push_back({header, std::move(target), std::move(reason)});
  };

  if (const Format* f = Recognise(present)) {
    plan.format = f->name;
    plan.format_name = f->title;
    for (const auto& h : headers) {
      const Known* known = nullptr;
      for (const auto& k : f->columns) {
        if (h == k.header) known = &k;
      }
      if (known) {
        add(h, known->target, known->reason);
      } else if (std::string meta = MetafieldTarget(h); !meta.empty()) {
        add(h, meta, "");
      } else {
        add(h, "", "Not a column of this format.");
      }
    }
    return plan;
  }

  // Clientele's own export: its keys, as headers, and a column that finds the customer.
  bool own = present.count("email") || present.count("id");
  for (const auto& h : headers) {
    own = own && (IsImportTarget(h) || ExportOnlyColumns().count(h));
  }
  if (own) {
    plan.format = "clientele";
    plan.format_name = "Clientele customer export";
    for (const auto& h : headers) {
      auto only = ExportOnlyColumns().find(h);
      if (only != ExportOnlyColumns().end()) {
        add(h, "", only->second);
      } else {
        add(h, h, "");
      }
    }
    return plan;
  }

  plan.format = "other";
  plan.format_name = "Other file";
  for (const auto& h : headers) {
    const std::string squeezed = Squeeze(h);
    std::string target;
    if (auto s = Synonyms().find(squeezed); s != Synonyms().end()) {
      target = s->second;
    } else {
      for (const auto& t : ImportTargets()) {
        if (Squeeze(t.key) == squeezed || Squeeze(t.label) == squeezed) target = t.key;
      }
    }
    add(h, target, target.empty() ? "No field of that name; choose one or leave it out." : "");
  }
  return plan;
}

std::vector<FieldError> CheckMapping(size_t columns, const std::vector<std::string>& mapping) {
  std::vector<FieldError> errors;
  if (mapping.size() != columns) {
    errors.push_back({"mapping", "wrong_length",
                      "Give one target (or \"\") for each of the file's " +
                          std::to_string(columns) + " columns."});
    return errors;
  }
  std::map<std::string, size_t> first;
  bool finds = false;
  for (size_t i = 0; i < mapping.size(); ++i) {
    const std::string& target = mapping[i];
    if (target.empty()) continue;
    const std::string field = "mapping[" + std::to_string(i) + "]";
    if (!IsImportTarget(target)) {
      errors.push_back({field, "unknown_target", "There is no field " + target + " to import."});
      continue;
    }
    if (auto [it, fresh] = first.emplace(target, i); !fresh) {
      errors.push_back(
          {field, "duplicate_target",
           "Column " + std::to_string(it->second + 1) + " already fills " + target + "."});
    }
    finds = finds || target == "email" || target == "id";
  }
  if (!finds && errors.empty()) {
    errors.push_back({"mapping", "no_key",
                      "Map a column to email (or id), which finds or creates each customer."});
  }
  return errors;
}

}  // namespace clientele::flows
