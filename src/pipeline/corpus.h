// What the first pass over the input learns: one outcome per record, one
// sketched document per usable record, and the spilled texts.
#ifndef NEARDUP_PIPELINE_CORPUS_H_
#define NEARDUP_PIPELINE_CORPUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "neardup/document.h"
#include "neardup/options.h"
#include "pipeline/spill.h"
#include "text/document_texts.h"

namespace neardup::pipeline {

// A usable record after sketching. `slot` numbers usable records densely in
// input order; slots are what the sketch and cluster stages work on.
struct ScannedDoc {
  uint64_t record = 0;       // input index of the record
  uint32_t input = 0;
  std::string id;
  std::string date;
  std::string source;
  std::optional<int64_t> date_days;     // parsed date (days since 1970), when it parses
  RecordFormat format = RecordFormat::kTextFile;
  uint64_t text_bytes = 0;
  uint32_t words = 0;                   // tokens
  bool empty = false;                   // no tokens: kept, never clustered
  uint32_t mojibake_repairs = 0;
  uint32_t mojibake_guesses = 0;
  uint32_t mojibake_markers = 0;
  std::string mojibake_code_page;       // empty when none detected
  SpillRef analyzed_text;               // the text that was tokenized (repaired)
  SpillRef original_text;               // the record's text field as read
  SpillRef raw;                         // the record's original bytes
  size_t text_token_begin = 0;          // see Record
  size_t text_token_end = 0;
};

// Every input record, usable or not, in input order.
struct RecordOutcome {
  uint32_t input = 0;
  uint64_t line = 0;
  std::string id;
  std::string rejection;                // non-empty: rejected
  uint32_t invalid_utf8_replaced = 0;
  int64_t slot = -1;                    // ScannedDoc slot when usable
};

// ScannedCorpus owns the first pass's results. Immutable once Scan() returns;
// reading it is thread-safe.
class ScannedCorpus : public text::DocumentTexts {
 public:
  std::vector<RecordOutcome> records;
  std::vector<ScannedDoc> docs;
  std::vector<uint32_t> signatures;     // docs.size() * num_perm slots
  int num_perm = 0;
  int word_ngram = 0;                   // the shingling options of the scan
  int char_ngram = 0;
  uint64_t input_bytes = 0;             // text bytes of usable records
  // A hash of every record's id and text in input order: the same night
  // scanned again has the same fingerprint (see index/history_index.h).
  uint64_t run_fingerprint = 0;

  // Spill files, in the order they are created.
  std::optional<SpillFile> text_spill;
  std::optional<SpillFile> raw_spill;

  // Replaces `*shingles` with the slot's sorted shingle set. Shingle sets are
  // not stored (they outweigh the text): each call re-tokenizes and
  // re-shingles the analyzed text exactly as the scan did, so the set is the
  // one that was signed; callers that compare one document many times should
  // keep the result. Thread-safe.
  void Shingles(uint32_t slot, std::vector<uint64_t>* shingles) const;
  absl::Span<const uint32_t> Signature(uint32_t slot) const;
  std::string_view OriginalText(uint32_t slot) const;
  std::string_view Raw(uint32_t slot) const;
  // DocumentTexts, by record index: the analyzed (repaired) text.
  std::string_view Text(uint64_t record_index) const override;
};

// Reads every input, tokenizes, shingles and signs usable records on
// `options.threads` threads in batches, and spills what later stages re-read
// into `scratch_dir`. Fails only when an input cannot be read at all or the
// scratch space runs out.
absl::StatusOr<std::unique_ptr<ScannedCorpus>> ScanCorpus(const Options& options,
                                                          const std::string& scratch_dir);

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_CORPUS_H_
