// neardup: every option a run takes, with its default. Only the CLI parses
// flags; the library sees this struct.
#ifndef NEARDUP_OPTIONS_H_
#define NEARDUP_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace neardup {

// How inputs are read.
struct InputOptions {
  std::string id_field = "id";
  std::string text_field = "text";
  std::string date_field = "date";
  std::string source_field = "source";
  std::string url_field = "url";
  // A record (JSONL line or .txt file) larger than this is rejected.
  size_t max_record_bytes = 64u << 20;
  // JSON nesting deeper than this is rejected (guards the parser's stack).
  size_t max_json_depth = 64;
};

// How a document's shingle set becomes its signature (sketch/minhash.h).
// kFastSimilarity hashes each shingle once per round into one of num_perm
// slots; kClassic hashes it num_perm times, once per slot. Both estimate
// Jaccard as the fraction of equal slots. Signatures of different schemes
// cannot be compared, so an index keeps the scheme it was built with.
enum class SketchScheme { kFastSimilarity, kClassic };
inline constexpr SketchScheme kSketchSchemes[] = {SketchScheme::kFastSimilarity,
                                                  SketchScheme::kClassic};

// The name of a signature scheme, as --sketch, stats.json and an index spell it.
inline constexpr const char* SketchSchemeName(SketchScheme scheme) {
  switch (scheme) {
    case SketchScheme::kFastSimilarity: return "fast";
    case SketchScheme::kClassic: return "classic";
  }
  return "fast";
}

// How documents are turned into sketches.
struct SketchOptions {
  int word_ngram = 5;     // words per shingle in space-separated scripts
  int char_ngram = 3;     // characters per shingle in scripts without spaces
  int num_perm = 128;     // MinHash signature length
  SketchScheme scheme = SketchScheme::kFastSimilarity;
  double threshold = 0.5; // Jaccard at or above which two documents are near-duplicates
  int bands = 0;          // 0: chosen from threshold (see lsh_params.h)
  int rows = 0;
  uint64_t seed = 1;
};

enum class VerifyMode { kExact, kSignature };
enum class KeepPolicy { kLongest, kFirst, kNewest, kOldest };
inline constexpr KeepPolicy kKeepPolicies[] = {KeepPolicy::kLongest, KeepPolicy::kFirst,
                                               KeepPolicy::kNewest, KeepPolicy::kOldest};

// The name of a survivor policy, as --keep and stats.json spell it.
inline constexpr const char* KeepPolicyName(KeepPolicy policy) {
  switch (policy) {
    case KeepPolicy::kLongest: return "longest";
    case KeepPolicy::kFirst: return "first";
    case KeepPolicy::kNewest: return "newest";
    case KeepPolicy::kOldest: return "oldest";
  }
  return "longest";
}

struct PassageOptions {
  bool enabled = true;
  int min_words = 40;           // shortest repeated passage reported
  int boilerplate_min_docs = 5; // a passage in this many documents is boilerplate
  bool cut_boilerplate = true;  // cut boilerplate from every document but its first
};

struct EventOptions {
  bool enabled = true;
  int date_window_days = 3;     // record dates, and dates named in headlines, at most this far apart
  double threshold = 0.0;  // 0: the module's documented default
};

struct Options {
  std::vector<std::string> inputs;  // folders, .jsonl[.gz|.zst] files, or "-"
  std::string output_dir;
  int threads = 0;                  // 0: all cores
  InputOptions input;
  SketchOptions sketch;
  VerifyMode verify = VerifyMode::kExact;
  KeepPolicy keep = KeepPolicy::kLongest;
  PassageOptions passages;
  EventOptions events;
  bool write_repaired = false;      // write mojibake-repaired text to the cleaned corpus
  bool repair_mojibake = true;
  bool quiet = false;
  bool progress = false;            // a progress line on stderr (the CLI sets it on a terminal)
  // A folder holding the persistent index of documents kept by earlier runs
  // (created on first use); empty: no index, the run stands alone.
  std::string index_dir;
};

}  // namespace neardup

#endif  // NEARDUP_OPTIONS_H_
