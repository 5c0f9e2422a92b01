// Same-event grouping quality on the tgcontest same-story pairs.
//
// Usage: tgcontest_quality [DATA_DIR]
//   DATA_DIR defaults to $NEARDUP_SOURCE_ROOT/../shared/data/tgcontest, else
//   ../shared/data/tgcontest. When it is absent the program says so and
//   exits 0.
//
// Each pool file (en_train_pool.tsv, ru_exam_pool.tsv, ru_train_pool.tsv) is
// one corpus: its distinct articles (keyed by URL) are grouped at once by
// GroupEvents, so IDF comes from a real, if small, news corpus and a pair
// competes with the pool's other articles. A pair is predicted "same story"
// when both articles land in one group. Labels are read only to score.
//
// An article is fed the way a scraped .txt file looks: its title, a newline,
// then its body. Three inputs are scored at the default settings:
//   body         body only, no date;
//   title+body   title, newline, body, no date (the headline figure);
//   +url dates   title+body, and the date found in the URL (UrlDate below)
//                as EventDoc::date, so the default date window applies, as
//                it would with a dump's date field.
// Then the pair cosine per class (same TF-IDF vectors as GroupEvents), how
// many pairs of each class have leads that disagree (events/lead_names.h:
// such pairs are never grouped) and F1 for a sweep of thresholds on
// title+body without dates.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "events/date.h"
#include "events/events.h"
#include "events/lead_names.h"
#include "events/term_extractor.h"
#include "events/term_weights.h"
#include "text/document_texts.h"

namespace {

using neardup::events::EventDoc;
using neardup::events::EventGroup;

struct LabelledPair {
  size_t first = 0, second = 0;  // indices into the pool's distinct texts
  bool same_story = false;       // GOLDEN:quality == OK
};

struct Article {
  std::string title, body, date;  // date: UrlDate of its URL, "" if none
};

struct Pool {
  std::string name;
  std::vector<Article> articles;
  std::vector<LabelledPair> pairs;
};

// What GroupEvents is given for each article.
struct InputMode {
  const char* name;
  bool titles = false;  // title + "\n" + body, else body only
  bool dates = false;   // EventDoc::date = the URL date
};

constexpr InputMode kModes[] = {
    {"body", false, false}, {"title+body", true, false}, {"+url dates", true, true}};
constexpr InputMode kHeadline = kModes[1];

// The publication date written in an article URL's path, as YYYY-MM-DD, or
// "" when there is none. The rule, tried in order on the path (the part
// after the host, before '?' or '#'):
//   1. three segments /YYYY/MM/DD/ or /YYYY/mon/DD/ (mon: English month
//      abbreviation, e.g. /2019/nov/04/);
//   2. a segment starting YYYY-MM-DD (e.g. /2019-11-13/...);
//   3. three segments /DD/MM/YYYY/ or a segment holding DD-MM-YYYY (day
//      first, as Russian and most European sites write it).
// Year 2000-2099; the day must exist (checked by ParseDateToDays). Bare
// numeric ids (/20191116452-...) and dates inside slugs are not read: they
// are ambiguous.
std::string UrlDate(std::string_view url) {
  const size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string_view::npos) return "";
  std::string_view path = url.substr(start);
  path = path.substr(0, std::min(path.find('?'), path.find('#')));
  std::vector<std::string> segments;
  for (size_t pos = 1; pos <= path.size();) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    segments.emplace_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  auto digits = [](const std::string& s, size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), ::isdigit);
  };
  auto month_of = [&](std::string s) -> int {
    if (digits(s, 2) || digits(s, 1)) return std::stoi(s);
    static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int m = 0; m < 12; ++m) if (s == kMonths[m]) return m + 1;
    return 0;
  };
  auto make = [](int year, int month, int day) -> std::string {
    if (year < 2000 || year > 2099) return "";
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return neardup::events::ParseDateToDays(buffer) ? buffer : "";
  };
  auto day_of = [&](const std::string& s) {
    return digits(s, 1) || digits(s, 2) ? std::stoi(s) : 0;
  };
  for (size_t i = 0; i + 2 < segments.size(); ++i) {  // rule 1
    if (!digits(segments[i], 4)) continue;
    const int month = month_of(segments[i + 1]);
    const int day = day_of(segments[i + 2]);
    if (month > 0 && day > 0) {
      std::string date = make(std::stoi(segments[i]), month, day);
      if (!date.empty()) return date;
    }
  }
  for (const std::string& s : segments) {  // rule 2
    if (s.size() >= 10 && digits(s.substr(0, 4), 4) && s[4] == '-' &&
        digits(s.substr(5, 2), 2) && s[7] == '-' && digits(s.substr(8, 2), 2)) {
      std::string date = make(std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)),
                              std::stoi(s.substr(8, 2)));
      if (!date.empty()) return date;
    }
  }
  for (size_t i = 0; i + 2 < segments.size(); ++i) {  // rule 3, segments
    if (digits(segments[i + 2], 4) && day_of(segments[i]) > 0 && day_of(segments[i + 1]) > 0) {
      std::string date = make(std::stoi(segments[i + 2]), day_of(segments[i + 1]),
                              day_of(segments[i]));
      if (!date.empty()) return date;
    }
  }
  for (const std::string& s : segments) {  // rule 3, DD-MM-YYYY inside a segment
    for (size_t p = 0; p + 10 <= s.size(); ++p) {
      const std::string t = s.substr(p, 10);
      if ((p == 0 || !std::isdigit(static_cast<unsigned char>(s[p - 1]))) &&
          (p + 10 == s.size() || !std::isdigit(static_cast<unsigned char>(s[p + 10]))) &&
          digits(t.substr(0, 2), 2) && t[2] == '-' && digits(t.substr(3, 2), 2) &&
          t[5] == '-' && digits(t.substr(6, 4), 4)) {
        std::string date = make(std::stoi(t.substr(6, 4)), std::stoi(t.substr(3, 2)),
                                std::stoi(t.substr(0, 2)));
        if (!date.empty()) return date;
      }
    }
  }
  return "";
}

std::string Compose(const Article& article, const InputMode& mode) {
  return mode.titles ? article.title + "\n" + article.body : article.body;
}

class PoolTexts : public neardup::text::DocumentTexts {
 public:
  explicit PoolTexts(const std::vector<std::string>& texts) : texts_(texts) {}
  std::string_view Text(uint64_t doc) const override { return texts_[doc]; }

 private:
  const std::vector<std::string>& texts_;
};

// Fields of one line; a trailing CR (CRLF files) is dropped.
std::vector<std::string> SplitTabs(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  if (!line.empty() && line.back() == '\t') fields.emplace_back();
  return fields;
}

// Reads one Toloka pool (tab-separated, header line, no quoting).
bool ReadPool(const std::filesystem::path& path, Pool* pool) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return false;
  const std::vector<std::string> header = SplitTabs(line);
  auto column = [&](const std::string& name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int columns[2][3] = {
      {column("INPUT:first_url"), column("INPUT:first_title"), column("INPUT:first_text")},
      {column("INPUT:second_url"), column("INPUT:second_title"), column("INPUT:second_text")}};
  const int label = column("GOLDEN:quality");
  int last = label;
  for (const auto& side : columns) {
    for (int c : side) {
      if (c < 0 || label < 0) {
        std::fprintf(stderr, "%s: missing url, title, text or GOLDEN:quality column\n",
                     path.c_str());
        return false;
      }
      last = std::max(last, c);
    }
  }
  pool->name = path.filename().string();
  std::map<std::string, size_t> index;  // URL -> article
  auto intern = [&](const std::vector<std::string>& fields, const int* side) {
    auto [it, inserted] = index.try_emplace(fields[side[0]], pool->articles.size());
    if (inserted) {
      pool->articles.push_back({fields[side[1]], fields[side[2]], UrlDate(fields[side[0]])});
    }
    return it->second;
  };
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = SplitTabs(line);
    if (static_cast<int>(fields.size()) <= last) continue;
    if (fields[label] != "OK" && fields[label] != "BAD") continue;
    pool->pairs.push_back({intern(fields, columns[0]), intern(fields, columns[1]),
                           fields[label] == "OK"});
  }
  return true;
}

struct Counts {
  int true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
  void Add(bool predicted, bool actual) {
    if (predicted && actual) ++true_positive;
    if (predicted && !actual) ++false_positive;
    if (!predicted && actual) ++false_negative;
    if (!predicted && !actual) ++true_negative;
  }
  double Precision() const {
    return true_positive + false_positive ? double(true_positive) / (true_positive + false_positive) : 0;
  }
  double Recall() const {
    return true_positive + false_negative ? double(true_positive) / (true_positive + false_negative) : 0;
  }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Adds the pool's pairs to `counts` for one run of GroupEvents.
void Score(const Pool& pool, const InputMode& mode, double threshold, Counts* counts,
           bool verbose) {
  std::vector<EventDoc> docs;
  std::vector<std::string> composed;
  for (size_t i = 0; i < pool.articles.size(); ++i) {
    docs.push_back({i, mode.dates ? pool.articles[i].date : ""});
    composed.push_back(Compose(pool.articles[i], mode));
  }
  neardup::EventOptions options;
  options.threshold = threshold;
  const PoolTexts texts(composed);
  const std::vector<EventGroup> groups = neardup::events::GroupEvents(docs, texts, options, 1);
  std::vector<int> group_of(pool.articles.size(), -1);
  for (size_t g = 0; g < groups.size(); ++g) {
    for (const auto& member : groups[g].members) group_of[member.doc] = static_cast<int>(g);
  }
  for (const LabelledPair& pair : pool.pairs) {
    const bool predicted =
        group_of[pair.first] >= 0 && group_of[pair.first] == group_of[pair.second];
    counts->Add(predicted, pair.same_story);
    if (verbose && predicted != pair.same_story) {
      std::printf("  %s: %s pair (%zu, %zu) %s\n    %s | %s\n    %s | %s\n",
                  pool.name.c_str(), pair.same_story ? "OK" : "BAD", pair.first, pair.second,
                  predicted ? "grouped" : "not grouped",
                  pool.articles[pair.first].date.c_str(),
                  pool.articles[pair.first].title.c_str(),
                  pool.articles[pair.second].date.c_str(),
                  pool.articles[pair.second].title.c_str());
    }
  }
  if (verbose) {
    for (const EventGroup& group : groups) {
      std::printf("  %s group:", pool.name.c_str());
      for (const auto& member : group.members) std::printf(" %lu", member.doc);
      std::printf("  labels:");
      for (const auto& label : group.labels) std::printf(" [%s]", label.c_str());
      std::printf("\n");
    }
  }
}

// Pair cosines per class, with the pool as IDF corpus; counts the pairs of
// each class whose leads disagree.
void AddSimilarities(const Pool& pool, std::vector<double>* same, std::vector<double>* different,
                     Counts* disagreeing) {
  const neardup::events::TermExtractor extractor;
  const neardup::events::NameReader name_reader;
  std::vector<std::vector<neardup::events::TermCount>> terms;
  std::vector<neardup::events::TextNames> names;
  for (const Article& article : pool.articles) {
    terms.push_back(extractor.Extract(Compose(article, kHeadline)));
    names.push_back(name_reader.Read(Compose(article, kHeadline)));
  }
  const auto vectors = neardup::events::WeighTerms(std::move(terms), 1);
  for (const LabelledPair& pair : pool.pairs) {
    const double cosine = neardup::events::Cosine(vectors[pair.first], vectors[pair.second]);
    (pair.same_story ? same : different)->push_back(cosine);
    disagreeing->Add(!neardup::events::LeadNamesAgree(names[pair.first], names[pair.second]),
                     pair.same_story);
    if (std::getenv("NEARDUP_VERBOSE") != nullptr) {
      std::printf("  cosine %.3f %s %s (%zu, %zu)\n", cosine, pair.same_story ? "OK " : "BAD",
                  pool.name.c_str(), pair.first, pair.second);
    }
  }
}

void PrintDistribution(const char* name, std::vector<double> values) {
  std::sort(values.begin(), values.end());
  if (values.empty()) return;
  auto at = [&](double q) { return values[static_cast<size_t>(q * (values.size() - 1))]; };
  std::printf("  %-4s n=%2zu  min %.3f  p10 %.3f  p25 %.3f  median %.3f  p75 %.3f  p90 %.3f  max %.3f\n",
              name, values.size(), values.front(), at(0.1), at(0.25), at(0.5), at(0.75),
              at(0.9), values.back());
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir;
  if (argc > 1) {
    dir = argv[1];
  } else if (const char* root = std::getenv("NEARDUP_SOURCE_ROOT")) {
    dir = std::filesystem::path(root) / ".." / "shared" / "data" / "tgcontest";
  } else {
    dir = "../shared/data/tgcontest";
  }
  std::vector<Pool> pools;
  for (const char* file : {"en_train_pool.tsv", "ru_exam_pool.tsv", "ru_train_pool.tsv"}) {
    Pool pool;
    if (std::filesystem::exists(dir / file) && ReadPool(dir / file, &pool)) {
      pools.push_back(std::move(pool));
    }
  }
  if (pools.empty()) {
    std::printf("tgcontest_quality: no pools under %s; skipped\n", dir.c_str());
    return 0;
  }
  const bool verbose = std::getenv("NEARDUP_VERBOSE") != nullptr;

  std::printf("default threshold %.2f, date window %d days\n",
              neardup::events::kDefaultThreshold, neardup::EventOptions().date_window_days);
  for (const InputMode& mode : kModes) {
    Counts total;
    std::printf("input: %s\n", mode.name);
    for (const Pool& pool : pools) {
      Counts counts;
      Score(pool, mode, 0, &counts, verbose && mode.titles == kHeadline.titles &&
                                        mode.dates == kHeadline.dates);
      std::printf("  %-18s docs %3zu pairs %3zu  P %.3f  R %.3f  F1 %.3f\n", pool.name.c_str(),
                  pool.articles.size(), pool.pairs.size(), counts.Precision(), counts.Recall(),
                  counts.F1());
      total.true_positive += counts.true_positive;
      total.false_positive += counts.false_positive;
      total.false_negative += counts.false_negative;
      total.true_negative += counts.true_negative;
    }
    std::printf("  %-18s TP %d FP %d FN %d TN %d  P %.3f  R %.3f  F1 %.3f\n", "all pools",
                total.true_positive, total.false_positive, total.false_negative,
                total.true_negative, total.Precision(), total.Recall(), total.F1());
  }
  size_t dated = 0, articles = 0;
  for (const Pool& pool : pools) {
    articles += pool.articles.size();
    for (const Article& article : pool.articles) dated += !article.date.empty();
  }
  std::printf("articles with a URL date: %zu of %zu\n", dated, articles);

  std::vector<double> same, different;
  Counts disagreeing;  // "predicted": the leads disagree
  for (const Pool& pool : pools) AddSimilarities(pool, &same, &different, &disagreeing);
  std::printf("pair cosine per class (title+body):\n");
  PrintDistribution("OK", same);
  PrintDistribution("BAD", different);
  std::printf("leads disagree (title+body): OK %d of %zu, BAD %d of %zu\n",
              disagreeing.true_positive, same.size(), disagreeing.false_positive,
              different.size());

  std::printf("threshold sweep (all pools, title+body, no dates): threshold P R F1\n");
  for (double threshold = 0.05; threshold < 0.501; threshold += 0.025) {
    Counts counts;
    for (const Pool& pool : pools) Score(pool, kHeadline, threshold, &counts, false);
    std::printf("  %.3f  %.3f  %.3f  %.3f\n", threshold, counts.Precision(), counts.Recall(),
                counts.F1());
  }
  return 0;
}
