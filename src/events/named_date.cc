#include "events/named_date.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "text/tokenizer.h"

namespace neardup::events {
namespace {

struct MonthName {
  std::string_view name;  // normalized (case folded), as the tokenizer gives it
  int month = 0;
};

constexpr MonthName kMonthNames[] = {
    {"january", 1},   {"jan", 1},  {"february", 2}, {"feb", 2},  {"march", 3},
    {"mar", 3},       {"april", 4}, {"apr", 4},     {"may", 5},  {"june", 6},
    {"jun", 6},       {"july", 7}, {"jul", 7},      {"august", 8}, {"aug", 8},
    {"september", 9}, {"sep", 9},  {"sept", 9},     {"october", 10}, {"oct", 10},
    {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
    // Russian, genitive: "8 ноября" (8 November).
    {"января", 1},    {"февраля", 2}, {"марта", 3},   {"апреля", 4},
    {"мая", 5},       {"июня", 6},    {"июля", 7},    {"августа", 8},
    {"сентября", 9},  {"октября", 10}, {"ноября", 11}, {"декабря", 12}};

// No month name or day number is longer ("сентября": 16 bytes).
constexpr size_t kLongestDateWordBytes = 16;

int MonthOf(std::string_view word) {
  for (const MonthName& m : kMonthNames) {
    if (m.name == word) return m.month;
  }
  return 0;
}

// 1-31 for "8", "08", "8th", "1st", "22nd", "3rd"; 0 otherwise.
int DayNumberOf(std::string_view word) {
  size_t digits = 0;
  while (digits < word.size() && digits < 3 && word[digits] >= '0' && word[digits] <= '9') {
    ++digits;
  }
  if (digits == 0 || digits > 2) return 0;
  const std::string_view suffix = word.substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
    return 0;
  }
  const int day = std::atoi(std::string(word.substr(0, digits)).c_str());
  return day >= 1 && day <= 31 ? day : 0;
}

std::optional<int> DayOfYearOf(int month, int day) {
  constexpr int kLeapYear = 2000;
  const absl::CivilDay civil(kLeapYear, month, day);
  // CivilDay normalizes 30 February to 1 March: such a day does not exist.
  if (civil.month() != month || civil.day() != day) return std::nullopt;
  return static_cast<int>(civil - absl::CivilDay(kLeapYear, 1, 1));
}

}  // namespace

std::optional<int> NamedDayOfYear(std::string_view text) {
  const text::Tokenizer tokenizer;
  // Tokenizing a bounded prefix is enough: kNamedDateWords words are far
  // shorter than this many bytes in any script.
  constexpr size_t kPrefixBytes = kNamedDateWords * 64;
  std::vector<text::Token> tokens;
  tokenizer.Tokenize(text.substr(0, std::min(text.size(), kPrefixBytes)), &tokens);
  std::vector<std::string> words;  // normalized; "" for a word no date is made of
  for (const text::Token& token : tokens) {
    if (words.size() == kNamedDateWords) break;
    if (token.unspaced) continue;
    const std::string_view word = text.substr(token.begin, token.end - token.begin);
    words.push_back(word.size() <= kLongestDateWordBytes ? text::NormalizeWord(word) : "");
  }
  for (size_t i = 0; i < words.size(); ++i) {
    const int month = MonthOf(words[i]);
    if (month == 0) continue;
    for (const size_t j : {i - 1, i + 1}) {  // i - 1 wraps to a huge index at 0
      if (j >= words.size()) continue;
      if (const int day = DayNumberOf(words[j]); day != 0) {
        if (std::optional<int> found = DayOfYearOf(month, day)) return found;
      }
    }
  }
  return std::nullopt;
}

int DaysApartInYear(int a, int b) {
  const int apart = std::abs(a - b);
  return std::min(apart, kDaysInYearCircle - apart);
}

}  // namespace neardup::events
