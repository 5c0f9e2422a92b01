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
// The local copy of the corpus does not match its annotations everywhere
// (docs/PASSAGES.md), so the program first checks every case against the
// texts, prints the evidence, and scores four ground truths: the
// annotations as they are ("as annotated", the PAN figure); only the pairs
// whose every case is faithful, its two slices equal in letters and digits
// ("faithful"); only the pairs whose every case's source slice occurs once
// in the suspicious document, the suspicious span moved over it ("re-anchored");
// and all cases with those moves made where they can be ("drift-fixed").
//
// Usage: pan13_quality [PAN13_DIR] [MIN_WORDS ...]
// PAN13_DIR defaults to <source root>/../shared/data/pan13; MIN_WORDS to the
// default option value and a sweep. Exits 0 with a message when the data is
// absent.
#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
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

// The letters and digits of a text, ASCII letters lower-cased and the bytes
// of non-ASCII characters kept as they are, each with the character offset
// it comes from: the form in which two copies of a passage are compared when
// spacing, line breaks and punctuation may differ.
struct Folded {
  std::string chars;
  std::vector<uint64_t> offsets;  // offsets[i]: character offset of chars[i]

  // Index of the first folded byte at or after character `offset`.
  size_t At(uint64_t offset) const {
    return std::lower_bound(offsets.begin(), offsets.end(), offset) - offsets.begin();
  }
  std::string_view Of(const Span& span) const {
    const size_t begin = At(span.begin);
    return std::string_view(chars).substr(begin, At(span.end) - begin);
  }
};

Folded Fold(std::string_view text) {
  Folded folded;
  uint64_t offset = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (i > 0 && (c & 0xC0) != 0x80) ++offset;
    if (c >= 0x80 || std::isalnum(c)) {
      folded.chars.push_back(static_cast<char>(std::tolower(c)));
      folded.offsets.push_back(offset);
    }
  }
  return folded;
}

// `text` with every run of whitespace made one space, none at either end.
std::string FoldSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

uint64_t CharCount(std::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// The characters [begin, end) of UTF-8 `text`, clamped to the text.
std::string_view CharSlice(std::string_view text, const Span& span) {
  size_t byte = 0, begin = text.size();
  uint64_t offset = 0;
  for (; byte < text.size(); ++byte) {
    if ((static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) continue;
    if (offset == span.begin) begin = byte;
    if (offset == span.end) break;
    ++offset;
  }
  return begin < byte ? text.substr(begin, byte - begin) : std::string_view();
}

// What the texts say about one annotated case. In a faithful copy of the
// corpus (no obfuscation) the two annotated slices are the same text.
struct CaseCheck {
  bool susp_in_text = false, src_in_text = false;  // the span ends inside its text
  bool raw_equal = false;     // the two slices are byte for byte equal
  bool spaces_equal = false;  // equal once whitespace is folded
  bool folded_equal = false;  // equal in letters and digits (Folded)
  // The folded source slice occurs exactly once in the folded suspicious
  // document; `anchored` is the case with its suspicious span moved over
  // that text, `drift` characters from where the annotation put it.
  bool found = false;
  int64_t drift = 0;
  Alignment anchored;
};

CaseCheck Check(const Alignment& c, std::string_view susp_text, std::string_view src_text,
                const Folded& susp_folded, const Folded& src_folded) {
  CaseCheck check;
  check.susp_in_text = c.susp.end <= CharCount(susp_text);
  check.src_in_text = c.src.end <= CharCount(src_text);
  const std::string_view susp_slice = CharSlice(susp_text, c.susp);
  const std::string_view src_slice = CharSlice(src_text, c.src);
  check.raw_equal = susp_slice == src_slice;
  check.spaces_equal = FoldSpaces(susp_slice) == FoldSpaces(src_slice);
  const std::string_view source = src_folded.Of(c.src);
  check.folded_equal = susp_folded.Of(c.susp) == source;
  if (source.empty()) return check;
  const size_t at = susp_folded.chars.find(source);
  if (at == std::string::npos || susp_folded.chars.find(source, at + 1) != std::string::npos) return check;
  check.found = true;
  // The source span stays as annotated; the suspicious span is put over the
  // same text, with as many characters before its first and after its last
  // letter or digit as the source span has.
  const size_t src_first = src_folded.At(c.src.begin);
  const uint64_t lead = src_folded.offsets[src_first] - c.src.begin;
  const uint64_t trail = c.src.end - (src_folded.offsets[src_first + source.size() - 1] + 1);
  const uint64_t susp_begin = susp_folded.offsets[at] - std::min(lead, susp_folded.offsets[at]);
  const uint64_t susp_end = susp_folded.offsets[at + source.size() - 1] + 1 + trail;
  check.drift = static_cast<int64_t>(susp_begin) - static_cast<int64_t>(c.susp.begin);
  check.anchored = {{c.susp.doc, susp_begin, susp_end}, c.src};
  return check;
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

  // Load the pairs once and check every annotation against the texts.
  struct Pair {
    std::string susp_name, src_name, susp_text, src_text;
    std::vector<Alignment> cases;
    std::vector<CaseCheck> checks;
  };
  std::vector<Pair> pairs;
  std::ifstream in(pairs_file);
  std::string susp_name, src_name;
  while (in >> susp_name >> src_name) {
    Pair p{susp_name, src_name, ReadFile(dir / "susp" / susp_name), ReadFile(dir / "src" / src_name), {}, {}};
    const std::string xml = fs::path(susp_name).stem().string() + "-" + fs::path(src_name).stem().string() + ".xml";
    p.cases = ReadCases(dir / "02-no-obfuscation" / xml, susp_name);
    const Folded susp_folded = Fold(p.susp_text), src_folded = Fold(p.src_text);
    for (const Alignment& c : p.cases) {
      p.checks.push_back(Check(c, p.susp_text, p.src_text, susp_folded, src_folded));
    }
    pairs.push_back(std::move(p));
  }
  uint64_t bytes = 0;
  size_t case_count = 0;
  std::map<std::string, std::string_view> texts;  // every document once, by name
  for (const Pair& p : pairs) {
    case_count += p.cases.size();
    bytes += p.susp_text.size() + p.src_text.size();
    texts.emplace(p.susp_name, p.susp_text);
    texts.emplace(p.src_name, p.src_text);
  }
  std::printf("pan13 02-no-obfuscation: %zu pairs, %zu cases, %.1f MB of text\n", pairs.size(),
              case_count, bytes / 1e6);

  // Evidence on the annotations (see docs/PASSAGES.md).
  size_t non_ascii = 0, carriage_returns = 0, byte_order_marks = 0;
  for (const auto& [name, text] : texts) {
    non_ascii += std::any_of(text.begin(), text.end(), [](char c) { return (c & 0x80) != 0; });
    carriage_returns += text.find('\r') != std::string_view::npos;
    byte_order_marks += text.starts_with("\xEF\xBB\xBF");
  }
  std::printf("documents: %zu; with a non-ASCII byte %zu, with a CR %zu, with a BOM %zu\n",
              texts.size(), non_ascii, carriage_returns, byte_order_marks);
  size_t past_end_susp = 0, past_end_src = 0, raw = 0, spaces = 0, folded = 0, found = 0;
  std::vector<int64_t> drifts;
  std::map<std::string, std::vector<std::pair<uint64_t, int64_t>>> drift_along;  // per suspicious doc
  for (const Pair& p : pairs) {
    for (size_t i = 0; i < p.cases.size(); ++i) {
      const CaseCheck& c = p.checks[i];
      past_end_susp += !c.susp_in_text;
      past_end_src += !c.src_in_text;
      raw += c.raw_equal;
      spaces += c.spaces_equal;
      folded += c.folded_equal;
      if (!c.found) continue;
      ++found;
      drifts.push_back(c.drift);
      drift_along[p.susp_name].emplace_back(p.cases[i].susp.begin, c.drift);
    }
  }
  std::printf("annotated spans past the end of the text: suspicious %zu, source %zu\n", past_end_susp,
              past_end_src);
  std::printf("suspicious slice == source slice: as is %zu, whitespace folded %zu, "
              "letters and digits only %zu (of %zu)\n", raw, spaces, folded, case_count);
  std::sort(drifts.begin(), drifts.end());
  const auto count_drift = [&](auto predicate) {
    return std::count_if(drifts.begin(), drifts.end(), predicate);
  };
  size_t docs_with_two = 0, docs_never_growing = 0;
  for (auto& [name, points] : drift_along) {
    if (points.size() < 2) continue;
    ++docs_with_two;
    std::sort(points.begin(), points.end());
    bool growing = false;
    for (size_t i = 1; i < points.size(); ++i) growing |= points[i].second > points[i - 1].second;
    docs_never_growing += !growing;
  }
  std::printf("source slice (letters and digits) found once in the suspicious document: %zu; "
              "drift from the annotation 0: %td, < 0: %td, > 0: %td, median %lld; "
              "drift never grows along the document in %zu of %zu documents with 2+ such cases\n",
              found, count_drift([](int64_t d) { return d == 0; }),
              count_drift([](int64_t d) { return d < 0; }), count_drift([](int64_t d) { return d > 0; }),
              drifts.empty() ? 0LL : static_cast<long long>(drifts[drifts.size() / 2]), docs_never_growing,
              docs_with_two);

  // The ground truths scored (see the head of this file).
  enum Truth { kAnnotated, kFaithful, kReanchored, kDriftFixed, kTruths };
  const char* const truth_names[kTruths] = {"as annotated", "faithful", "re-anchored", "drift-fixed"};
  std::vector<Alignment> truth_cases[kTruths];
  std::vector<bool> in_truth[kTruths];
  for (const Pair& p : pairs) {
    const bool faithful = std::all_of(p.checks.begin(), p.checks.end(),
                                      [](const CaseCheck& c) { return c.folded_equal; });
    const bool anchored = std::all_of(p.checks.begin(), p.checks.end(),
                                      [](const CaseCheck& c) { return c.found; });
    in_truth[kAnnotated].push_back(true);
    in_truth[kFaithful].push_back(faithful);
    in_truth[kReanchored].push_back(anchored);
    in_truth[kDriftFixed].push_back(true);
    for (size_t i = 0; i < p.cases.size(); ++i) {
      const Alignment& moved = p.checks[i].found ? p.checks[i].anchored : p.cases[i];
      truth_cases[kAnnotated].push_back(p.cases[i]);
      if (faithful) truth_cases[kFaithful].push_back(p.cases[i]);
      if (anchored) truth_cases[kReanchored].push_back(moved);
      truth_cases[kDriftFixed].push_back(moved);
    }
  }
  for (int t = 0; t < kTruths; ++t) {
    std::printf("truth %-12s: %td pairs, %zu cases\n", truth_names[t],
                std::count(in_truth[t].begin(), in_truth[t].end(), true), truth_cases[t].size());
  }

  std::printf("%9s %-12s %9s %9s %11s %9s %10s %8s\n", "min_words", "truth", "precision", "recall",
              "granularity", "plagdet", "detections", "MB/s");
  for (int min_words : min_words_list) {
    neardup::PassageOptions options;
    options.min_words = min_words;
    std::vector<std::vector<Alignment>> detections(pairs.size());
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < pairs.size(); ++i) {
      const Pair& p = pairs[i];
      const PairTexts pair_texts(p.src_text, p.susp_text);
      const std::vector<uint64_t> docs = {0, 1};
      const auto passages = neardup::passages::FindPassages(docs, pair_texts, options, 1);
      const std::vector<uint64_t> susp_chars = CharOffsets(p.susp_text);
      const std::vector<uint64_t> src_chars = CharOffsets(p.src_text);
      for (const auto& passage : passages) {
        if (passage.doc != 1 || passage.first_doc != 0) continue;
        detections[i].push_back({{p.susp_name, susp_chars[passage.begin], susp_chars[passage.end]},
                                 {p.src_name, src_chars[passage.first_begin], src_chars[passage.first_end]}});
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (int t = 0; t < kTruths; ++t) {
      std::vector<Alignment> scored;
      for (size_t i = 0; i < pairs.size(); ++i) {
        if (in_truth[t][i]) scored.insert(scored.end(), detections[i].begin(), detections[i].end());
      }
      const Scores s = Score(truth_cases[t], scored);
      std::printf("%9d %-12s %9.4f %9.4f %11.4f %9.4f %10zu", min_words, truth_names[t], s.precision,
                  s.recall, s.granularity, s.plagdet, s.detections);
      if (t == kAnnotated) std::printf(" %8.1f", bytes / 1e6 / seconds);
      std::printf("\n");
    }
  }
  return 0;
}
