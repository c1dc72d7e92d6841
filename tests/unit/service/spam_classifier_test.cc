// Tests for the comment spam classifier: tokens and Robinson/Fisher scores.
#include "service/spam_classifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace samizdat::service {
namespace {

using Tokens = std::vector<std::string>;

Tokens Words(std::string_view text) { return SpamTokens(text, {}); }

// --- tokens ------------------------------------------------------------------------

TEST(SpamTokens, LowerCasesWordsAndKeepsEachOnceInOrder) {
  EXPECT_EQ(Words("FREE pills, Free PILLS: free casino!"), (Tokens{"free", "pills", "casino"}));
}

TEST(SpamTokens, KeepsWordsOfThreeToTwentyFourCharacters) {
  const std::string w24(24, 'x');
  const std::string w25(25, 'y');
  EXPECT_EQ(Words("a an the " + w24 + " " + w25 + " end"), (Tokens{"the", w24, "end"}));
  EXPECT_EQ(Words(""), Tokens{});
  EXPECT_EQ(Words("a b c ... !!"), Tokens{});
}

TEST(SpamTokens, CountsDigitsAsWordCharacters) {
  EXPECT_EQ(Words("call 555 1234 now, 100% v1agra"),
            (Tokens{"call", "555", "1234", "now", "100", "v1agra"}));
}

TEST(SpamTokens, SplitsAtPunctuationAndSymbols) {
  EXPECT_EQ(Words("e-mail: spam@pills.example don't"),
            (Tokens{"mail", "spam", "pills", "example", "don"}));
  // Non-ASCII punctuation, no-break space, emoji and the replacement character split too.
  EXPECT_EQ(Words("cheap\u2014pills\u00A0now\U0001F3B0casino\u00ABbest\u00BBdeal\uFFFDoffer"),
            (Tokens{"cheap", "pills", "now", "casino", "best", "deal", "offer"}));
  EXPECT_EQ(Words("win\xFF\xFEmoney"), (Tokens{"win", "money"}));  // ill-formed UTF-8
}

TEST(SpamTokens, CountsLettersOfEveryScript) {
  // Kazakh and Russian words are words, and their case is folded like English.
  EXPECT_EQ(Words("Қазақстан ҚАЗАҚСТАН қазақстан"), (Tokens{"қазақстан"}));
  EXPECT_EQ(Words("В Казахстане РАБОЧИЙ класс"), (Tokens{"казахстане", "рабочий", "класс"}));
  EXPECT_EQ(Words("ΚΑΛΗΜΕΡΑ καλημέρα Ώρα"), (Tokens{"καλημερα", "καλημέρα", "ώρα"}));
  EXPECT_EQ(Words("NAÏVE Café ŁÓDŹ Straße"), (Tokens{"naïve", "café", "łódź", "straße"}));
  // Length counts characters, not bytes: three Cyrillic letters are enough, two are not.
  EXPECT_EQ(Words("да нет"), (Tokens{"нет"}));
  // Writing without spaces gives one run; past 24 characters it is no token.
  EXPECT_EQ(Words("東京"), Tokens{});
  EXPECT_EQ(Words("東京都"), (Tokens{"東京都"}));
  EXPECT_EQ(Words("この文章はスパムではありませんただの普通のコメントです"), Tokens{});
  EXPECT_EQ(Words("普通のコメント。東京都"), (Tokens{"普通のコメント", "東京都"}));
}

TEST(SpamTokens, AddsOneTokenPerLinkedHost) {
  EXPECT_EQ(SpamTokens("buy", {"https://WWW.Pills.Example./buy?now=1", "http://pills.example/other",
                               " //casino.example/x ", "http://user@shop.example:8080/",
                               "https://%70ills.example/"}),
            (Tokens{"buy", "link:pills.example", "link:casino.example", "link:shop.example"}));
}

TEST(SpamTokens, KeepsSubdomainsOtherThanWww) {
  EXPECT_EQ(SpamTokens("", {"http://cheap.pills.example/", "http://www2.pills.example/"}),
            (Tokens{"link:cheap.pills.example", "link:www2.pills.example"}));
}

TEST(SpamTokens, IgnoresLinksWithoutAHost) {
  EXPECT_EQ(SpamTokens("", {"/2022/01/post.html", "#c123", "mailto:spam@pills.example",
                            "javascript:alert(1)", "www.pills.example", "", "http://",
                            "http://[bad", "%%%"}),
            Tokens{});
}

TEST(SpamTokens, LinkTokensNeverCollideWithWords) {
  // "link:" cannot come out of text, since ':' ends a word.
  EXPECT_EQ(Words("link:pills.example"), (Tokens{"link", "pills", "example"}));
}

// --- scores ------------------------------------------------------------------------

// What a blog's classifier might have learnt from 20 spam and 40 ham comments.
store::SpamCounts TrainedCounts() {
  store::SpamCounts counts;
  counts.spam_comments = 20;
  counts.ham_comments = 40;
  counts.tokens = {
      {"cheap", {15, 1}},       {"pills", {18, 0}},
      {"casino", {12, 0}},      {"link:pills.example", {10, 0}},
      {"buy", {14, 3}},         {"now", {10, 8}},
      {"thanks", {1, 25}},      {"great", {2, 20}},
      {"post", {5, 30}},        {"article", {1, 15}},
      {"interesting", {0, 10}}, {"the", {20, 40}},
      {"and", {19, 38}},
  };
  return counts;
}

double Score(std::string_view text, const std::vector<std::string>& links,
             const store::SpamCounts& counts) {
  const auto score = SpamProbability(SpamTokens(text, links), counts);
  EXPECT_TRUE(score.has_value());
  return score.value_or(-1);
}

TEST(SpamProbability, HasNoVerdictUntilTrainedOnBothKinds) {
  store::SpamCounts counts = TrainedCounts();
  const Tokens tokens = {"cheap", "pills"};
  counts.spam_comments = 0;
  EXPECT_EQ(SpamProbability(tokens, counts), std::nullopt);
  counts = TrainedCounts();
  counts.ham_comments = 0;
  EXPECT_EQ(SpamProbability(tokens, counts), std::nullopt);
  EXPECT_EQ(SpamProbability(tokens, store::SpamCounts{}), std::nullopt);
  EXPECT_EQ(SpamProbability({}, store::SpamCounts{}), std::nullopt);
}

TEST(SpamProbability, ScoresTypicalSpamAboveTheThreshold) {
  const double score = Score("Cheap pills! Buy now at the casino", {"http://www.pills.example/buy"},
                             TrainedCounts());
  EXPECT_GE(score, kSpamThreshold);
  EXPECT_LE(score, 1.0);
}

TEST(SpamProbability, ScoresTypicalHamLow) {
  const double score =
      Score("Thanks for the great post, an interesting article", {}, TrainedCounts());
  EXPECT_LT(score, 0.5);
  EXPECT_GE(score, 0.0);
  EXPECT_LT(score, 0.1);  // clearly, not just barely
}

TEST(SpamProbability, IsOneHalfWithoutEvidence) {
  // Unknown tokens, no tokens, and tokens seen as often in ham as in spam.
  EXPECT_EQ(SpamProbability({"never", "seen", "link:new.example"}, TrainedCounts()), 0.5);
  EXPECT_EQ(SpamProbability({}, TrainedCounts()), 0.5);
  EXPECT_EQ(SpamProbability({"the", "and"}, TrainedCounts()), 0.5);
}

TEST(SpamProbability, OneLinkToAKnownSpamHostIsEnoughToHold) {
  const double score = Score("nice", {"https://pills.example/"}, TrainedCounts());
  EXPECT_GT(score, 0.5);
  // The same words without that link look harmless.
  EXPECT_LE(Score("nice", {}, TrainedCounts()), 0.5);
}

TEST(SpamProbability, MixedEvidenceLandsBetween) {
  const double mixed = Score("thanks great post cheap pills", {}, TrainedCounts());
  EXPECT_GT(mixed, Score("thanks great post", {}, TrainedCounts()));
  EXPECT_LT(mixed, Score("cheap pills", {}, TrainedCounts()));
}

TEST(SpamProbability, DoesNotDependOnOrderOrRepeats) {
  const store::SpamCounts counts = TrainedCounts();
  const Tokens tokens = {"cheap", "thanks", "pills", "post", "buy"};
  const auto score = SpamProbability(tokens, counts);
  Tokens shuffled = {"buy", "post", "pills", "thanks", "cheap", "cheap", "pills"};
  EXPECT_EQ(SpamProbability(shuffled, counts), score);
}

TEST(SpamProbability, UsesOnlyTheFifteenStrongestClues) {
  // 15 strong ham clues outweigh any number of weak spam ones, which are not counted.
  store::SpamCounts counts;
  counts.spam_comments = 100;
  counts.ham_comments = 100;
  Tokens tokens;
  for (int i = 0; i < 15; ++i) {
    tokens.push_back("ham" + std::to_string(i));
    counts.tokens[tokens.back()] = {0, 50};
  }
  const auto strong_only = SpamProbability(tokens, counts);
  for (int i = 0; i < 40; ++i) {
    tokens.push_back("weak" + std::to_string(i));
    counts.tokens[tokens.back()] = {30, 10};
  }
  EXPECT_EQ(SpamProbability(tokens, counts), strong_only);
  ASSERT_TRUE(strong_only.has_value());
  EXPECT_LT(*strong_only, 0.01);
}

TEST(SpamProbability, MoreEvidenceMovesTheScoreFurther) {
  store::SpamCounts counts;
  counts.spam_comments = 10;
  counts.ham_comments = 10;
  counts.tokens["seen-once"] = {1, 0};
  counts.tokens["seen-often"] = {10, 0};
  const double once = SpamProbability({"seen-once"}, counts).value();
  const double often = SpamProbability({"seen-often"}, counts).value();
  EXPECT_GT(once, 0.5);
  EXPECT_GT(often, once);
}

TEST(SpamProbability, NearlyNeutralTokensDoNotDiluteTheEvidence) {
  // One link to a known spam host among many everyday words that spam and ham share.
  store::SpamCounts counts;
  counts.spam_comments = 10;
  counts.ham_comments = 10;
  counts.tokens["link:pills.example"] = {10, 0};
  Tokens tokens = {"link:pills.example"};
  const auto alone = SpamProbability(tokens, counts);
  for (int i = 0; i < 14; ++i) {
    tokens.push_back("common" + std::to_string(i));
    counts.tokens[tokens.back()] = {5 + i % 2, 5};
  }
  EXPECT_EQ(SpamProbability(tokens, counts), alone);
  ASSERT_TRUE(alone.has_value());
  EXPECT_GE(*alone, kSpamThreshold);
}

TEST(SpamProbability, CorrectsForUnequalTrainingSizes) {
  // Seen in 10% of spam and 10% of ham: no evidence, although the raw counts differ.
  store::SpamCounts counts;
  counts.spam_comments = 10;
  counts.ham_comments = 1000;
  counts.tokens["common"] = {1, 100};
  EXPECT_EQ(SpamProbability({"common"}, counts), 0.5);
}

// Random counts, consistent or not: the score is always a probability, and swapping
// what was learnt as spam with what was learnt as ham mirrors it around 0.5.
TEST(SpamProbability, IsAlwaysInZeroOneAndSymmetric) {
  std::mt19937 random(20260115);
  std::uniform_int_distribution<int> comments(1, 5000);
  std::uniform_int_distribution<int> count(-3, 6000);
  std::uniform_int_distribution<int> token_count(0, 40);
  for (int round = 0; round < 2000; ++round) {
    store::SpamCounts counts;
    counts.spam_comments = comments(random);
    counts.ham_comments = comments(random);
    Tokens tokens;
    const int n = token_count(random);
    for (int i = 0; i < n; ++i) {
      tokens.push_back("t" + std::to_string(i));
      if (i % 5 != 0) counts.tokens[tokens.back()] = {count(random), count(random)};
    }
    if (round % 10 == 0) {  // extreme counts
      counts.tokens["extreme"] = {std::numeric_limits<int>::max(), 0};
      tokens.push_back("extreme");
    }
    const auto score = SpamProbability(tokens, counts);
    ASSERT_TRUE(score.has_value());
    ASSERT_FALSE(std::isnan(*score)) << round;
    ASSERT_GE(*score, 0.0) << round;
    ASSERT_LE(*score, 1.0) << round;

    store::SpamCounts swapped = counts;
    std::swap(swapped.spam_comments, swapped.ham_comments);
    for (auto& [token, c] : swapped.tokens) std::swap(c.spam, c.ham);
    ASSERT_NEAR(SpamProbability(tokens, swapped).value(), 1.0 - *score, 1e-9) << round;
  }
}

}  // namespace
}  // namespace samizdat::service
