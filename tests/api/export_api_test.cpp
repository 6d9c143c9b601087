// Customer exports over HTTP against the real binary on SQLite and PostgreSQL: a filtered list
// or chosen customers become a CSV or HTML file through a job, downloaded afterwards; the CSV
// reads back with the project's CSV reader into exactly the customers and columns asked for;
// bad settings are refused with field errors and start nothing.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <regex>
#include <set>

#include "formats/csv_reader.hpp"
#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

class ExportApi : public SharedServerSuite {
 protected:
  std::string Customer(const json& body) {
    auto r = server().Admin("POST", "/api/admin/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  // Starts an export and waits for it to end; returns the job.
  json Export(const json& body) {
    auto r = server().Admin("POST", "/api/admin/exports", body);
    EXPECT_EQ(r.status, 202) << r.body;
    return WaitForJob(server(), r.json().value("id", ""), [](const json& job) {
      const std::string state = job.value("state", "");
      return state != "queued" && state != "running";
    });
  }
  static Rows ReadCsv(const std::string& text) {
    formats::CsvReader reader = formats::CsvReader::OfText(text);
    Rows rows;
    std::vector<std::string> fields;
    while (reader.Next(fields)) rows.push_back(fields);
    EXPECT_FALSE(reader.error()) << *reader.error();
    return rows;
  }
};

TEST_P(ExportApi, AFilteredListBecomesACsvThatReadsBack) {
  const std::string tag = "export-" + GetParam();
  const std::string ann = Customer({{"email", "ann.export." + GetParam() + "@example.com"},
                                    {"first_name", "Ann"},
                                    {"last_name", "Lee, Jr."},
                                    {"note", "Line one\nline \"two\""},
                                    {"tags", {tag}}});
  const std::string noor = Customer({{"email", "noor.export." + GetParam() + "@example.com"},
                                     {"first_name", "نور"},
                                     {"last_name", "الهدى"},
                                     {"tags", {tag}}});
  Customer({{"email", "other.export." + GetParam() + "@example.com"}, {"first_name", "Other"}});
  json address = {{"line1", "Hauptstraße 5"}, {"city", "Berlin"},    {"postal_code", "10115"},
                  {"country", "DE"},          {"first_name", "Ann"}, {"last_name", "Lee"},
                  {"default_billing", true}};
  ASSERT_EQ(server().Admin("POST", "/api/admin/customers/" + ann + "/addresses", address).status,
            201);

  json job = Export(
      {{"format", "csv"},
       {"columns",
        {"id", "first_name", "last_name", "note", "tags", "billing_address", "billing_city"}},
       {"filter", {{"tag", tag}, {"sort", "registered"}}}});
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job.value("done", 0), 2);
  EXPECT_EQ(job.value("total", 0), 2);
  const json& result = job["result"];
  EXPECT_EQ(result.value("rows", 0), 2);
  EXPECT_EQ(result.value("format", ""), "csv");
  EXPECT_EQ(result.value("file_name", "").substr(0, 10), "customers-");
  const std::string download = result.value("download", "");
  ASSERT_EQ(download, "/api/admin/exports/" + job.value("id", "") + "/file");

  auto file = server().Admin("GET", download);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(file.headers["content-disposition"].find(result.value("file_name", "")),
            std::string::npos);
  EXPECT_EQ(static_cast<int64_t>(file.body.size()), result.value("bytes", int64_t{0}));
  const Rows rows = ReadCsv(file.body);
  ASSERT_EQ(rows.size(), 3u) << file.body;
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "first_name", "last_name", "note", "tags",
                                               "billing_address", "billing_city"}));
  EXPECT_EQ(rows[1],
            (std::vector<std::string>{ann, "Ann", "Lee, Jr.", "Line one\nline \"two\"", tag,
                                      "Ann Lee\nHauptstraße 5\n10115 Berlin\nGermany", "Berlin"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{noor, "نور", "الهدى", "", tag, "", ""}));
}

TEST_P(ExportApi, ChosenCustomersBecomeAnHtmlTable) {
  const std::string a = Customer({{"email", "html.a." + GetParam() + "@example.com"},
                                  {"first_name", "<b>Bold</b>"},
                                  {"last_name", "山田"}});
  const std::string b =
      Customer({{"email", "html.b." + GetParam() + "@example.com"}, {"first_name", "Zoë"}});
  json job = Export({{"format", "html"}, {"ids", {a, b, "cus_gone0000000000000"}}});
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job["result"].value("rows", 0), 2) << "an unknown id is left out";
  auto file = server().Admin("GET", job["result"].value("download", ""));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(file.body.find("<th scope=\"col\">E-mail</th>"), std::string::npos);
  EXPECT_NE(file.body.find("&lt;b&gt;Bold&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(file.body.find("<b>Bold"), std::string::npos) << "names are escaped";
  EXPECT_NE(file.body.find("山田"), std::string::npos);
  EXPECT_NE(file.body.find("3 chosen customers"), std::string::npos);
  EXPECT_EQ(file.body.substr(file.body.size() - 8), "</html>\n");
}

// Runs a shell command; returns what it printed.
std::string Output(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

// Names in four scripts, exported as a PDF (read back by poppler's pdftotext, so the text is in
// the file, not only drawn) and as an XLSX workbook (a zip of sheets; its cells are read back by
// the browser test with a spreadsheet reader).
TEST_P(ExportApi, PdfAndXlsxHoldEveryScript) {
  const std::string tag = "scripts-" + GetParam();
  const std::vector<std::pair<std::string, std::string>> names = {
      {"Дмитрий", "Николаев"}, {"太郎", "山田"}, {"प्रिया", "शर्मा"}, {"نور", "الهدى"}};
  for (size_t i = 0; i < names.size(); ++i) {
    Customer({{"email", "script" + std::to_string(i) + "." + GetParam() + "@example.com"},
              {"first_name", names[i].first},
              {"last_name", names[i].second},
              {"tags", {tag}}});
  }
  json pdf = Export({{"format", "pdf"}, {"filter", {{"tag", tag}}}});
  ASSERT_EQ(pdf.value("state", ""), "succeeded") << pdf.dump();
  auto file = server().Admin("GET", pdf["result"].value("download", ""));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.headers["content-type"], "application/pdf");
  const std::string path = ::testing::TempDir() + "export-" + GetParam() + ".pdf";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(file.body.data(), 1, file.body.size(), f);
    std::fclose(f);
  }
  const std::string info = Output("pdfinfo '" + path + "'");
  const size_t pages = info.find("Pages:");
  ASSERT_NE(pages, std::string::npos) << info;
  EXPECT_EQ(std::stoi(info.substr(pages + 6)), 1) << info;
  const std::string text = Output("pdftotext -enc UTF-8 '" + path + "' -");
  for (const char* expected : {"Customers", "Page 1", "Николаев", "山田", "E-mail"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
  }

  json xlsx = Export({{"format", "xlsx"}, {"filter", {{"tag", tag}}}});
  ASSERT_EQ(xlsx.value("state", ""), "succeeded") << xlsx.dump();
  auto book = server().Admin("GET", xlsx["result"].value("download", ""));
  ASSERT_EQ(book.status, 200);
  EXPECT_EQ(book.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(book.body.substr(0, 4), std::string("PK\x03\x04", 4)) << "a zip container";
  EXPECT_EQ(xlsx["result"].value("rows", 0), 4);
}

TEST_P(ExportApi, BadSettingsAreRefusedAndStartNothing) {
  auto count_exports = [&] {
    return server()
        .Admin("GET", "/api/admin/jobs?kind=customer_export&limit=100")
        .json()["items"]
        .size();
  };
  const size_t before = count_exports();
  auto format = server().Admin("POST", "/api/admin/exports", {{"format", "docx"}});
  EXPECT_EQ(format.status, 422);
  EXPECT_EQ(format.json()["errors"][0].value("field", ""), "format");
  auto column = server().Admin("POST", "/api/admin/exports",
                               {{"format", "csv"}, {"columns", {"email", "password_hash"}}});
  EXPECT_EQ(column.status, 422);
  EXPECT_EQ(column.json()["errors"][0].value("field", ""), "columns[1]");
  EXPECT_EQ(column.json()["errors"][0].value("code", ""), "unknown_column");
  auto filter = server().Admin("POST", "/api/admin/exports",
                               {{"format", "csv"}, {"filter", {{"status", "sleeping"}}}});
  EXPECT_EQ(filter.status, 422) << filter.body;
  EXPECT_EQ(filter.json()["errors"][0].value("field", ""), "filter.status");
  auto unknown = server().Admin("POST", "/api/admin/exports",
                                {{"format", "csv"}, {"filter", {{"limit", "5"}}}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json()["errors"][0].value("field", ""), "filter.limit");
  EXPECT_EQ(count_exports(), before);

  EXPECT_EQ(server().Admin("GET", "/api/admin/exports/job_nope/file").status, 404);
  auto columns = server().Admin("GET", "/api/admin/exports/columns");
  ASSERT_EQ(columns.status, 200);
  EXPECT_GT(columns.json()["items"].size(), 40u);
  EXPECT_EQ(columns.json()["items"][0].value("key", ""), "id");
}

// The store credit history and the audit log export through the same job in every format; the
// CSV is the one their direct download writes, byte for byte.
TEST_P(ExportApi, TheStoreCreditHistoryAndTheAuditLogExportInEveryFormat) {
  const std::string c = Customer({{"email", "credit.export." + GetParam() + "@example.com"},
                                  {"first_name", "Credit"},
                                  {"last_name", "Отто"}});
  std::vector<std::string> entries;
  for (int i = 0; i < 3; ++i) {
    auto credited = server().Admin(
        "POST", "/api/admin/customers/" + c + "/wallet",
        {{"amount", 1050 + i}, {"reason", "Goodwill, \"sorry\" #" + std::to_string(i)}});
    ASSERT_EQ(credited.status, 201) << credited.body;
    entries.push_back(credited.json()["entry"].value("id", ""));
  }

  json wallet = Export({{"source", "wallet"}, {"format", "csv"}, {"filter", {{"kind", "credit"}}}});
  ASSERT_EQ(wallet.value("state", ""), "succeeded") << wallet.dump();
  EXPECT_EQ(wallet["result"].value("file_name", "").substr(0, 21), "store-credit-history-");
  auto file = server().Admin("GET", wallet["result"].value("download", ""));
  ASSERT_EQ(file.status, 200);
  auto direct = server().Admin("GET", "/api/admin/wallet.csv?kind=credit");
  ASSERT_EQ(direct.status, 200);
  EXPECT_EQ(file.body, direct.body);
  const Rows rows = ReadCsv(file.body);
  ASSERT_GE(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "id");
  EXPECT_EQ(rows[1][0], entries[2]) << "newest first";
  EXPECT_EQ(rows[1][7], "10.52");
  EXPECT_EQ(rows[1][10], "Goodwill, \"sorry\" #2");
  EXPECT_EQ(wallet.value("total", 0), static_cast<int64_t>(rows.size() - 1));

  json chosen = Export(
      {{"source", "wallet"}, {"format", "html"}, {"columns", {"amount", "id", "customer_name"}}});
  ASSERT_EQ(chosen.value("state", ""), "succeeded") << chosen.dump();
  auto html = server().Admin("GET", chosen["result"].value("download", ""));
  EXPECT_NE(html.body.find("Store credit history"), std::string::npos);
  EXPECT_NE(html.body.find("<th scope=\"col\">Amount</th><th scope=\"col\">Entry</th>"
                           "<th scope=\"col\">Customer</th>"),
            std::string::npos)
      << "the chosen columns in their order";
  EXPECT_NE(html.body.find("Credit Отто"), std::string::npos);

  json audit = Export({{"source", "audit"}, {"format", "csv"}, {"filter", {{"customer", c}}}});
  ASSERT_EQ(audit.value("state", ""), "succeeded") << audit.dump();
  auto log = server().Admin("GET", audit["result"].value("download", ""));
  auto log_direct = server().Admin("GET", "/api/admin/audit.csv?customer=" + c);
  EXPECT_EQ(log.body, log_direct.body);
  const Rows events = ReadCsv(log.body);
  ASSERT_GE(events.size(), 5u) << log.body;  // created and three credits, at least
  EXPECT_EQ(events[0][5], "action");
  EXPECT_EQ(audit.value("total", 0), static_cast<int64_t>(events.size() - 1));

  for (const std::string format : {"pdf", "xlsx"}) {
    SCOPED_TRACE(format);
    json job = Export({{"source", "audit"}, {"format", format}, {"filter", {{"customer", c}}}});
    ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
    EXPECT_EQ(job["result"].value("file_name", "").substr(0, 10), "audit-log-");
    auto got = server().Admin("GET", job["result"].value("download", ""));
    ASSERT_EQ(got.status, 200);
    const std::string path = ::testing::TempDir() + "audit-" + GetParam() + "." + format;
    {
      std::FILE* f = std::fopen(path.c_str(), "wb");
      ASSERT_NE(f, nullptr);
      std::fwrite(got.body.data(), 1, got.body.size(), f);
      std::fclose(f);
    }
    const std::string text =
        format == "xlsx" ? Output("unzip -p '" + path +
                                  "' xl/workbook.xml xl/sharedStrings.xml xl/worksheets/sheet1.xml")
                         : Output("pdftotext -enc UTF-8 '" + path + "' -");
    EXPECT_NE(text.find("Audit log"), std::string::npos) << text.substr(0, 2000);
    EXPECT_NE(text.find(c), std::string::npos);
    EXPECT_NE(text.find("customer.wallet_credited"), std::string::npos);
  }
}

TEST_P(ExportApi, LogExportsRefuseWhatTheyDoNotHave) {
  auto source =
      server().Admin("POST", "/api/admin/exports", {{"source", "orders"}, {"format", "csv"}});
  EXPECT_EQ(source.status, 422);
  EXPECT_EQ(source.json()["errors"][0].value("field", ""), "source");
  auto ids = server().Admin("POST", "/api/admin/exports",
                            {{"source", "wallet"}, {"format", "csv"}, {"ids", {"cus_x"}}});
  EXPECT_EQ(ids.status, 422);
  EXPECT_EQ(ids.json()["errors"][0].value("field", ""), "ids");
  auto kind =
      server().Admin("POST", "/api/admin/exports",
                     {{"source", "wallet"}, {"format", "csv"}, {"filter", {{"kind", "gift"}}}});
  EXPECT_EQ(kind.status, 422);
  EXPECT_EQ(kind.json()["errors"][0].value("field", ""), "filter.kind");
  auto when =
      server().Admin("POST", "/api/admin/exports",
                     {{"source", "audit"}, {"format", "csv"}, {"filter", {{"from", "yesterday"}}}});
  EXPECT_EQ(when.status, 422);
  EXPECT_EQ(when.json()["errors"][0].value("field", ""), "filter.from");
  auto column = server().Admin("POST", "/api/admin/exports",
                               {{"source", "audit"}, {"format", "csv"}, {"columns", {"email"}}});
  EXPECT_EQ(column.status, 422);
  EXPECT_EQ(column.json()["errors"][0].value("field", ""), "columns[0]");
  auto columns = server().Admin("GET", "/api/admin/exports/columns?source=audit");
  ASSERT_EQ(columns.status, 200);
  EXPECT_EQ(columns.json()["items"].size(), 14u);
  EXPECT_EQ(columns.json()["items"][5].value("key", ""), "action");
  EXPECT_EQ(columns.json()["items"][5].value("label", ""), "Action");
  EXPECT_EQ(server().Admin("GET", "/api/admin/exports/columns?source=nope").status, 422);
}

// A store of 22,000 customers exports as CSV in three chunks; the server hangs after the first
// and is killed; the job resumes from its checkpoint and the file holds every customer exactly
// once, the same file a fresh export writes.
class ExportResumeApi : public ::testing::TestWithParam<std::string> {};

TEST_P(ExportResumeApi, AnExportKilledHalfWayResumesWithEveryRowOnce) {
  const std::string url = FreshDatabaseUrl(GetParam());
  std::string out;
  ASSERT_EQ(
      RunCli({"demo", "--db", url, "--customers", "22000", "--seed", "5", "--log-level", "warn"},
             "", &out),
      0)
      << out;
  ::setenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST", "1", 1);
  ServerProcess server(url, {"--job-lease-seconds", "1"});
  ::unsetenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST");
  auto succeeded = [](const json& j) { return j.value("state", "") == "succeeded"; };
  const json body = {{"format", "csv"}, {"filter", {{"sort", "email"}}}};
  auto started = server.Admin("POST", "/api/admin/exports", body);
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string id = started.json().value("id", "");
  json halfway = WaitForJob(server, id, [](const json& j) { return j.value("done", 0) == 10000; });
  EXPECT_EQ(halfway.value("state", ""), "running");

  server.Kill();
  server.Start({"--job-lease-seconds", "1"});
  json finished = WaitForJob(server, id, succeeded);
  EXPECT_TRUE(finished.value("resumed", false));
  EXPECT_EQ(finished.value("done", 0), 22000);
  auto file = server.Admin("GET", finished["result"].value("download", ""));
  ASSERT_EQ(file.status, 200);

  formats::CsvReader reader = formats::CsvReader::OfText(file.body);
  std::vector<std::string> fields;
  std::set<std::string> ids;
  int64_t rows = 0;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(fields[0], "id");
  while (reader.Next(fields)) {
    ++rows;
    ids.insert(fields[0]);
  }
  EXPECT_EQ(rows, 22000);
  EXPECT_EQ(ids.size(), 22000u) << "no customer twice";

  auto again = server.Admin("POST", "/api/admin/exports", body);
  ASSERT_EQ(again.status, 202);
  json fresh = WaitForJob(server, again.json().value("id", ""), succeeded);
  auto fresh_file = server.Admin("GET", fresh["result"].value("download", ""));
  EXPECT_EQ(fresh_file.body, file.body) << "the resumed file is the one a fresh export writes";
}

// XLSX and PDF writers live in the process that runs the job: killed half-way, the job is taken
// up again and writes its file anew from the first row, so the file still holds every customer
// once, and nothing of the killed run's file is left in it.
TEST_P(ExportResumeApi, XlsxAndPdfKilledHalfWayAreWrittenAgainWhole) {
  for (const std::string format : {"xlsx", "pdf"}) {
    SCOPED_TRACE(format);
    const std::string url = FreshDatabaseUrl(GetParam());
    std::string out;
    ASSERT_EQ(
        RunCli({"demo", "--db", url, "--customers", "4500", "--seed", "5", "--log-level", "warn"},
               "", &out),
        0)
        << out;
    ::setenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST", "1", 1);
    ServerProcess server(url, {"--job-lease-seconds", "1"});
    ::unsetenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST");
    auto started = server.Admin("POST", "/api/admin/exports",
                                json{{"format", format}, {"columns", {"id", "email"}}});
    ASSERT_EQ(started.status, 202) << started.body;
    const std::string id = started.json().value("id", "");
    WaitForJob(server, id, [](const json& j) { return j.value("done", 0) == 2000; });
    server.Kill();
    server.Start({"--job-lease-seconds", "1"});
    json finished =
        WaitForJob(server, id, [](const json& j) { return j.value("state", "") == "succeeded"; });
    EXPECT_TRUE(finished.value("resumed", false));
    EXPECT_EQ(finished.value("done", 0), 4500);
    auto file = server.Admin("GET", finished["result"].value("download", ""));
    ASSERT_EQ(file.status, 200);
    const std::string path = ::testing::TempDir() + "resumed-" + GetParam() + "." + format;
    {
      std::FILE* f = std::fopen(path.c_str(), "wb");
      ASSERT_NE(f, nullptr);
      std::fwrite(file.body.data(), 1, file.body.size(), f);
      std::fclose(f);
    }
    const std::string text = format == "xlsx"
                                 ? Output("unzip -p '" + path + "' xl/worksheets/sheet1.xml")
                                 : Output("pdftotext -enc UTF-8 '" + path + "' -");
    std::set<std::string> ids;
    size_t mentions = 0;
    const std::regex customer_id("cus_[0-9a-z]+");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), customer_id);
         it != std::sregex_iterator(); ++it) {
      ids.insert(it->str());
      ++mentions;
    }
    EXPECT_EQ(ids.size(), 4500u) << "every customer";
    EXPECT_EQ(mentions, 4500u) << "no customer twice";
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, ExportResumeApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Engines, ExportApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
