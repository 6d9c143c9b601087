// The admin UI's static files: content types, the single-page-app fallback, path traversal,
// gzip selection, cache and security headers.
#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace clientele::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndexHtml = "<!doctype html><title>Clientele</title>";
constexpr const char* kAppJs = "console.log('app')";
constexpr const char* kAppJsGz = "\x1f\x8b pretend-gzip";

// A temporary web root laid out like the Vite build, removed when the test ends.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("clientele-static-" + std::to_string(rd()));
    fs::create_directories(root_ / "assets");
    Write("index.html", kIndexHtml);
    Write("assets/index-3f9a1c.js", kAppJs);
    Write("assets/index-3f9a1c.js.gz", kAppJsGz);
    Write("assets/index-77bd02.css", "body{}");
    Write("assets/index-3f9a1c.js.map", "{}");
    Write("assets/inter-a1b2.woff2", "wOF2");
    Write("favicon.svg", "<svg/>");
    Write("favicon.ico", "ico");
    Write("logo.png", "png");
    Write("manifest.json", "{}");
    Write("backup.tar.gz", "lone archive");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(root_ / rel, std::ios::binary) << content;
  }

  StaticFiles Files() const { return StaticFiles(root_, "/admin/"); }

  static Request Get(std::string target, std::string method = "GET") {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    auto path = PercentDecode(r.target.substr(0, r.target.find('?')), false);
    r.path = path.value_or("");
    return r;
  }

  fs::path root_;
};

TEST_F(StaticFilesTest, ReadsEveryFileButCountsGzipVariantsWithTheirOriginals) {
  // 10 files written; the .js.gz belongs to its .js, the lone .tar.gz is a file of its own.
  EXPECT_EQ(Files().file_count(), 10u);
}

TEST_F(StaticFilesTest, PathsOutsideThePrefixAreNotServed) {
  StaticFiles files = Files();
  for (const char* target :
       {"/", "/api/admin/customers", "/healthz", "/administrator", "/adminx/"}) {
    SCOPED_TRACE(target);
    EXPECT_FALSE(files.Serve(Get(target)).has_value());
  }
}

TEST_F(StaticFilesTest, ContentTypesByExtension) {
  struct Case {
    const char* target;
    const char* content_type;
  };
  const Case cases[] = {
      {"/admin/", "text/html; charset=utf-8"},
      {"/admin/index.html", "text/html; charset=utf-8"},
      {"/admin/assets/index-3f9a1c.js", "text/javascript; charset=utf-8"},
      {"/admin/assets/index-77bd02.css", "text/css; charset=utf-8"},
      {"/admin/assets/index-3f9a1c.js.map", "application/json"},
      {"/admin/assets/inter-a1b2.woff2", "font/woff2"},
      {"/admin/favicon.svg", "image/svg+xml"},
      {"/admin/favicon.ico", "image/x-icon"},
      {"/admin/logo.png", "image/png"},
      {"/admin/manifest.json", "application/json"},
      {"/admin/backup.tar.gz", "application/gzip"},
  };
  StaticFiles files = Files();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target);
    auto r = files.Serve(Get(c.target));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->headers.Get("content-type"), c.content_type);
    EXPECT_EQ(r->headers.Get("content-encoding"), std::nullopt);
  }
  EXPECT_EQ(StaticFiles::ContentTypeFor("a/b/FILE.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentTypeFor("README"), "application/octet-stream");
  EXPECT_EQ(StaticFiles::ContentTypeFor("x.unknown"), "application/octet-stream");
}

TEST_F(StaticFilesTest, AppRoutesFallBackToIndexHtml) {
  StaticFiles files = Files();
  for (const char* target :
       {"/admin/", "/admin/customers", "/admin/customers/", "/admin/customers/cus_7k2m9q4x8c1v5b3n",
        "/admin/customers?q=smith&sort=-registered", "/admin/assets/", "/admin/audit"}) {
    SCOPED_TRACE(target);
    auto r = files.Serve(Get(target));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, kIndexHtml);
    EXPECT_EQ(r->headers.Get("cache-control"), "no-cache");
  }
}

TEST_F(StaticFilesTest, MissingFilesWithADotAre404) {
  StaticFiles files = Files();
  for (const char* target :
       {"/admin/assets/missing-123.js", "/admin/robots.txt", "/admin/x.y/z.js"}) {
    SCOPED_TRACE(target);
    auto r = files.Serve(Get(target));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 404);
    EXPECT_NE(r->body, kIndexHtml);
  }
}

TEST_F(StaticFilesTest, BarePrefixRedirectsToTheSlash) {
  auto r = Files().Serve(Get("/admin?next=x"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 301);
  EXPECT_EQ(r->headers.Get("location"), "/admin/?next=x");
}

TEST_F(StaticFilesTest, PathTraversalAndSmugglingAre404) {
  StaticFiles files = Files();
  for (const char* target : {
           "/admin/../admin/index.html",
           "/admin/assets/../index.html",
           "/admin/%2e%2e/secret.txt",
           "/admin/%2E%2E/%2E%2E/etc/passwd",
           "/admin/./index.html",
           "/admin/assets%2findex-3f9a1c.js",
           "/admin/assets%2Findex-3f9a1c.js",
           "/admin/assets%5cindex-3f9a1c.js",
           "/admin/assets\\index-3f9a1c.js",
           "/admin/index.html%00.png",
           "/admin//index.html",
           "/admin/assets//index-3f9a1c.js",
           "/admin/..",
           "/admin/customers/%0a",
       }) {
    SCOPED_TRACE(target);
    auto r = files.Serve(Get(target));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 404);
    EXPECT_NE(r->body, kIndexHtml);
    EXPECT_NE(r->body, kAppJs);
  }
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
  StaticFiles files = Files();
  auto head = files.Serve(Get("/admin/assets/index-3f9a1c.js", "HEAD"));
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers.Get("content-type"), "text/javascript; charset=utf-8");
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    SCOPED_TRACE(method);
    auto r = files.Serve(Get("/admin/customers", method));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 405);
    EXPECT_EQ(r->headers.Get("allow"), "GET, HEAD");
  }
}

TEST_F(StaticFilesTest, GzipVariantIsChosenByAcceptEncoding) {
  struct Case {
    std::optional<std::string> accept_encoding;
    bool gzip;
  };
  const Case cases[] = {
      {std::nullopt, false},
      {"gzip", true},
      {"gzip, deflate, br, zstd", true},
      {"br;q=1.0, GZIP;q=0.5", true},
      {"x-gzip", true},
      {"*", true},
      {"identity", false},
      {"br", false},
      {"gzip;q=0", false},
      {"gzip;q=0.000", false},
      {"*, gzip;q=0", false},
      {"*;q=0", false},
  };
  StaticFiles files = Files();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.accept_encoding.value_or("(none)"));
    Request req = Get("/admin/assets/index-3f9a1c.js");
    if (c.accept_encoding) req.headers.Set("Accept-Encoding", *c.accept_encoding);
    auto r = files.Serve(req);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, c.gzip ? kAppJsGz : kAppJs);
    EXPECT_EQ(r->headers.Get("content-encoding"),
              c.gzip ? std::optional<std::string>("gzip") : std::nullopt);
    EXPECT_EQ(r->headers.Get("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(r->headers.Get("vary"), "accept-encoding");
  }
}

TEST_F(StaticFilesTest, FilesWithoutAGzipVariantAreServedPlainWithoutVary) {
  Request req = Get("/admin/assets/index-77bd02.css");
  req.headers.Set("accept-encoding", "gzip");
  auto r = Files().Serve(req);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "body{}");
  EXPECT_EQ(r->headers.Get("content-encoding"), std::nullopt);
  EXPECT_EQ(r->headers.Get("vary"), std::nullopt);
}

TEST_F(StaticFilesTest, GzipFilesAreNotServedAsTheirOwnUrls) {
  auto r = Files().Serve(Get("/admin/assets/index-3f9a1c.js.gz"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 404);
}

TEST_F(StaticFilesTest, CacheHeaders) {
  StaticFiles files = Files();
  auto asset = files.Serve(Get("/admin/assets/index-3f9a1c.js"));
  ASSERT_TRUE(asset.has_value());
  EXPECT_EQ(asset->headers.Get("cache-control"), "public, max-age=31536000, immutable");
  auto index = files.Serve(Get("/admin/"));
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->headers.Get("cache-control"), "no-cache");
  auto favicon = files.Serve(Get("/admin/favicon.svg"));
  ASSERT_TRUE(favicon.has_value());
  EXPECT_EQ(favicon->headers.Get("cache-control"), "no-cache");
}

TEST_F(StaticFilesTest, ETagRevalidationAnswers304) {
  StaticFiles files = Files();
  auto first = files.Serve(Get("/admin/"));
  ASSERT_TRUE(first.has_value());
  auto etag = first->headers.Get("etag");
  ASSERT_TRUE(etag.has_value());
  EXPECT_EQ(etag->front(), '"');

  Request again = Get("/admin/customers");
  again.headers.Set("if-none-match", "\"other\", W/" + *etag);
  auto second = files.Serve(again);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  EXPECT_EQ(second->headers.Get("etag"), etag);

  // The gzip variant has its own validator.
  Request plain = Get("/admin/assets/index-3f9a1c.js");
  Request gz = plain;
  gz.headers.Set("accept-encoding", "gzip");
  EXPECT_NE(files.Serve(plain)->headers.Get("etag"), files.Serve(gz)->headers.Get("etag"));
}

TEST_F(StaticFilesTest, SecurityHeadersOnHtml) {
  auto r = Files().Serve(Get("/admin/settings"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->headers.Get("content-security-policy"),
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "frame-ancestors 'none'");
  EXPECT_EQ(r->headers.Get("x-content-type-options"), "nosniff");
  EXPECT_EQ(r->headers.Get("referrer-policy"), "same-origin");

  auto js = Files().Serve(Get("/admin/assets/index-3f9a1c.js"));
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->headers.Get("x-content-type-options"), "nosniff");
  EXPECT_EQ(js->headers.Get("content-security-policy"), std::nullopt);
}

TEST_F(StaticFilesTest, ContentIsReadOnceAtStartUp) {
  StaticFiles files = Files();
  fs::remove_all(root_);
  auto r = files.Serve(Get("/admin/assets/index-3f9a1c.js"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, kAppJs);
}

TEST_F(StaticFilesTest, MissingRootSaysTheUiIsNotBuilt) {
  StaticFiles files(root_ / "does-not-exist", "admin");
  EXPECT_EQ(files.url_prefix(), "/admin/");
  EXPECT_EQ(files.file_count(), 0u);
  auto r = files.Serve(Get("/admin/"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(r->body.find("not been built"), std::string::npos);
}

}  // namespace
}  // namespace clientele::http
