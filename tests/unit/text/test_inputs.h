// Test code: inputs the sanitizer tests share — the hostile bodies of the fixture file, and
// random strings joined from a list of pieces (a fixed seed: the same strings every run).
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace samizdat::text::testing {

// Every body of tests/fixtures/hostile_comments.json, in file order.
inline std::vector<std::string> HostileBodies() {
  std::ifstream in(SAMIZDAT_TEST_FIXTURES "/hostile_comments.json");
  std::stringstream text;
  text << in.rdbuf();
  const boost::json::value fixture = boost::json::parse(text.str());
  std::vector<std::string> bodies;
  for (const auto& entry : fixture.at("bodies").as_array()) {
    bodies.emplace_back(entry.at("body").as_string());
  }
  return bodies;
}

// Calls check(input) for `count` strings, each of up to `max_pieces` - 1 pieces picked at
// random; stops early when check returns false.
template <typename Check>
void ForRandomJoins(const std::vector<std::string>& pieces, int count, int max_pieces,
                    Check&& check) {
  std::mt19937 random(18);
  for (int n = 0; n < count; ++n) {
    std::string input;
    const int length = static_cast<int>(random() % static_cast<unsigned>(max_pieces));
    for (int i = 0; i < length; ++i) input += pieces[random() % pieces.size()];
    if (!check(input)) return;
  }
}

}  // namespace samizdat::text::testing
