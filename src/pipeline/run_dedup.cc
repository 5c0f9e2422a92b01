// RunDedup: scan, analyze, write into a temporary folder, update the index,
// then put the outputs in place.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "index/history_index.h"
#include "io/output_dir.h"
#include "neardup/pipeline.h"
#include "pipeline/analysis.h"
#include "pipeline/corpus.h"
#include "report/outputs.h"
#include "text/tokenizer.h"

namespace neardup {
namespace {

// Fault injection for the crash-safety test: when NEARDUP_CRASH_AT names
// this point, the process dies here as if killed (SIGKILL, no clean-up).
void CrashPointForTests(const char* point) {
  const char* wanted = std::getenv("NEARDUP_CRASH_AT");
  if (wanted != nullptr && std::strcmp(wanted, point) == 0) std::raise(SIGKILL);
}

index::IndexParams ParamsOf(const Options& options) {
  index::IndexParams params;
  params.word_ngram = options.sketch.word_ngram;
  params.char_ngram = options.sketch.char_ngram;
  params.num_perm = options.sketch.num_perm;
  params.seed = options.sketch.seed;
  params.bands_rows = pipeline::ResolveBandsRows(options.sketch);
  params.normalization_version = text::kNormalizationVersion;
  return params;
}

// The kept, non-empty documents of this run, to be added to the index.
std::vector<index::NewDoc> DocsToIndex(const pipeline::ScannedCorpus& corpus,
                                       const pipeline::Analysis& analysis) {
  std::vector<index::NewDoc> docs;
  for (uint32_t slot = 0; slot < corpus.docs.size(); ++slot) {
    const pipeline::ScannedDoc& doc = corpus.docs[slot];
    if (doc.empty || analysis.IsDuplicate(slot)) continue;
    docs.push_back({doc.id, doc.date, doc.date_days, doc.text_bytes, corpus.Signature(slot)});
  }
  return docs;
}

}  // namespace

absl::StatusOr<RunSummary> RunDedup(const Options& options) {
  const absl::Time start = absl::Now();
  std::unique_ptr<index::HistoryIndex> history;
  if (!options.index_dir.empty()) {
    absl::StatusOr<std::unique_ptr<index::HistoryIndex>> opened =
        index::HistoryIndex::Open(options.index_dir, ParamsOf(options), /*read_only=*/false);
    if (!opened.ok()) return opened.status();
    history = std::move(*opened);
  }
  absl::StatusOr<io::OutputDir> out = io::OutputDir::Create(options.output_dir);
  if (!out.ok()) return out.status();
  const std::string scratch = absl::StrCat(out->temp_path(), "/.scratch");
  if (::mkdir(scratch.c_str(), 0700) != 0) {
    return absl::UnavailableError(absl::StrCat(scratch, ": cannot create scratch folder: ",
                                               std::strerror(errno)));
  }

  RunSummary summary;
  {
    const absl::Time scan_start = absl::Now();
    absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> corpus =
        pipeline::ScanCorpus(options, scratch);
    if (!corpus.ok()) return corpus.status();
    CrashPointForTests("after-scan");
    const double scan_seconds = absl::ToDoubleSeconds(absl::Now() - scan_start);
    pipeline::Analysis analysis = pipeline::Analyze(**corpus, options, history.get());
    analysis.timings.insert(analysis.timings.begin(), {"read+sketch", scan_seconds});
    absl::StatusOr<RunSummary> written =
        report::WriteOutputs(out->temp_path(), **corpus, analysis, options, start);
    if (!written.ok()) return written.status();
    summary = *written;
    if (history != nullptr) {
      // Outputs are complete but not in place: a crash from here on leaves the
      // old outputs, and a re-run of the night (same fingerprint) ignores what
      // this commit added, so it writes the same outputs again.
      CrashPointForTests("before-index-commit");
      const std::vector<index::NewDoc> docs = DocsToIndex(**corpus, analysis);
      const int64_t now = absl::ToUnixSeconds(absl::Now());
      if (absl::Status s = history->Commit((*corpus)->run_fingerprint, docs, now); !s.ok()) {
        return s;
      }
      summary.indexed = docs.size();
      CrashPointForTests("after-index-commit");
    }
  }  // the corpus unlinks its spill files here
  ::rmdir(scratch.c_str());
  if (absl::Status committed = out->Commit(); !committed.ok()) return committed;
  CrashPointForTests("after-outputs-commit");
  summary.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return summary;
}

}  // namespace neardup
