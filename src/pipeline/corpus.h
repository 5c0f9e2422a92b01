// What the first pass over the input learns: one outcome per record, one
// sketched document per usable record, and the spilled texts.
#ifndef NEARDUP_PIPELINE_CORPUS_H_
#define NEARDUP_PIPELINE_CORPUS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "io/id_registry.h"
#include "io/record_reader.h"
#include "neardup/document.h"
#include "neardup/options.h"
#include "pipeline/band_key_file.h"
#include "pipeline/spill.h"
#include "sketch/lsh_params.h"
#include "text/document_texts.h"
#include "util/chunked_vector.h"

namespace neardup::pipeline {

// A usable record after sketching. `slot` numbers usable records densely in
// input order; slots are what the sketch and cluster stages work on. One is
// kept in memory per usable record, so fields are ordered to avoid padding.
struct ScannedDoc {
  uint64_t record = 0;       // input index of the record
  std::string id;
  std::string date;
  std::string source;
  std::string mojibake_code_page;       // empty when none detected
  std::optional<int64_t> date_days;     // parsed date (days since 1970), when it parses
  uint64_t text_bytes = 0;
  SpillRef analyzed_text;               // the repaired text, when text_repaired
  SpillRef original_text;               // the record's text field as read, unless text_in_raw
  SpillRef raw;                         // the record's original bytes (see raw_in_input)
  size_t text_token_begin = 0;          // see Record
  size_t text_token_end = 0;
  uint32_t input = 0;
  RecordFormat format = RecordFormat::kTextFile;
  uint32_t words = 0;                   // tokens
  uint32_t mojibake_repairs = 0;
  uint32_t mojibake_guesses = 0;
  uint32_t mojibake_markers = 0;
  bool empty = false;                   // no tokens: kept, never clustered
  bool raw_in_input = false;            // `raw` is in input_maps[input], not raw_spill
  bool text_repaired = false;           // the tokenized text is analyzed_text, not the original
  // The original text is not spilled: it is the JSON string token
  // [text_token_begin, text_token_end) of `raw`, decoded when it is read.
  bool text_in_raw = false;
};

// Every input record, usable or not, in input order.
struct RecordOutcome {
  uint32_t input = 0;
  uint32_t invalid_utf8_replaced = 0;
  uint64_t line = 0;
  std::string id;
  std::string rejection;                // non-empty: rejected
  int64_t slot = -1;                    // ScannedDoc slot when usable
  uint64_t content_hash = 0;            // of the id and text as read
};

// The raw bytes of several slots, read together (ScannedCorpus::ReadRaws):
// batch[i] is the i-th slot's, valid until the batch is read into again.
class RawBatch {
 public:
  size_t size() const { return spans_.size(); }
  std::string_view operator[](size_t i) const {
    return std::string_view(bytes_).substr(spans_[i].first, spans_[i].second);
  }

 private:
  friend class ScannedCorpus;
  std::string bytes_;
  std::vector<std::pair<size_t, size_t>> spans_;  // offset in bytes_, size
};

// ScannedCorpus owns the first pass's results. Immutable once Scan() returns;
// reading it is thread-safe.
class ScannedCorpus : public text::DocumentTexts {
 public:
  util::ChunkedVector<RecordOutcome> records;
  util::ChunkedVector<ScannedDoc> docs;
  int num_perm = 0;
  int word_ngram = 0;                   // the shingling options of the scan
  int char_ngram = 0;
  SketchScheme scheme = SketchScheme::kFastSimilarity;
  uint64_t input_bytes = 0;             // text bytes of usable records
  // A hash of every record's content_hash in input order: the same night
  // scanned again has the same fingerprint (see index/history_index.h).
  uint64_t run_fingerprint = 0;

  // Spill files, in the order they are created. The signatures (num_perm
  // values per slot, in slot order) are spilled too when the run needs them
  // (NeedsSignatures): at 512 bytes a document they would be the largest
  // thing in memory. The text spill holds the
  // repaired texts, and the original texts unless they are read from the
  // raw JSONL lines instead (see texts_spilled).
  std::optional<SpillFile> text_spill;
  std::optional<SpillFile> raw_spill;
  std::optional<SpillFile> signature_spill;
  // The band keys of every slot, for banding.
  std::optional<BandKeyFile> band_keys;
  // By input number: the map of a plain JSONL input file whose lines are
  // read in place instead of spilled (ScannedDoc::raw_in_input); null for
  // other inputs.
  std::vector<std::shared_ptr<const io::MappedFile>> input_maps;
  // Whether every text can be read through Text(): true when a later stage
  // (repeated passages, events) reads the texts of all documents and so
  // needs views that stay valid. Otherwise the original text of a JSONL
  // record is not spilled but decoded from its raw line when it is read
  // (OriginalText, AnalyzedText): the raw line is read in place from the
  // input, or spilled once.
  bool texts_spilled = true;
  // Set when a read of a spill file or a mapped input fails (one was
  // truncated or removed under the run); CheckInputsUnchanged() reports it.
  mutable std::atomic<bool> read_failed{false};

  // OK while every input in input_maps is as it was when it was read and
  // every scratch read succeeded; otherwise an error naming the first input
  // that changed (its raw lines could then no longer be the records the
  // decisions are about) or the scratch read that failed.
  absl::Status CheckInputsUnchanged() const;
  // Writes band `band`'s keys of slots [first, first + count) to `keys`, as
  // sketch::FindCandidates asks for them. Thread-safe.
  void BandKeys(int band, uint32_t first, uint32_t count, uint64_t* keys) const;

  // Replaces `*shingles` with the slot's shingles in token order, repeats
  // included (sketch::ExactJaccard takes them so). Shingles are not stored
  // (they outweigh the text): each call re-tokenizes and re-shingles the
  // analyzed text exactly as the scan did, so they are the ones that were
  // signed; callers that compare one document many times should keep the
  // result. Thread-safe.
  void Shingles(uint32_t slot, std::vector<uint64_t>* shingles) const;
  // Views into the mapped spill files (or, for Raw, a mapped input file),
  // valid while the corpus lives. Signature() only when signatures were kept.
  absl::Span<const uint32_t> Signature(uint32_t slot) const;
  std::string_view Raw(uint32_t slot) const;
  // Replaces `*batch` with the raw bytes of `slots` (Raw), read with one
  // read per run of slots whose bytes lie close together in one file, not
  // through the maps: for many slots in input order, as the cleaned corpus
  // is written. A failed read leaves zeros and is reported by
  // CheckInputsUnchanged(). Thread-safe.
  void ReadRaws(absl::Span<const uint32_t> slots, RawBatch* batch) const;
  // The record's text field as read, and the text that was tokenized (the
  // repaired one when mojibake was repaired): a view into a spill file, or,
  // for a text decoded from its raw line, into `*buffer`, valid until the
  // buffer changes. Thread-safe.
  std::string_view OriginalText(uint32_t slot, std::string* buffer) const;
  std::string_view AnalyzedText(uint32_t slot, std::string* buffer) const;
  // DocumentTexts, by record index: the analyzed text, a view valid while
  // the corpus lives. Only when texts_spilled.
  std::string_view Text(uint64_t record_index) const override;

 private:
  // Where a slot's raw bytes lie: a file (an input or a spill, null when
  // the bytes are empty) and the range in it.
  struct RawPlace {
    const io::MappedFile* file = nullptr;
    uint64_t offset = 0;
    uint64_t size = 0;
  };
  RawPlace PlaceOfRaw(uint32_t slot) const;
};

// Frees `corpus`, its scratch files (whose pages the system frees as they
// are deleted) on one thread and its documents and records on another when
// `threads` allows (util::RunBoth): each takes milliseconds at 100k
// documents, at the very end of a run when the other threads are idle.
void DestroyCorpus(std::unique_ptr<ScannedCorpus> corpus, int threads);

// The banding a run uses: --bands/--rows when given, else chosen from the
// threshold.
sketch::BandsRows ResolveBandsRows(const SketchOptions& sketch);

// What CorpusBuilder::AppendUsable takes of a usable record besides its
// outcome and document: views, copied or spilled as needed.
struct UsableBytes {
  std::string_view original;  // the text field as read
  std::string_view repaired;  // empty when the analyzed text is the original
  std::string_view raw;       // JSONL: the line
  // Where `raw` can be read again (then it is not copied); null when unknown.
  const io::RawLocation* raw_location = nullptr;
  absl::Span<const uint32_t> signature;
  absl::Span<const uint64_t> band_keys;  // sketch::BandKeys of the signature
};

// What a run needs the signatures of its documents for: comparing them with
// an index, verifying candidates by signature, or shipping them to rank 0.
bool NeedsSignatures(const Options& options, bool ships);

// CorpusBuilder appends records in input order and makes the ScannedCorpus:
// texts, band keys, raw lines and (with `keep_signatures`) signatures go to
// spill files in `scratch_dir` (raw lines of plain JSONL files are read in
// place from the input instead, and the original texts of JSONL records are
// spilled only when the options enable a stage that reads every text), the
// rest stays in memory. Each record gets the next record index, each usable
// one the next slot, so the records of several scans (one per rank) appended
// one after the other are numbered as one scan of all inputs would number
// them. With `check_ids`, a usable record whose id an earlier one had is
// turned into the rejection the reader gives (needed when the earlier one
// came from another scan). Not thread-safe; Finish() once.
class CorpusBuilder {
 public:
  static absl::StatusOr<CorpusBuilder> Create(const Options& options,
                                              const std::string& scratch_dir, bool check_ids,
                                              bool keep_signatures);
  CorpusBuilder(CorpusBuilder&&) noexcept;
  CorpusBuilder& operator=(CorpusBuilder&&) noexcept;
  ~CorpusBuilder();

  // `outcome.slot`, `doc.record` and the fields `bytes` determine are
  // assigned here; the rest of `doc` (date_days too) is the caller's.
  void AppendUsable(RecordOutcome outcome, ScannedDoc doc, const UsableBytes& bytes);
  void AppendRejected(RecordOutcome outcome);
  // The memory that coming appends will grow into, mapped ahead of need
  // (util::ChunkedVector::MapAhead), each piece returned once: a caller that
  // appends under a lock faults it in (util::FaultIn) after releasing it.
  std::array<util::UntouchedMemory, 2> MapMemoryAhead();
  // Seals the spill files; fails when the scratch space ran out.
  absl::StatusOr<std::unique_ptr<ScannedCorpus>> Finish();

 private:
  explicit CorpusBuilder(const Options& options, bool check_ids);
  void Fingerprint(const RecordOutcome& outcome);

  std::unique_ptr<ScannedCorpus> corpus_;
  std::optional<io::IdRegistry> ids_;
};

// Reads the inputs in `range` (all when not given) in batches on
// `options.threads` threads: each takes the next batch of split lines
// (io::RecordReader::NextPending, one reader at a time), parses, tokenizes,
// shingles and signs its records, and appends the batch to `builder` once
// every earlier batch is in, an id already accepted in the range rejecting
// the record. Fails only when an input cannot be read at all.
absl::Status ScanInputs(const Options& options, std::optional<io::InputRange> range,
                        CorpusBuilder* builder);

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_CORPUS_H_
