// The API's one description: the OpenAPI document the server generates from its routes is kept in
// the repository (docs/openapi.json), because the web build generates its types and constant lists
// from it. This test fails when the two differ; `HEJIA_UPDATE_OPENAPI=1` rewrites the file.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "harness.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

/// The document with keys in a stable order, two-space indented: diffs stay readable.
void Pretty(std::ostream& out, const json::value& v, int indent = 0) {
  const std::string pad(indent + 2, ' '), end(indent, ' ');
  if (v.is_object()) {
    const auto& o = v.as_object();
    if (o.empty()) {
      out << "{}";
      return;
    }
    std::vector<std::string_view> keys;
    for (const auto& kv : o) keys.push_back(kv.key());
    std::sort(keys.begin(), keys.end());
    out << "{\n";
    for (size_t i = 0; i < keys.size(); ++i) {
      out << pad << json::serialize(json::value(keys[i])) << ": ";
      Pretty(out, o.at(keys[i]), indent + 2);
      out << (i + 1 < keys.size() ? ",\n" : "\n");
    }
    out << end << "}";
  } else if (v.is_array() && !v.as_array().empty()) {
    const auto& a = v.as_array();
    out << "[\n";
    for (size_t i = 0; i < a.size(); ++i) {
      out << pad;
      Pretty(out, a[i], indent + 2);
      out << (i + 1 < a.size() ? ",\n" : "\n");
    }
    out << end << "]";
  } else {
    out << json::serialize(v);
  }
}

TEST(OpenApi, TheCommittedDocumentIsTheOneTheServerGenerates) {
  auto doc = TestServer::Get().As("admin").Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  std::ostringstream text;
  Pretty(text, doc.json);
  text << "\n";
  const std::string path = std::string(HEJIA_SOURCE_DIR) + "/docs/openapi.json";
  if (const char* update = std::getenv("HEJIA_UPDATE_OPENAPI"); update && *update == '1') {
    std::ofstream(path) << text.str();
    return;
  }
  std::ifstream in(path);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_TRUE(committed.str() == text.str())
      << path << " differs from the server's OpenAPI document: run "
      << "`HEJIA_UPDATE_OPENAPI=1 HEJIA_TEST_ONLY=api-sqlite scripts/test.sh build` "
      << "(or the api test binary with --gtest_filter=OpenApi.*) and commit the file";
}

}  // namespace
}  // namespace hejia::testing
