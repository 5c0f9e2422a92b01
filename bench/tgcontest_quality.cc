// Same-event grouping quality on the tgcontest same-story pairs.
//
// Usage: tgcontest_quality [DATA_DIR]
//   DATA_DIR defaults to $NEARDUP_SOURCE_ROOT/../shared/data/tgcontest, else
//   ../shared/data/tgcontest. When it is absent the program says so and
//   exits 0.
//
// Each pool file (en_train_pool.tsv, ru_exam_pool.tsv, ru_train_pool.tsv) is
// one corpus: its distinct article texts (body only, no title, no date) are
// grouped at once by GroupEvents, so IDF comes from a real, if small, news
// corpus and a pair competes with the pool's other articles. A pair is
// predicted "same story" when both texts land in one group. The program
// prints precision, recall and F1 on the OK class at the default settings,
// the pair cosine (same TF-IDF vectors as GroupEvents) per class, and F1 for
// a sweep of thresholds so the default can be judged.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "events/events.h"
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

struct Pool {
  std::string name;
  std::vector<std::string> texts;
  std::vector<LabelledPair> pairs;
};

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
  const int first = column("INPUT:first_text");
  const int second = column("INPUT:second_text");
  const int label = column("GOLDEN:quality");
  if (first < 0 || second < 0 || label < 0) {
    std::fprintf(stderr, "%s: missing text or GOLDEN:quality column\n", path.c_str());
    return false;
  }
  pool->name = path.filename().string();
  std::map<std::string, size_t> index;
  auto intern = [&](const std::string& text) {
    auto [it, inserted] = index.try_emplace(text, pool->texts.size());
    if (inserted) pool->texts.push_back(text);
    return it->second;
  };
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = SplitTabs(line);
    if (static_cast<int>(fields.size()) <= std::max({first, second, label})) continue;
    if (fields[label] != "OK" && fields[label] != "BAD") continue;
    pool->pairs.push_back(
        {intern(fields[first]), intern(fields[second]), fields[label] == "OK"});
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
void Score(const Pool& pool, double threshold, Counts* counts, bool verbose) {
  std::vector<EventDoc> docs;
  for (size_t i = 0; i < pool.texts.size(); ++i) docs.push_back({i, ""});
  neardup::EventOptions options;
  options.threshold = threshold;
  const PoolTexts texts(pool.texts);
  const std::vector<EventGroup> groups = neardup::events::GroupEvents(docs, texts, options, 1);
  std::vector<int> group_of(pool.texts.size(), -1);
  for (size_t g = 0; g < groups.size(); ++g) {
    for (const auto& member : groups[g].members) group_of[member.doc] = static_cast<int>(g);
  }
  for (const LabelledPair& pair : pool.pairs) {
    const bool predicted =
        group_of[pair.first] >= 0 && group_of[pair.first] == group_of[pair.second];
    counts->Add(predicted, pair.same_story);
    if (verbose && predicted != pair.same_story) {
      std::printf("  %s: %s pair (%zu, %zu) %s\n", pool.name.c_str(),
                  pair.same_story ? "OK" : "BAD", pair.first, pair.second,
                  predicted ? "grouped" : "not grouped");
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

// Pair cosines per class, with the pool as IDF corpus.
void AddSimilarities(const Pool& pool, std::vector<double>* same, std::vector<double>* different) {
  const neardup::events::TermExtractor extractor;
  std::vector<std::vector<neardup::events::TermCount>> terms;
  for (const std::string& text : pool.texts) terms.push_back(extractor.Extract(text));
  const auto vectors = neardup::events::WeighTerms(terms, 1);
  for (const LabelledPair& pair : pool.pairs) {
    const double cosine = neardup::events::Cosine(vectors[pair.first], vectors[pair.second]);
    (pair.same_story ? same : different)->push_back(cosine);
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

  Counts total;
  std::printf("default threshold %.2f, date window unused (no dates)\n",
              neardup::events::kDefaultThreshold);
  for (const Pool& pool : pools) {
    Counts counts;
    Score(pool, 0, &counts, verbose);
    std::printf("%-18s docs %3zu pairs %3zu  P %.3f  R %.3f  F1 %.3f\n", pool.name.c_str(),
                pool.texts.size(), pool.pairs.size(), counts.Precision(), counts.Recall(),
                counts.F1());
    total.true_positive += counts.true_positive;
    total.false_positive += counts.false_positive;
    total.false_negative += counts.false_negative;
    total.true_negative += counts.true_negative;
  }
  std::printf("%-18s TP %d FP %d FN %d TN %d  P %.3f  R %.3f  F1 %.3f\n", "all pools",
              total.true_positive, total.false_positive, total.false_negative,
              total.true_negative, total.Precision(), total.Recall(), total.F1());

  std::vector<double> same, different;
  for (const Pool& pool : pools) AddSimilarities(pool, &same, &different);
  std::printf("pair cosine per class:\n");
  PrintDistribution("OK", same);
  PrintDistribution("BAD", different);

  std::printf("threshold sweep (all pools): threshold P R F1\n");
  for (double threshold = 0.05; threshold < 0.501; threshold += 0.025) {
    Counts counts;
    for (const Pool& pool : pools) Score(pool, threshold, &counts, false);
    std::printf("  %.3f  %.3f  %.3f  %.3f\n", threshold, counts.Precision(), counts.Recall(),
                counts.F1());
  }
  return 0;
}
