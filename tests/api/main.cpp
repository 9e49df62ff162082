// API test binary: the server starts once, lazily, on first use. When every test has run, each
// JSON answer received is checked against the schema its route declares (schema_check.hpp).
#include <gtest/gtest.h>

#include <iostream>
#include <memory>

#include "schema_check.hpp"

namespace {

class AnswersMatchTheirSchemas : public ::testing::Environment {
 public:
  void TearDown() override {
    const auto problems = hejia::testing::CheckRecordedAnswers();
    for (const auto& p : problems) ADD_FAILURE() << "answer outside its declared schema: " << p;
    std::cout << "[schema] " << problems.size() << " answers outside their declared schema\n";
  }
};

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(std::make_unique<AnswersMatchTheirSchemas>().release());
  return RUN_ALL_TESTS();
}
