// Route matching: literal over parameter precedence, 404, 405 with Allow, parameter decoding.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace clientele::http {
namespace {

// Each handler answers with its own name so a test can see which route won.
Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

Request Make(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.path = r.target.substr(0, r.target.find('?'));
  r.request_id = "rid-test";
  return r;
}

Router CustomerRoutes() {
  Router router;
  router.Add("GET", "/api/admin/customers", Named("list"));
  router.Add("POST", "/api/admin/customers", Named("create"));
  router.Add("GET", "/api/admin/customers/{id}", Named("get"));
  router.Add("PATCH", "/api/admin/customers/{id}", Named("update"));
  router.Add("GET", "/api/admin/customers/export", Named("export"));
  router.Add("GET", "/api/admin/customers/{id}/notes/{note}", Named("note"));
  router.Add("GET", "/api/admin/{area}/{id}/settings", Named("area-settings"));
  router.Add("GET", "/api/admin/customers/{id}/settings", Named("customer-settings"));
  router.Add("GET", "/", Named("root"));
  return router;
}

struct DispatchCase {
  std::string name;
  std::string method;
  std::string target;
  int status;
  std::string body;  // the winning route's name (checked for 200s only)
};
// Names the case in test listings instead of dumping its bytes.
void PrintTo(const DispatchCase& c, std::ostream* os) { *os << c.method << " " << c.target; }

class RouterDispatchTest : public testing::TestWithParam<DispatchCase> {};

TEST_P(RouterDispatchTest, PicksRoute) {
  Router router = CustomerRoutes();
  Request request = Make(GetParam().method, GetParam().target);
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, GetParam().status);
  if (GetParam().status == 200) {
    EXPECT_EQ(response.body, GetParam().body);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RouterDispatchTest,
    testing::Values(
        DispatchCase{"List", "GET", "/api/admin/customers", 200, "list"},
        DispatchCase{"ListWithQuery", "GET", "/api/admin/customers?q=anna", 200, "list"},
        DispatchCase{"Create", "POST", "/api/admin/customers", 200, "create"},
        DispatchCase{"ParamRoute", "GET", "/api/admin/customers/cus_1", 200, "get"},
        DispatchCase{"LiteralBeatsParam", "GET", "/api/admin/customers/export", 200, "export"},
        // PATCH has no literal "export" route, so the parameter route takes it.
        DispatchCase{"ParamWhenLiteralHasOtherMethod", "PATCH", "/api/admin/customers/export", 200,
                     "update"},
        DispatchCase{"EarlierLiteralWins", "GET", "/api/admin/customers/cus_1/settings", 200,
                     "customer-settings"},
        DispatchCase{"ParamInMiddle", "GET", "/api/admin/orders/o_1/settings", 200,
                     "area-settings"},
        DispatchCase{"TwoParams", "GET", "/api/admin/customers/cus_1/notes/n_2", 200, "note"},
        DispatchCase{"Root", "GET", "/", 200, "root"},
        DispatchCase{"EncodedLiteral", "GET", "/api/%61dmin/customers", 200, "list"},
        DispatchCase{"HeadFallsBackToGet", "HEAD", "/api/admin/customers/cus_1", 200, "get"},
        DispatchCase{"UnknownPath", "GET", "/api/admin/nothing", 404, ""},
        DispatchCase{"TrailingSlash", "GET", "/api/admin/customers/", 404, ""},
        DispatchCase{"TooDeep", "GET", "/api/admin/customers/cus_1/notes/n_2/x", 404, ""},
        DispatchCase{"NotOriginForm", "GET", "*", 404, ""},
        DispatchCase{"WrongMethod", "DELETE", "/api/admin/customers/cus_1", 405, ""}),
    [](const auto& info) { return info.param.name; });

TEST(RouterTest, NotFoundIsAProblem) {
  Router router = CustomerRoutes();
  Request request = Make("GET", "/nope");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.Get("content-type"), "application/problem+json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["code"], "route_not_found");
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["request_id"], "rid-test");
}

TEST(RouterTest, MethodNotAllowedListsAllowedMethods) {
  Router router = CustomerRoutes();
  Request request = Make("DELETE", "/api/admin/customers/cus_1");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers.Get("allow"), "GET, PATCH, HEAD");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["code"], "method_not_allowed");
  EXPECT_EQ(body["status"], 405);
  EXPECT_EQ(body["request_id"], "rid-test");
}

TEST(RouterTest, AllowIncludesMethodsOfParamAndLiteralRoutes) {
  Router router;
  router.Add("POST", "/items/{id}", Named("a"));
  router.Add("PUT", "/items/special", Named("b"));
  router.Add("POST", "/items/special", Named("c"));
  Request request = Make("GET", "/items/special");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers.Get("allow"), "POST, PUT");
}

TEST(RouterTest, PathParamsArePercentDecoded) {
  Router router;
  std::string seen;
  router.Add("GET", "/files/{name}/{part}", [&](Request& r) {
    seen = *r.PathParam("name") + "|" + *r.PathParam("part");
    return Response::NoContent();
  });
  // An encoded '/' stays inside its segment; '+' is not a space in a path.
  Request request = Make("GET", "/files/a%2Fb%20c/x+y?download=1");
  EXPECT_EQ(router.Dispatch(request).status, 204);
  EXPECT_EQ(seen, "a/b c|x+y");
}

TEST(RouterTest, MalformedEscapeInParamIsPassedAsTyped) {
  Router router;
  router.Add("GET", "/c/{id}", [](Request& r) { return Response::Text(200, *r.PathParam("id")); });
  Request request = Make("GET", "/c/100%zz");
  EXPECT_EQ(router.Dispatch(request).body, "100%zz");
}

TEST(RouterTest, UsesPathWhenTargetIsEmpty) {
  Router router;
  router.Add("GET", "/c/{id}", [](Request& r) { return Response::Text(200, *r.PathParam("id")); });
  Request request;
  request.method = "GET";
  request.path = "/c/cus_9";
  EXPECT_EQ(router.Dispatch(request).body, "cus_9");
}

TEST(RouterTest, LeftmostLiteralDecides) {
  Router router;
  router.Add("GET", "/a/{x}/b", Named("param-first"));
  router.Add("GET", "/a/b/{y}", Named("literal-first"));
  Request request = Make("GET", "/a/b/b");
  EXPECT_EQ(router.Dispatch(request).body, "literal-first");
}

TEST(RouterTest, FirstRegisteredWinsATie) {
  Router router;
  router.Add("GET", "/x/{a}", Named("first"));
  router.Add("GET", "/x/{b}", Named("second"));
  Request request = Make("GET", "/x/1");
  EXPECT_EQ(router.Dispatch(request).body, "first");
}

TEST(RouterTest, PreviousPathParamsAreCleared) {
  Router router;
  router.Add("GET", "/c/{id}",
             [](Request& r) { return Response::Text(200, std::to_string(r.path_params.size())); });
  Request request = Make("GET", "/c/1");
  request.path_params["stale"] = "x";
  EXPECT_EQ(router.Dispatch(request).body, "1");
}

}  // namespace
}  // namespace clientele::http
