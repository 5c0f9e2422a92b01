#include "pipeline/corpus.h"

#include <sys/stat.h>

#include <atomic>
#include <cassert>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "events/date.h"
#include "io/jsonl_line_parser.h"
#include "io/pending_record.h"
#include "io/record_reader.h"
#include "pipeline/progress.h"
#include "sketch/banding.h"
#include "sketch/long_hash.h"
#include "sketch/minhash.h"
#include "sketch/shingles.h"
#include "text/mojibake.h"
#include "text/tokenizer.h"
#include "util/parallel.h"
#include "xxhash.h"

namespace neardup::pipeline {
namespace {

// A batch is cut at this many records or this many text bytes, whichever
// comes first, so memory holds a few batches of text at a time (each
// record's buffers are kept for the next batch: smaller batches touch less
// fresh memory).
constexpr size_t kBatchRecords = 128;
constexpr size_t kBatchBytes = 16u << 20;
// The first batches are smaller: batch k < kGrowingBatches holds up to
// kBatchRecords >> (kGrowingBatches - k) records (16, 32, 64), so that
// the other threads get their first batches soon after the run starts
// instead of one full batch read after another.
constexpr size_t kGrowingBatches = 3;

size_t MaxRecordsOfBatch(size_t k) {
  return k < kGrowingBatches ? kBatchRecords >> (kGrowingBatches - k) : kBatchRecords;
}

// RecordOutcome::content_hash of a record: of its id and text as read.
uint64_t ContentHash(const Record& record) {
  return sketch::LongHash(record.text.data(), record.text.size(),
                          XXH3_64bits(record.id.data(), record.id.size()));
}

// What the scanning threads compute for one record of a batch.
struct Sketched {
  uint64_t content_hash = 0;  // hashed here while the text is in cache
  io::IdRegistry::Key id_key;  // hashed here, not while admitting
  std::string repaired;  // empty unless mojibake was repaired
  uint32_t mojibake_repairs = 0;
  uint32_t mojibake_guesses = 0;
  uint32_t mojibake_markers = 0;
  std::string mojibake_code_page;
  uint32_t words = 0;
  std::optional<int64_t> date_days;  // the record's date, parsed
};

// Per-thread scratch for shingling, reused across records and batches: the
// token buffer and the Shingler with its buffers (rebuilt when the n-gram
// options change between runs in one process).
struct ShingleScratch {
  std::vector<text::Token> tokens;
  std::optional<sketch::Shingler> shingler;
  int word_ngram = 0;
  int char_ngram = 0;
  SketchScheme scheme = SketchScheme::kFastSimilarity;
};

// The one definition of a document's shingles: tokenizes `text` and replaces
// `*shingles` with its shingle hashes in token order, repeats included (a
// minimum and a set ignore both); returns the token count. The first pass
// signs these shingles and ScannedCorpus::Shingles recomputes them from the
// analyzed text, so both see the same set. Thread-safe (per-thread scratch).
uint32_t ShingleText(std::string_view text, int word_ngram, int char_ngram, SketchScheme scheme,
                     std::vector<uint64_t>* shingles) {
  thread_local ShingleScratch scratch;
  scratch.tokens.clear();
  text::Tokenizer().Tokenize(text, &scratch.tokens);
  if (!scratch.shingler || scratch.word_ngram != word_ngram ||
      scratch.char_ngram != char_ngram || scratch.scheme != scheme) {
    scratch.shingler.emplace(word_ngram, char_ngram, scheme);
    scratch.word_ngram = word_ngram;
    scratch.char_ngram = char_ngram;
    scratch.scheme = scheme;
  }
  scratch.shingler->Shingle(scratch.tokens, shingles);
  return static_cast<uint32_t>(scratch.tokens.size());
}

// What the scan computes of a usable record: every part that depends on the
// record alone, so that the threads compute it at once and appending (in
// input order, one batch at a time) has little left to do.
void SketchRecord(const Record& record, const Options& options, const sketch::MinHasher& hasher,
                  sketch::BandsRows bands_rows, uint32_t* signature, uint64_t* band_keys,
                  Sketched* out) {
  out->content_hash = ContentHash(record);
  out->date_days = events::ParseDateToDays(record.date);
  std::string_view analyzed = record.text;
  if (options.repair_mojibake) {
    text::MojibakeRepair repair = text::RepairMojibake(record.text);
    if (repair.detected) {
      out->repaired = std::move(repair.text);
      out->mojibake_repairs = repair.repairs;
      out->mojibake_guesses = repair.guesses;
      out->mojibake_markers = repair.markers;
      out->mojibake_code_page = std::move(repair.code_page);
      analyzed = out->repaired;
    }
  }
  thread_local std::vector<uint64_t> shingles;
  out->words = ShingleText(analyzed, options.sketch.word_ngram, options.sketch.char_ngram,
                           options.sketch.scheme, &shingles);
  hasher.Sign(shingles, signature);
  sketch::BandKeys(signature, bands_rows, band_keys);
}

// Records in input order, as read (pending) and, once completed, with where
// their raw bytes can be read again (RecordParser::Complete).
struct Batch {
  std::vector<io::PendingRecord> pending;
  std::vector<std::optional<io::RawLocation>> raw_locations;
};

// What a pending record will hold in memory once completed: a JSONL line
// becomes its raw bytes plus a text about as long.
size_t CompletedBytes(const io::PendingRecord& pending) {
  const Record& record = pending.record;
  return record.format == RecordFormat::kJsonl ? 2 * record.raw.size()
                                               : record.text.size() + record.raw.size();
}

// Per-record buffers longer than this are freed when their batch is reused,
// so that one huge record does not pin its size in memory for the rest of
// the scan.
constexpr size_t kKeptBufferBytes = 1u << 20;

void ReleaseLongBuffers(Record* record) {
  for (std::string* buffer : {&record->raw, &record->text}) {
    if (buffer->capacity() > kKeptBufferBytes) std::string().swap(*buffer);
  }
}

// Refills `batch` with the next batch: up to `max_records` records or
// kBatchBytes of completed records. The batch's records are reused, buffers
// and all, so a scan in its steady state allocates nothing per record. An
// empty batch means the input is exhausted.
absl::Status ReadBatch(io::RecordReader& reader, size_t max_records, Batch* batch) {
  size_t count = 0;
  size_t batch_bytes = 0;
  while (count < max_records && batch_bytes < kBatchBytes) {
    if (count == batch->pending.size()) batch->pending.emplace_back();
    io::PendingRecord& pending = batch->pending[count];
    ReleaseLongBuffers(&pending.record);
    absl::StatusOr<bool> got = reader.NextPending(&pending);
    if (!got.ok()) return got.status();
    if (!*got) break;
    batch_bytes += CompletedBytes(pending);
    ++count;
  }
  batch->pending.resize(count);
  return absl::OkStatus();
}

// One scanning thread's batch, what sketching made of it, and the parser
// that completes its records: reused batch after batch.
struct BatchWork {
  explicit BatchWork(const InputOptions& input) : parser(input) {}
  Batch batch;
  std::vector<Sketched> sketched;
  // num_perm values per record, and a band key per band, back to back;
  // those of records rejected by the parser are left unset.
  std::vector<uint32_t> signatures;
  std::vector<uint64_t> band_keys;
  io::RecordParser parser;
};

// Completes and sketches the batch's records: what a record becomes
// depends on that record alone.
void CompleteAndSketch(BatchWork& w, const Options& options, const sketch::MinHasher& hasher,
                       sketch::BandsRows bands_rows) {
  std::vector<io::PendingRecord>& pending = w.batch.pending;
  const size_t num_perm = static_cast<size_t>(options.sketch.num_perm);
  const size_t bands = static_cast<size_t>(bands_rows.bands);
  w.sketched.assign(pending.size(), Sketched{});
  w.batch.raw_locations.assign(pending.size(), std::nullopt);
  w.signatures.resize(pending.size() * num_perm);
  w.band_keys.resize(pending.size() * bands);
  for (size_t i = 0; i < pending.size(); ++i) {
    w.batch.raw_locations[i] = w.parser.Complete(&pending[i]);
    const Record& record = pending[i].record;
    w.sketched[i].id_key = io::IdRegistry::KeyOf(record.id);
    if (!record.rejection.empty()) {
      w.sketched[i].content_hash = ContentHash(record);
      continue;
    }
    SketchRecord(record, options, hasher, bands_rows, w.signatures.data() + i * num_perm,
                 w.band_keys.data() + i * bands, &w.sketched[i]);
  }
}

// Moves one sketched batch into the builder, in input order, rejecting a
// record whose id an earlier one had (`ids` has seen every earlier batch).
void AppendBatch(BatchWork& w, size_t num_perm, size_t bands, io::IdRegistry* ids,
                 CorpusBuilder* builder) {
  Batch& batch = w.batch;
  // How many records ahead the registry's memory is prefetched: enough to
  // cover a cache miss with this loop's work.
  constexpr size_t kPrefetchAhead = 4;
  for (size_t i = 0; i < std::min(kPrefetchAhead, batch.pending.size()); ++i) {
    ids->Prefetch(w.sketched[i].id_key);
  }
  for (size_t i = 0; i < batch.pending.size(); ++i) {
    if (i + kPrefetchAhead < batch.pending.size()) {
      ids->Prefetch(w.sketched[i + kPrefetchAhead].id_key);
    }
    Record& record = batch.pending[i].record;
    Sketched& s = w.sketched[i];
    ids->Admit(s.id_key, &record);
    RecordOutcome outcome;
    outcome.input = record.input;
    outcome.line = record.origin.line;
    outcome.id = record.id;
    outcome.rejection = std::move(record.rejection);
    outcome.invalid_utf8_replaced = record.invalid_utf8_replaced;
    outcome.content_hash = s.content_hash;
    if (!outcome.rejection.empty()) {
      builder->AppendRejected(std::move(outcome));
      continue;
    }
    ScannedDoc doc;
    doc.input = record.input;
    // Copied, not moved: the record's buffers serve the next batch read
    // into this one.
    doc.id = record.id;
    doc.date = record.date;
    doc.source = record.source;
    doc.format = record.format;
    doc.words = s.words;
    doc.mojibake_repairs = s.mojibake_repairs;
    doc.mojibake_guesses = s.mojibake_guesses;
    doc.mojibake_markers = s.mojibake_markers;
    doc.mojibake_code_page = std::move(s.mojibake_code_page);
    doc.text_token_begin = record.text_token_begin;
    doc.text_token_end = record.text_token_end;
    doc.date_days = s.date_days;
    const std::optional<io::RawLocation>& raw_location = batch.raw_locations[i];
    builder->AppendUsable(
        std::move(outcome), std::move(doc),
        {.original = record.text,
         .repaired = s.repaired,
         .raw = record.raw,
         .raw_location = raw_location.has_value() ? &*raw_location : nullptr,
         .signature = absl::MakeConstSpan(w.signatures).subspan(i * num_perm, num_perm),
         .band_keys = absl::MakeConstSpan(w.band_keys).subspan(i * bands, bands)});
  }
}

}  // namespace

CorpusBuilder::CorpusBuilder(const Options& options, bool check_ids)
    : corpus_(std::make_unique<ScannedCorpus>()) {
  corpus_->num_perm = options.sketch.num_perm;
  corpus_->word_ngram = options.sketch.word_ngram;
  corpus_->scheme = options.sketch.scheme;
  corpus_->char_ngram = options.sketch.char_ngram;
  if (check_ids) ids_.emplace(options.inputs);
  corpus_->input_maps.resize(options.inputs.size());
  corpus_->texts_spilled = options.passages.enabled || options.events.enabled;
}

CorpusBuilder::CorpusBuilder(CorpusBuilder&&) noexcept = default;
CorpusBuilder& CorpusBuilder::operator=(CorpusBuilder&&) noexcept = default;
CorpusBuilder::~CorpusBuilder() = default;

bool NeedsSignatures(const Options& options, bool ships) {
  return ships || !options.index_dir.empty() || options.verify == VerifyMode::kSignature;
}

absl::StatusOr<CorpusBuilder> CorpusBuilder::Create(const Options& options,
                                                    const std::string& scratch_dir,
                                                    bool check_ids, bool keep_signatures) {
  CorpusBuilder builder(options, check_ids);
  std::vector<std::pair<std::optional<SpillFile>*, const char*>> spills = {
      {&builder.corpus_->text_spill, "texts"}, {&builder.corpus_->raw_spill, "raw"}};
  if (keep_signatures) spills.emplace_back(&builder.corpus_->signature_spill, "signatures");
  for (auto [spill, name] : spills) {
    absl::StatusOr<SpillFile> file = SpillFile::Create(absl::StrCat(scratch_dir, "/", name));
    if (!file.ok()) return file.status();
    spill->emplace(std::move(*file));
  }
  absl::StatusOr<BandKeyFile> band_keys = BandKeyFile::Create(
      absl::StrCat(scratch_dir, "/band-keys"), ResolveBandsRows(options.sketch));
  if (!band_keys.ok()) return band_keys.status();
  builder.corpus_->band_keys.emplace(std::move(*band_keys));
  return builder;
}

void CorpusBuilder::Fingerprint(const RecordOutcome& outcome) {
  corpus_->run_fingerprint = XXH3_64bits_withSeed(&outcome.content_hash,
                                                  sizeof outcome.content_hash,
                                                  corpus_->run_fingerprint);
}

void CorpusBuilder::AppendRejected(RecordOutcome outcome) {
  Fingerprint(outcome);
  outcome.slot = -1;
  corpus_->records.push_back(std::move(outcome));
}

void CorpusBuilder::AppendUsable(RecordOutcome outcome, ScannedDoc doc,
                                 const UsableBytes& bytes) {
  const std::string_view original = bytes.original, repaired = bytes.repaired, raw = bytes.raw;
  const io::RawLocation* raw_location = bytes.raw_location;
  if (ids_.has_value()) {
    outcome.rejection = ids_->Admit(outcome.id, outcome.input, outcome.line,
                                    doc.format == RecordFormat::kTextFile);
    if (!outcome.rejection.empty()) return AppendRejected(std::move(outcome));
  }
  Fingerprint(outcome);
  doc.record = corpus_->records.size();
  doc.text_bytes = original.size();
  doc.empty = doc.words == 0;
  doc.text_in_raw = !corpus_->texts_spilled && doc.format == RecordFormat::kJsonl &&
                    doc.text_token_begin + 2 <= doc.text_token_end &&
                    doc.text_token_end <= raw.size();
  if (!doc.text_in_raw) doc.original_text = corpus_->text_spill->Append(original);
  doc.text_repaired = !repaired.empty();
  if (doc.text_repaired) doc.analyzed_text = corpus_->text_spill->Append(repaired);
  if (doc.format != RecordFormat::kJsonl) {
    doc.raw = doc.original_text;
  } else if (raw_location != nullptr) {
    doc.raw = {raw_location->offset, raw.size()};
    doc.raw_in_input = true;
    if (corpus_->input_maps[doc.input] != raw_location->file) {
      corpus_->input_maps[doc.input] = raw_location->file;
    }
  } else {
    doc.raw = corpus_->raw_spill->Append(raw);
  }
  corpus_->input_bytes += doc.text_bytes;
  if (corpus_->signature_spill.has_value()) {
    corpus_->signature_spill->Append(
        std::string_view(reinterpret_cast<const char*>(bytes.signature.data()),
                         bytes.signature.size() * sizeof(uint32_t)));
  }
  corpus_->band_keys->Append(bytes.band_keys);
  outcome.slot = static_cast<int64_t>(corpus_->docs.size());
  corpus_->docs.push_back(std::move(doc));
  corpus_->records.push_back(std::move(outcome));
}

std::array<util::UntouchedMemory, 2> CorpusBuilder::MapMemoryAhead() {
  return {corpus_->docs.MapAhead(), corpus_->records.MapAhead()};
}

absl::StatusOr<std::unique_ptr<ScannedCorpus>> CorpusBuilder::Finish() {
  for (auto* spill : {&corpus_->text_spill, &corpus_->raw_spill, &corpus_->signature_spill}) {
    if (!spill->has_value()) continue;
    if (absl::Status status = (*spill)->Seal(); !status.ok()) return status;
  }
  if (absl::Status status = corpus_->band_keys->Seal(); !status.ok()) return status;
  return std::move(corpus_);
}

sketch::BandsRows ResolveBandsRows(const SketchOptions& sketch) {
  return sketch.bands > 0 && sketch.rows > 0 ? sketch::BandsRows{sketch.bands, sketch.rows}
                                             : sketch::ChooseBandsRows(sketch.threshold,
                                                                       sketch.num_perm);
}

void DestroyCorpus(std::unique_ptr<ScannedCorpus> corpus, int threads) {
  util::RunBoth(
      threads,
      [&] {
        corpus->text_spill.reset();
        corpus->raw_spill.reset();
        corpus->signature_spill.reset();
        corpus->band_keys.reset();
      },
      [&] {
        corpus->docs.clear();
        corpus->records.clear();
      });
}

absl::Status ScannedCorpus::CheckInputsUnchanged() const {
  for (const std::shared_ptr<const io::MappedFile>& map : input_maps) {
    if (map == nullptr) continue;
    if (absl::Status s = map->CheckUnchanged(); !s.ok()) return s;
  }
  if (read_failed.load()) {
    return absl::UnavailableError(
        "a scratch file in the output folder's temporary folder could not be read back (was it "
        "truncated or removed while neardup was running?); outputs were not changed; run again");
  }
  return absl::OkStatus();
}

void ScannedCorpus::BandKeys(int band, uint32_t first, uint32_t count, uint64_t* keys) const {
  if (band_keys->Read(band, first, count, keys)) return;
  read_failed.store(true);
  // Keys no other slot has: no candidates from an unreadable block.
  for (uint32_t i = 0; i < count; ++i) keys[i] = ~uint64_t{first + i};
}

void ScannedCorpus::Shingles(uint32_t slot, std::vector<uint64_t>* shingles) const {
  thread_local std::string buffer;
  ShingleText(AnalyzedText(slot, &buffer), word_ngram, char_ngram, scheme, shingles);
}

absl::Span<const uint32_t> ScannedCorpus::Signature(uint32_t slot) const {
  assert(signature_spill.has_value());
  const size_t values = static_cast<size_t>(num_perm);
  const std::string_view bytes = signature_spill->View(
      {static_cast<uint64_t>(slot) * values * sizeof(uint32_t), values * sizeof(uint32_t)});
  return {reinterpret_cast<const uint32_t*>(bytes.data()), values};
}

std::string_view ScannedCorpus::OriginalText(uint32_t slot, std::string* buffer) const {
  const ScannedDoc& doc = docs[slot];
  if (!doc.text_in_raw) return text_spill->View(doc.original_text);
  // The token is read, not viewed: verification reads texts in no
  // particular order. Decoding gives what the scan decoded; either fails
  // only if a mapped input changed since, which CheckInputsUnchanged()
  // reports before outputs are committed.
  thread_local std::string token;
  const SpillRef ref = {doc.raw.offset + doc.text_token_begin,
                        doc.text_token_end - doc.text_token_begin};
  const bool read = doc.raw_in_input ? input_maps[doc.input]->Read(ref.offset, ref.size, &token)
                                     : raw_spill->Read(ref, &token);
  if (!read || !io::DecodeJsonStringToken(token, buffer)) {
    buffer->clear();
    read_failed.store(true);
  }
  return *buffer;
}

std::string_view ScannedCorpus::AnalyzedText(uint32_t slot, std::string* buffer) const {
  const ScannedDoc& doc = docs[slot];
  return doc.text_repaired ? text_spill->View(doc.analyzed_text) : OriginalText(slot, buffer);
}

ScannedCorpus::RawPlace ScannedCorpus::PlaceOfRaw(uint32_t slot) const {
  const ScannedDoc& doc = docs[slot];
  if (doc.format != RecordFormat::kJsonl) {
    return {text_spill->file(), doc.original_text.offset, doc.original_text.size};
  }
  if (doc.raw_in_input) return {input_maps[doc.input].get(), doc.raw.offset, doc.raw.size};
  return {raw_spill->file(), doc.raw.offset, doc.raw.size};
}

std::string_view ScannedCorpus::Raw(uint32_t slot) const {
  const RawPlace place = PlaceOfRaw(slot);
  return place.file != nullptr ? place.file->View(place.offset, place.size) : std::string_view();
}

void ScannedCorpus::ReadRaws(absl::Span<const uint32_t> slots, RawBatch* batch) const {
  // A gap this small between two slots' bytes is read rather than skipped:
  // a read call costs about as much as copying this many bytes.
  constexpr uint64_t kMaxGap = 64u << 10;
  batch->bytes_.clear();
  batch->spans_.clear();
  for (size_t i = 0; i < slots.size();) {
    const RawPlace first = PlaceOfRaw(slots[i]);
    uint64_t end = first.offset + first.size;
    size_t j = i + 1;
    for (; j < slots.size(); ++j) {
      const RawPlace next = PlaceOfRaw(slots[j]);
      if (next.file != first.file || next.offset < end || next.offset - end > kMaxGap) break;
      end = next.offset + next.size;
    }
    const size_t base = batch->bytes_.size();
    batch->bytes_.resize(base + (end - first.offset));
    if (end > first.offset &&
        !first.file->ReadInto(first.offset, end - first.offset, batch->bytes_.data() + base)) {
      read_failed.store(true);
    }
    for (; i < j; ++i) {
      const RawPlace place = PlaceOfRaw(slots[i]);
      batch->spans_.emplace_back(base + (place.offset - first.offset), place.size);
    }
  }
}

std::string_view ScannedCorpus::Text(uint64_t record_index) const {
  const ScannedDoc& doc = docs[records[record_index].slot];
  assert(texts_spilled && !doc.text_in_raw);
  return text_spill->View(doc.text_repaired ? doc.analyzed_text : doc.original_text);
}

// The bytes of the input files in `range` (all when not given): folders and
// standard input count nothing.
uint64_t InputFileBytes(const std::vector<std::string>& inputs,
                        std::optional<io::InputRange> range) {
  uint64_t bytes = 0;
  const size_t first = range ? range->first : 0, last = range ? range->last : inputs.size();
  for (size_t i = first; i < last; ++i) {
    struct stat st;
    if (::stat(inputs[i].c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      bytes += static_cast<uint64_t>(st.st_size);
    }
  }
  return bytes;
}

absl::Status ScanInputs(const Options& options, std::optional<io::InputRange> range,
                        CorpusBuilder* builder) {
  absl::StatusOr<std::unique_ptr<io::RecordReader>> reader =
      io::OpenRecordReader(options.inputs, options.input, range);
  if (!reader.ok()) return reader.status();

  const sketch::MinHasher hasher(options.sketch.num_perm, options.sketch.seed,
                                 options.sketch.scheme);
  const size_t num_perm = static_cast<size_t>(options.sketch.num_perm);
  const sketch::BandsRows bands_rows = ResolveBandsRows(options.sketch);
  const int threads = util::ResolveThreads(options.threads);
  io::IdRegistry ids(options.inputs);  // of this range's records
  // The registry is sized once, for as many records as the input files hold
  // if they are like the first batch's.
  const uint64_t input_file_bytes = InputFileBytes(options.inputs, range);
  ProgressLine progress(options.progress);
  // Batches are read one at a time, so they are numbered in input order,
  // completed and sketched on any thread, and appended in input order
  // (util::OrderedLoop): reading and appending, serial by nature, overlap
  // the other threads' sketching, and no thread waits for a slower batch
  // (util::OrderedLoopStates buffers). The memory that appends grow into is
  // faulted in by the next thread to sketch, not by the appending one: a huge
  // page's fault can take milliseconds.
  std::vector<BatchWork> works;
  const size_t buffers = util::OrderedLoopStates(static_cast<size_t>(threads));
  for (size_t i = 0; i < buffers; ++i) works.emplace_back(options.input);
  absl::Status read_status;  // the first read error
  uint64_t records_read = 0, bytes_read = 0;  // counted by the appending thread
  std::mutex ahead_mutex;
  std::vector<util::UntouchedMemory> ahead;  // guarded by ahead_mutex
  util::OrderedLoop(
      works, threads,
      [&](size_t k, BatchWork& w) {
        read_status = ReadBatch(**reader, MaxRecordsOfBatch(k), &w.batch);
        return read_status.ok() && !w.batch.pending.empty();
      },
      [&](size_t, BatchWork& w) {
        std::vector<util::UntouchedMemory> to_fault;
        {
          std::lock_guard lock(ahead_mutex);
          to_fault.swap(ahead);
        }
        for (const util::UntouchedMemory& memory : to_fault) util::FaultIn(memory);
        CompleteAndSketch(w, options, hasher, bands_rows);
      },
      [&](size_t k, BatchWork& w) {
        if (k == 0) {
          uint64_t batch_bytes = 0;
          for (const io::PendingRecord& pending : w.batch.pending) {
            batch_bytes += pending.record.raw.size() + 1;
          }
          ids.Reserve(static_cast<size_t>(input_file_bytes * w.batch.pending.size() /
                                          std::max<uint64_t>(batch_bytes, 1)));
        }
        AppendBatch(w, num_perm, static_cast<size_t>(bands_rows.bands), &ids, builder);
        records_read += w.batch.pending.size();
        for (const io::PendingRecord& pending : w.batch.pending) {
          bytes_read += pending.record.text.size();
        }
        progress.Update(records_read, bytes_read);
        std::lock_guard lock(ahead_mutex);
        for (const util::UntouchedMemory& memory : builder->MapMemoryAhead()) {
          if (memory.bytes > 0) ahead.push_back(memory);
        }
        return true;
      });
  progress.Finish();
  return read_status;
}

}  // namespace neardup::pipeline
