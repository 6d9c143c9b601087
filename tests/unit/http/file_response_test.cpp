// Byte ranges and file downloads: single ranges, suffixes, open ends, ranges past the end
// (416), malformed or multiple ranges (the whole file), If-Range, and the bytes streamed.
#include "http/file_response.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace clientele::http {
namespace {

TEST(ParseRange, ResolvesTheUsualForms) {
  auto r = ParseRange("bytes=0-99", 1000);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, 0u);
  EXPECT_EQ(r->length, 100u);
  r = ParseRange("bytes=900-", 1000);
  EXPECT_EQ(r->start, 900u);
  EXPECT_EQ(r->length, 100u);
  r = ParseRange("bytes=-10", 1000);
  EXPECT_EQ(r->start, 990u);
  EXPECT_EQ(r->length, 10u);
  r = ParseRange("bytes=-5000", 1000);
  EXPECT_EQ(r->start, 0u);
  EXPECT_EQ(r->length, 1000u);
  r = ParseRange("bytes=990-5000", 1000);
  EXPECT_EQ(r->length, 10u);
}

TEST(ParseRange, PastTheEndIsUnsatisfiable) {
  EXPECT_EQ(ParseRange("bytes=1000-", 1000)->length, 0u);
  EXPECT_EQ(ParseRange("bytes=-0", 1000)->length, 0u);
}

TEST(ParseRange, MalformedOrSeveralRangesMeanTheWholeBody) {
  for (const char* h : {"bytes=a-b", "bytes=5-1", "items=0-1", "bytes=0-1,5-6", "bytes=", "0-1"}) {
    EXPECT_FALSE(ParseRange(h, 1000)) << h;
  }
}

std::string Drain(BodySource& s) {
  std::string out;
  char buf[7];
  while (size_t n = s.Read(buf, sizeof buf)) out.append(buf, n);
  return out;
}

TEST(FileResponse, ServesTheFileOrTheRangeAsked) {
  auto path = std::filesystem::temp_directory_path() / "clientele-file-response-test.bin";
  {
    std::ofstream f(path, std::ios::binary);
    f << "0123456789abcdefghij";
  }
  Request req;
  req.method = "GET";
  Served served;
  Response full = FileResponse(req, path, "application/pdf", "Übung 1.pdf", &served);
  EXPECT_EQ(full.status, 200);
  ASSERT_TRUE(full.source);
  EXPECT_EQ(full.source->size(), 20u);
  EXPECT_EQ(Drain(*full.source), "0123456789abcdefghij");
  EXPECT_EQ(full.headers.Get("content-type"), "application/pdf");
  EXPECT_EQ(full.headers.Get("content-disposition"),
            "attachment; filename=\"__bung 1.pdf\"; filename*=UTF-8''%C3%9Cbung%201.pdf");
  EXPECT_TRUE(served.found);

  req.headers.Set("range", "bytes=5-9");
  Response part = FileResponse(req, path, "application/pdf", "a.pdf", &served);
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.headers.Get("content-range"), "bytes 5-9/20");
  EXPECT_EQ(Drain(*part.source), "56789");
  EXPECT_EQ(served.start, 5u);
  EXPECT_EQ(served.length, 5u);

  // If-Range with another version of the file: the whole file.
  req.headers.Set("if-range", "\"other\"");
  EXPECT_EQ(FileResponse(req, path, "application/pdf", "a.pdf", nullptr).status, 200);
  req.headers.Set("if-range", *full.headers.Get("etag"));
  EXPECT_EQ(FileResponse(req, path, "application/pdf", "a.pdf", nullptr).status, 206);

  Request past;
  past.method = "GET";
  past.headers.Set("range", "bytes=20-");
  Response none = FileResponse(past, path, "application/pdf", "a.pdf", nullptr);
  EXPECT_EQ(none.status, 416);
  EXPECT_EQ(none.headers.Get("content-range"), "bytes */20");

  std::filesystem::remove(path);
  EXPECT_EQ(FileResponse(req, path, "application/pdf", "a.pdf", &served).status, 404);
  EXPECT_FALSE(served.found);
}

}  // namespace
}  // namespace clientele::http
