#include "pipeline/corpus.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "events/date.h"
#include "io/record_reader.h"
#include "pipeline/progress.h"
#include "sketch/minhash.h"
#include "sketch/shingles.h"
#include "text/mojibake.h"
#include "text/tokenizer.h"
#include "util/parallel.h"
#include "xxhash.h"

namespace neardup::pipeline {
namespace {

// A batch is cut at this many records or this many text bytes, whichever
// comes first, so memory holds one batch of text at a time.
constexpr size_t kBatchRecords = 2048;
constexpr size_t kBatchBytes = 16u << 20;

// What the workers compute for one record of a batch.
struct Sketched {
  std::string repaired;  // empty unless mojibake was repaired
  uint32_t mojibake_repairs = 0;
  uint32_t mojibake_guesses = 0;
  uint32_t mojibake_markers = 0;
  std::string mojibake_code_page;
  uint32_t words = 0;
  std::vector<uint64_t> shingles;
};

// Per-thread scratch for shingling, reused across records and batches: the
// token buffer and the Shingler with its buffers (rebuilt when the n-gram
// options change between runs in one process).
struct ShingleScratch {
  std::vector<text::Token> tokens;
  std::optional<sketch::Shingler> shingler;
  int word_ngram = 0;
  int char_ngram = 0;
};

// The one definition of a document's shingle set: tokenizes `text` and
// replaces `*shingles` with its sorted shingle hashes; returns the token
// count. The first pass signs this set and ScannedCorpus::Shingles recomputes
// it from the spilled analyzed text, so both see the same set. Thread-safe
// (per-thread scratch).
uint32_t ShingleText(std::string_view text, int word_ngram, int char_ngram,
                     std::vector<uint64_t>* shingles) {
  thread_local ShingleScratch scratch;
  scratch.tokens.clear();
  text::Tokenizer().Tokenize(text, &scratch.tokens);
  if (!scratch.shingler || scratch.word_ngram != word_ngram ||
      scratch.char_ngram != char_ngram) {
    scratch.shingler.emplace(word_ngram, char_ngram);
    scratch.word_ngram = word_ngram;
    scratch.char_ngram = char_ngram;
  }
  scratch.shingler->Shingle(scratch.tokens, shingles);
  return static_cast<uint32_t>(scratch.tokens.size());
}

void SketchRecord(const Record& record, const Options& options,
                  const sketch::MinHasher& hasher, uint32_t* signature, Sketched* out) {
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
  out->words = ShingleText(analyzed, options.sketch.word_ngram, options.sketch.char_ngram,
                           &out->shingles);
  hasher.Sign(out->shingles, signature);
}

// Clears what SketchRecord fills, keeping the shingle buffer's capacity.
void ResetSketched(Sketched* s) {
  std::vector<uint64_t> shingles = std::move(s->shingles);
  shingles.clear();
  *s = Sketched{};
  s->shingles = std::move(shingles);
}

// Reads the next batch: up to kBatchRecords records or kBatchBytes of text.
// An empty batch means the input is exhausted.
absl::StatusOr<std::vector<Record>> ReadBatch(io::RecordReader& reader) {
  std::vector<Record> batch;
  size_t batch_bytes = 0;
  while (batch.size() < kBatchRecords && batch_bytes < kBatchBytes) {
    Record record;
    absl::StatusOr<bool> got = reader.Next(&record);
    if (!got.ok()) return got.status();
    if (!*got) break;
    batch_bytes += record.text.size() + record.raw.size();
    batch.push_back(std::move(record));
  }
  return batch;
}

// BatchSource hands out batches in input order. With `background`, a thread
// reads ahead up to kReadAhead batches while the caller sketches, so reading
// (serial by nature) overlaps the parallel work; without it, Next() reads in
// the caller's thread. After an error or the end, Next() keeps returning it.
// Next() is for one consumer thread; the destructor stops and joins the
// reader thread.
class BatchSource {
 public:
  static constexpr size_t kReadAhead = 2;

  BatchSource(io::RecordReader& reader, bool background) : reader_(reader) {
    if (background) thread_ = std::thread([this] { ReadAhead(); });
  }
  ~BatchSource() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  BatchSource(const BatchSource&) = delete;
  BatchSource& operator=(const BatchSource&) = delete;

  absl::StatusOr<std::vector<Record>> Next() {
    if (!thread_.joinable()) return ReadBatch(reader_);
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !ready_.empty() || finished_; });
    if (ready_.empty()) {
      if (!status_.ok()) return status_;
      return std::vector<Record>{};
    }
    std::vector<Record> batch = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return batch;
  }

 private:
  void ReadAhead() {
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return ready_.size() < kReadAhead || stop_; });
        if (stop_) return;
      }
      absl::StatusOr<std::vector<Record>> batch = ReadBatch(reader_);
      std::lock_guard<std::mutex> lock(mutex_);
      if (!batch.ok() || batch->empty()) {
        if (!batch.ok()) status_ = batch.status();
        finished_ = true;
        changed_.notify_all();
        return;
      }
      ready_.push_back(std::move(*batch));
      changed_.notify_all();
    }
  }

  io::RecordReader& reader_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Record>> ready_;
  absl::Status status_;
  bool finished_ = false;
  bool stop_ = false;
};

// Grows in fixed-size chunks, so no reallocation ever copies what was
// gathered (a doubling vector briefly holds twice its contents), then moves
// everything into one exactly-sized vector, freeing chunks as it goes.
template <typename T>
class ChunkedVector {
 public:
  static constexpr size_t kChunk = 1 << 14;

  void push_back(T value) {
    if (chunks_.empty() || chunks_.back().size() == kChunk) {
      chunks_.emplace_back();
      chunks_.back().reserve(kChunk);
    }
    chunks_.back().push_back(std::move(value));
    ++size_;
  }
  size_t size() const { return size_; }

  std::vector<T> Flatten() {
    std::vector<T> all;
    all.reserve(size_);
    for (std::vector<T>& chunk : chunks_) {
      std::move(chunk.begin(), chunk.end(), std::back_inserter(all));
      std::vector<T>().swap(chunk);
    }
    chunks_.clear();
    size_ = 0;
    return all;
  }

 private:
  std::deque<std::vector<T>> chunks_;
  size_t size_ = 0;
};

// One batch's records and what sketching made of them.
struct BatchWork {
  std::vector<Record> batch;
  std::vector<Sketched> sketched;
  std::vector<size_t> slot_of;      // index among the batch's usable records, or SIZE_MAX
  std::vector<uint32_t> signatures;  // usable records' signatures, back to back
};

// At most one task on its own thread; Wait() (and the destructor) joins it.
class BackgroundTask {
 public:
  BackgroundTask() = default;
  BackgroundTask(const BackgroundTask&) = delete;
  BackgroundTask& operator=(const BackgroundTask&) = delete;
  ~BackgroundTask() { Wait(); }

  template <typename Task>
  void Start(Task task) {
    Wait();
    thread_ = std::thread(std::move(task));
  }
  void Wait() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

// What the first pass gathers before it is flattened into the ScannedCorpus.
struct Gathered {
  ChunkedVector<RecordOutcome> records;
  ChunkedVector<ScannedDoc> docs;
  std::deque<std::vector<uint32_t>> signature_chunks;  // one per batch, usable records only
};

// Moves one sketched batch into the corpus, in input order.
void AppendBatch(std::vector<Record>& batch, std::vector<Sketched>& sketched,
                 ScannedCorpus* corpus, Gathered* gathered) {
  for (size_t i = 0; i < batch.size(); ++i) {
    Record& record = batch[i];
    RecordOutcome outcome;
    outcome.input = record.input;
    outcome.line = record.origin.line;
    outcome.id = record.id;
    outcome.rejection = std::move(record.rejection);
    outcome.invalid_utf8_replaced = record.invalid_utf8_replaced;
    corpus->run_fingerprint =
        XXH3_64bits_withSeed(record.id.data(), record.id.size(), corpus->run_fingerprint);
    corpus->run_fingerprint =
        XXH3_64bits_withSeed(record.text.data(), record.text.size(), corpus->run_fingerprint);
    if (outcome.rejection.empty()) {
      Sketched& s = sketched[i];
      ScannedDoc doc;
      doc.record = record.index;
      doc.input = record.input;
      doc.id = std::move(record.id);
      doc.date = std::move(record.date);
      doc.source = std::move(record.source);
      doc.date_days = events::ParseDateToDays(doc.date);
      doc.format = record.format;
      doc.text_bytes = record.text.size();
      doc.words = s.words;
      doc.empty = s.words == 0;
      doc.mojibake_repairs = s.mojibake_repairs;
      doc.mojibake_guesses = s.mojibake_guesses;
      doc.mojibake_markers = s.mojibake_markers;
      doc.mojibake_code_page = std::move(s.mojibake_code_page);
      doc.original_text = corpus->text_spill->Append(record.text);
      doc.analyzed_text =
          s.repaired.empty() ? doc.original_text : corpus->text_spill->Append(s.repaired);
      doc.raw = record.format == RecordFormat::kJsonl ? corpus->raw_spill->Append(record.raw)
                                                       : doc.original_text;
      doc.text_token_begin = record.text_token_begin;
      doc.text_token_end = record.text_token_end;
      corpus->input_bytes += doc.text_bytes;
      outcome.slot = static_cast<int64_t>(gathered->docs.size());
      gathered->docs.push_back(std::move(doc));
    }
    gathered->records.push_back(std::move(outcome));
  }
}

}  // namespace

void ScannedCorpus::Shingles(uint32_t slot, std::vector<uint64_t>* shingles) const {
  ShingleText(text_spill->View(docs[slot].analyzed_text), word_ngram, char_ngram, shingles);
}

absl::Span<const uint32_t> ScannedCorpus::Signature(uint32_t slot) const {
  return absl::MakeConstSpan(signatures).subspan(static_cast<size_t>(slot) * num_perm, num_perm);
}

std::string_view ScannedCorpus::OriginalText(uint32_t slot) const {
  return text_spill->View(docs[slot].original_text);
}

std::string_view ScannedCorpus::Raw(uint32_t slot) const {
  const ScannedDoc& doc = docs[slot];
  return doc.format == RecordFormat::kJsonl ? raw_spill->View(doc.raw) : OriginalText(slot);
}

std::string_view ScannedCorpus::Text(uint64_t record_index) const {
  return text_spill->View(docs[records[record_index].slot].analyzed_text);
}

absl::StatusOr<std::unique_ptr<ScannedCorpus>> ScanCorpus(const Options& options,
                                                          const std::string& scratch_dir) {
  auto corpus = std::make_unique<ScannedCorpus>();
  corpus->num_perm = options.sketch.num_perm;
  corpus->word_ngram = options.sketch.word_ngram;
  corpus->char_ngram = options.sketch.char_ngram;
  for (auto [spill, name] : {std::pair{&corpus->text_spill, "texts"},
                             std::pair{&corpus->raw_spill, "raw"}}) {
    absl::StatusOr<SpillFile> file = SpillFile::Create(absl::StrCat(scratch_dir, "/", name));
    if (!file.ok()) return file.status();
    spill->emplace(std::move(*file));
  }
  absl::StatusOr<std::unique_ptr<io::RecordReader>> reader =
      io::OpenRecordReader(options.inputs, options.input);
  if (!reader.ok()) return reader.status();

  const sketch::MinHasher hasher(options.sketch.num_perm, options.sketch.seed);
  const size_t num_perm = static_cast<size_t>(options.sketch.num_perm);
  const int threads = util::ResolveThreads(options.threads);
  Gathered gathered;
  // Two sets of batch buffers: while batch k is appended (spilled) on the
  // appender thread, batch k+1 is read and sketched into the other set.
  BatchWork work[2];
  BackgroundTask appender;
  BatchSource source(**reader, /*background=*/threads > 1);
  ProgressLine progress(options.progress);
  uint64_t records_read = 0, bytes_read = 0;
  for (size_t k = 0;; ++k) {
    BatchWork& w = work[k % 2];
    absl::StatusOr<std::vector<Record>> next = source.Next();
    if (!next.ok()) return next.status();
    if (next->empty()) break;
    w.batch = std::move(*next);
    records_read += w.batch.size();
    for (const Record& record : w.batch) bytes_read += record.text.size();
    progress.Update(records_read, bytes_read);
    if (w.sketched.size() < w.batch.size()) w.sketched.resize(w.batch.size());
    for (size_t i = 0; i < w.batch.size(); ++i) ResetSketched(&w.sketched[i]);
    w.slot_of.assign(w.batch.size(), SIZE_MAX);
    size_t usable = 0;
    for (size_t i = 0; i < w.batch.size(); ++i) {
      if (w.batch[i].rejection.empty()) w.slot_of[i] = usable++;
    }
    w.signatures.assign(usable * num_perm, 0);
    util::ParallelFor(w.batch.size(), threads, [&](size_t i) {
      if (w.slot_of[i] == SIZE_MAX) return;
      SketchRecord(w.batch[i], options, hasher, w.signatures.data() + w.slot_of[i] * num_perm,
                   &w.sketched[i]);
    });
    auto append = [&w, &corpus, &gathered] {
      AppendBatch(w.batch, w.sketched, corpus.get(), &gathered);
      gathered.signature_chunks.push_back(std::move(w.signatures));
    };
    appender.Wait();  // batch k-1 is in; its buffers are free for batch k+1
    if (threads > 1) {
      appender.Start(append);
    } else {
      append();
    }
  }
  appender.Wait();
  progress.Finish();
  corpus->records = gathered.records.Flatten();
  corpus->docs = gathered.docs.Flatten();
  corpus->signatures.reserve(corpus->docs.size() * num_perm);
  for (std::vector<uint32_t>& chunk : gathered.signature_chunks) {
    corpus->signatures.insert(corpus->signatures.end(), chunk.begin(), chunk.end());
    std::vector<uint32_t>().swap(chunk);
  }
  for (auto* spill : {&corpus->text_spill, &corpus->raw_spill}) {
    if (absl::Status status = (*spill)->Seal(); !status.ok()) return status;
  }
  return corpus;
}

}  // namespace neardup::pipeline
