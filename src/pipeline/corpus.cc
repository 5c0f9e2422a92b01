#include "pipeline/corpus.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "events/date.h"
#include "io/record_reader.h"
#include "sketch/minhash.h"
#include "sketch/shingles.h"
#include "text/mojibake.h"
#include "text/tokenizer.h"
#include "util/parallel.h"

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

// Per-thread scratch for sketching, reused across records.
struct SketchScratch {
  std::vector<text::Token> tokens;
};

void SketchRecord(const Record& record, const Options& options,
                  const sketch::MinHasher& hasher, uint32_t* signature, Sketched* out) {
  thread_local SketchScratch scratch;
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
  scratch.tokens.clear();
  text::Tokenizer().Tokenize(analyzed, &scratch.tokens);
  out->words = static_cast<uint32_t>(scratch.tokens.size());
  sketch::Shingler shingler(options.sketch.word_ngram, options.sketch.char_ngram);
  shingler.Shingle(scratch.tokens, &out->shingles);
  hasher.Sign(out->shingles, signature);
}

// Moves one sketched batch into the corpus, in input order.
void AppendBatch(std::vector<Record>& batch, std::vector<Sketched>& sketched,
                 ScannedCorpus* corpus) {
  for (size_t i = 0; i < batch.size(); ++i) {
    Record& record = batch[i];
    RecordOutcome outcome;
    outcome.input = record.input;
    outcome.line = record.origin.line;
    outcome.id = record.id;
    outcome.rejection = std::move(record.rejection);
    outcome.invalid_utf8_replaced = record.invalid_utf8_replaced;
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
      doc.shingles = corpus->shingle_spill->Append(std::string_view(
          reinterpret_cast<const char*>(s.shingles.data()), s.shingles.size() * sizeof(uint64_t)));
      doc.original_text = corpus->text_spill->Append(record.text);
      doc.analyzed_text =
          s.repaired.empty() ? doc.original_text : corpus->text_spill->Append(s.repaired);
      doc.raw = record.format == RecordFormat::kJsonl ? corpus->raw_spill->Append(record.raw)
                                                       : doc.original_text;
      doc.text_token_begin = record.text_token_begin;
      doc.text_token_end = record.text_token_end;
      corpus->input_bytes += doc.text_bytes;
      outcome.slot = static_cast<int64_t>(corpus->docs.size());
      corpus->docs.push_back(std::move(doc));
    }
    corpus->records.push_back(std::move(outcome));
  }
}

}  // namespace

absl::Span<const uint64_t> ScannedCorpus::Shingles(uint32_t slot) const {
  std::string_view bytes = shingle_spill->View(docs[slot].shingles);
  return absl::MakeConstSpan(reinterpret_cast<const uint64_t*>(bytes.data()),
                             bytes.size() / sizeof(uint64_t));
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
  for (auto [spill, name] : {std::pair{&corpus->shingle_spill, "shingles"},
                             std::pair{&corpus->text_spill, "texts"},
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
  std::vector<Record> batch;
  std::vector<Sketched> sketched;
  bool more = true;
  while (more) {
    batch.clear();
    size_t batch_bytes = 0;
    while (batch.size() < kBatchRecords && batch_bytes < kBatchBytes) {
      Record record;
      absl::StatusOr<bool> got = (*reader)->Next(&record);
      if (!got.ok()) return got.status();
      if (!*got) {
        more = false;
        break;
      }
      batch_bytes += record.text.size() + record.raw.size();
      batch.push_back(std::move(record));
    }
    sketched.assign(batch.size(), Sketched{});
    // Usable records of this batch get the next slots, in order.
    std::vector<size_t> slot_of(batch.size(), SIZE_MAX);
    size_t next_slot = corpus->docs.size();
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].rejection.empty()) slot_of[i] = next_slot++;
    }
    corpus->signatures.resize(next_slot * num_perm);
    util::ParallelFor(batch.size(), options.threads, [&](size_t i) {
      if (slot_of[i] == SIZE_MAX) return;
      SketchRecord(batch[i], options, hasher, corpus->signatures.data() + slot_of[i] * num_perm,
                   &sketched[i]);
    });
    AppendBatch(batch, sketched, corpus.get());
  }
  for (auto* spill : {&corpus->shingle_spill, &corpus->text_spill, &corpus->raw_spill}) {
    if (absl::Status status = (*spill)->Seal(); !status.ok()) return status;
  }
  return corpus;
}

}  // namespace neardup::pipeline
