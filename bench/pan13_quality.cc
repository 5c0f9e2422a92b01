// pan13_quality: PAN 2013 text-alignment quality of neardup's repeated-passage
// search, on the 02-no-obfuscation sub-corpus (500 suspicious/source pairs).
//
// For each pair, the source document is input 0 and the suspicious one input
// 1, so a passage of the suspicious document repeating the source is a
// detection. Detections and the ground-truth cases are compared with PAN's
// micro-averaged measures: precision and recall over characters (of both
// documents), granularity (detections per detected case) and
// plagdet = F1 / log2(1 + granularity).
//
// Usage: pan13_quality [PAN13_DIR] [MIN_WORDS ...]
// PAN13_DIR defaults to <source root>/../shared/data/pan13; MIN_WORDS to the
// default option value and a sweep. Exits 0 with a message when the data is
// absent.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "neardup/options.h"
#include "passages/passages.h"
#include "text/document_texts.h"

#ifndef NEARDUP_SOURCE_ROOT
#define NEARDUP_SOURCE_ROOT "."
#endif

namespace {

namespace fs = std::filesystem;

// A character interval [begin, end) of one named document.
struct Span {
  std::string doc;
  uint64_t begin = 0, end = 0;
};

// A plagiarism case or a detection: a span of the suspicious document and
// the span of the source it comes from.
struct Alignment {
  Span susp, src;
};

class PairTexts : public neardup::text::DocumentTexts {
 public:
  PairTexts(std::string source, std::string suspicious)
      : texts_{std::move(source), std::move(suspicious)} {}
  std::string_view Text(uint64_t doc) const override { return texts_[doc]; }

 private:
  std::string texts_[2];
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Character offset of every byte offset (0..size) of UTF-8 `text`.
std::vector<uint64_t> CharOffsets(std::string_view text) {
  std::vector<uint64_t> chars(text.size() + 1);
  uint64_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    chars[i] = count;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  chars[text.size()] = count;
  return chars;
}

// Value of attribute `name` in one XML element's text (the ground-truth files
// are flat, machine-written elements with double-quoted attributes).
std::string Attribute(const std::string& element, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const size_t at = element.find(key);
  if (at == std::string::npos) return "";
  const size_t begin = at + key.size();
  return element.substr(begin, element.find('"', begin) - begin);
}

std::vector<Alignment> ReadCases(const fs::path& xml, const std::string& susp_name) {
  const std::string text = ReadFile(xml);
  std::vector<Alignment> cases;
  for (size_t at = text.find("<feature"); at != std::string::npos; at = text.find("<feature", at + 1)) {
    const std::string element = text.substr(at, text.find('>', at) - at);
    if (Attribute(element, "name") != "plagiarism") continue;
    Alignment c;
    c.susp = {susp_name, std::stoull(Attribute(element, "this_offset")), 0};
    c.susp.end = c.susp.begin + std::stoull(Attribute(element, "this_length"));
    c.src = {Attribute(element, "source_reference"), std::stoull(Attribute(element, "source_offset")), 0};
    c.src.end = c.src.begin + std::stoull(Attribute(element, "source_length"));
    cases.push_back(c);
  }
  return cases;
}

bool Overlaps(const Span& a, const Span& b) {
  return a.doc == b.doc && a.begin < b.end && b.begin < a.end;
}

// r detects s when they overlap in the suspicious and in the source document.
bool Detects(const Alignment& r, const Alignment& s) {
  return Overlaps(r.susp, s.susp) && Overlaps(r.src, s.src);
}

// Characters in the union of `spans` (per document).
uint64_t UnionSize(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return std::tie(a.doc, a.begin) < std::tie(b.doc, b.begin);
  });
  uint64_t total = 0;
  for (size_t i = 0; i < spans.size();) {
    const std::string& doc = spans[i].doc;
    const uint64_t begin = spans[i].begin;
    uint64_t end = spans[i].end;
    for (++i; i < spans.size() && spans[i].doc == doc && spans[i].begin <= end; ++i) {
      end = std::max(end, spans[i].end);
    }
    total += end - begin;
  }
  return total;
}

Span Intersect(const Span& a, const Span& b) {
  return {a.doc, std::max(a.begin, b.begin), std::min(a.end, b.end)};
}

struct Scores {
  double precision = 0, recall = 0, granularity = 1, plagdet = 0;
  size_t detections = 0, cases = 0;
};

Scores Score(const std::vector<Alignment>& cases, const std::vector<Alignment>& detections) {
  std::vector<Span> shared, case_chars, detection_chars;
  double detected_cases = 0, detections_per_case = 0;
  for (const Alignment& s : cases) {
    case_chars.push_back(s.susp);
    case_chars.push_back(s.src);
    size_t detecting = 0;
    for (const Alignment& r : detections) {
      if (!Detects(r, s)) continue;
      ++detecting;
      shared.push_back(Intersect(s.susp, r.susp));
      shared.push_back(Intersect(s.src, r.src));
    }
    if (detecting > 0) {
      detected_cases += 1;
      detections_per_case += static_cast<double>(detecting);
    }
  }
  for (const Alignment& r : detections) {
    detection_chars.push_back(r.susp);
    detection_chars.push_back(r.src);
  }
  Scores scores;
  scores.cases = cases.size();
  scores.detections = detections.size();
  const double common = static_cast<double>(UnionSize(shared));
  const double detected = static_cast<double>(UnionSize(detection_chars));
  const double truth = static_cast<double>(UnionSize(case_chars));
  scores.precision = detected > 0 ? common / detected : 0;
  scores.recall = truth > 0 ? common / truth : 0;
  scores.granularity = detected_cases > 0 ? detections_per_case / detected_cases : 1;
  const double f1 = scores.precision + scores.recall > 0
                        ? 2 * scores.precision * scores.recall / (scores.precision + scores.recall)
                        : 0;
  scores.plagdet = f1 / std::log2(1 + scores.granularity);
  return scores;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 ? fs::path(argv[1])
                                : fs::path(NEARDUP_SOURCE_ROOT) / ".." / "shared" / "data" / "pan13";
  const fs::path pairs_file = dir / "02-no-obfuscation" / "pairs";
  if (!fs::exists(pairs_file)) {
    std::printf("pan13_quality: %s absent; skipped\n", pairs_file.c_str());
    return 0;
  }
  std::vector<int> min_words_list;
  for (int i = 2; i < argc; ++i) min_words_list.push_back(std::atoi(argv[i]));
  if (min_words_list.empty()) min_words_list = {neardup::PassageOptions{}.min_words, 30, 25, 20, 15};

  // Load the pairs once.
  struct Pair {
    std::string susp_name, src_name, susp_text, src_text;
    std::vector<Alignment> cases;
  };
  std::vector<Pair> pairs;
  std::ifstream in(pairs_file);
  std::string susp_name, src_name;
  while (in >> susp_name >> src_name) {
    Pair p{susp_name, src_name, ReadFile(dir / "susp" / susp_name), ReadFile(dir / "src" / src_name), {}};
    const std::string xml = fs::path(susp_name).stem().string() + "-" + fs::path(src_name).stem().string() + ".xml";
    p.cases = ReadCases(dir / "02-no-obfuscation" / xml, susp_name);
    pairs.push_back(std::move(p));
  }
  std::vector<Alignment> cases;
  uint64_t bytes = 0;
  for (const Pair& p : pairs) {
    cases.insert(cases.end(), p.cases.begin(), p.cases.end());
    bytes += p.susp_text.size() + p.src_text.size();
  }
  std::printf("pan13 02-no-obfuscation: %zu pairs, %zu cases, %.1f MB of text\n", pairs.size(),
              cases.size(), bytes / 1e6);
  std::printf("%9s %9s %9s %11s %9s %10s %8s\n", "min_words", "precision", "recall", "granularity",
              "plagdet", "detections", "MB/s");

  for (int min_words : min_words_list) {
    neardup::PassageOptions options;
    options.min_words = min_words;
    std::vector<Alignment> detections;
    const auto start = std::chrono::steady_clock::now();
    for (const Pair& p : pairs) {
      const PairTexts texts(p.src_text, p.susp_text);
      const std::vector<uint64_t> docs = {0, 1};
      const auto passages = neardup::passages::FindPassages(docs, texts, options, 1);
      const std::vector<uint64_t> susp_chars = CharOffsets(p.susp_text);
      const std::vector<uint64_t> src_chars = CharOffsets(p.src_text);
      for (const auto& passage : passages) {
        if (passage.doc != 1 || passage.first_doc != 0) continue;
        detections.push_back({{p.susp_name, susp_chars[passage.begin], susp_chars[passage.end]},
                              {p.src_name, src_chars[passage.first_begin], src_chars[passage.first_end]}});
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Scores s = Score(cases, detections);
    std::printf("%9d %9.4f %9.4f %11.4f %9.4f %10zu %8.1f\n", min_words, s.precision, s.recall,
                s.granularity, s.plagdet, s.detections, bytes / 1e6 / seconds);
  }
  return 0;
}
