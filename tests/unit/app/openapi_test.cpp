// The OpenAPI document and the server's routes describe the same API: every registered route is
// documented, and every documented operation is served.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "app/app.hpp"

namespace clientele {
namespace {

TEST(OpenApi, MatchesTheRouter) {
  auto path = std::filesystem::temp_directory_path() / "clientele-openapi-test.db";
  std::filesystem::remove(path);
  AppOptions options;
  options.db_url = "sqlite:" + path.string();
  auto app = App::Open(options);
  ASSERT_TRUE(app.ok()) << app.error().message;

  std::set<std::string> served;
  for (const auto& route : (*app)->router().routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    served.insert(method + " " + route.pattern);
  }
  auto doc = nlohmann::json::parse(OpenApiDocument());
  std::set<std::string> documented;
  for (const auto& [p, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method != "parameters") documented.insert(method + " " + p);
    }
  }
  for (const auto& r : served) EXPECT_TRUE(documented.count(r)) << "not documented: " << r;
  for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << "not served: " << d;
  std::filesystem::remove(path);
}

TEST(OpenApi, EveryOperationHasAnIdAndResponses) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> ids;
  for (const auto& [p, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      ASSERT_TRUE(op.contains("operationId")) << method << " " << p;
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << "duplicate id";
      EXPECT_FALSE(op["responses"].empty()) << method << " " << p;
    }
  }
}

}  // namespace
}  // namespace clientele
