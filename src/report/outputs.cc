#include "report/outputs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "io/corpus_writer.h"
#include "io/json_writer.h"
#include "passages/passages.h"
#include "report/html_report.h"
#include "report/html_sections.h"
#include "util/parallel.h"

namespace neardup::report {
namespace {

using pipeline::Analysis;
using pipeline::ScannedCorpus;
using pipeline::ScannedDoc;

// Similarities and timings are written with 4 decimals, the same everywhere.
double Rounded(double value) { return std::round(value * 1e4) / 1e4; }

std::string_view InputName(const Options& options, uint32_t input) {
  return options.inputs[input];
}

// Passages grouped by the document they cut, with the cut ranges applied.
struct DocumentCuts {
  std::vector<std::vector<passages::Passage>> by_slot;  // repeats to cut, per slot
};

DocumentCuts CollectCuts(const ScannedCorpus& corpus, const Analysis& analysis,
                         const Options& options) {
  DocumentCuts cuts;
  cuts.by_slot.resize(corpus.docs.size());
  for (const passages::Passage& p : analysis.passages) {
    cuts.by_slot[corpus.records[p.doc].slot].push_back(p);
    if (p.boilerplate && options.passages.cut_boilerplate) {
      // Boilerplate goes from its first document too.
      passages::Passage first = p;
      first.doc = p.first_doc;
      first.begin = p.first_begin;
      first.end = p.first_end;
      cuts.by_slot[corpus.records[p.first_doc].slot].push_back(first);
    }
  }
  return cuts;
}

// The text a kept document gets in the cleaned corpus, or nullopt to write
// the record unchanged. Sets *cut_bytes.
std::optional<std::string> CleanedText(const ScannedCorpus& corpus, uint32_t slot,
                                       absl::Span<const passages::Passage> repeats,
                                       const Options& options, uint64_t* cut_bytes) {
  const ScannedDoc& doc = corpus.docs[slot];
  const bool repaired = !doc.mojibake_code_page.empty();
  *cut_bytes = 0;
  std::string buffer;
  if (repeats.empty()) {
    if (repaired && options.write_repaired) return std::string(corpus.AnalyzedText(slot, &buffer));
    return std::nullopt;
  }
  // Passage offsets refer to the analyzed (repaired) text, so a cut document
  // is written from it.
  const std::string_view text = corpus.AnalyzedText(slot, &buffer);
  const auto ranges = passages::CutRanges(text, repeats, options.passages);
  for (const auto& [begin, end] : ranges) *cut_bytes += end - begin;
  if (ranges.empty()) {
    return repaired && options.write_repaired ? std::optional<std::string>(std::string(text))
                                              : std::nullopt;
  }
  return passages::ApplyCuts(text, ranges);
}

// Records per chunk of decisions and cleaned corpus: enough that handing
// chunks between threads is rare, few enough that a chunk's copy of the
// corpus stays a few MB.
constexpr size_t kRecordsPerChunk = 256;

// Decisions lines and cleaned-corpus records of consecutive records,
// formatted by one thread, then written in record order.
struct FormattedChunk {
  pipeline::RawBatch raws;  // of the chunk's surviving records, in order
  size_t next_raw = 0;      // the next surviving record's raw bytes in `raws`
  io::JsonLine line;
  std::string decisions;  // lines, each ending in '\n'
  io::CorpusChunk corpus;
  RunSummary counts;      // what these records add to the run's counts
  absl::Status status;    // the first error (a record the writer refuses)
};

// The counts FormatRecord adds up, from one chunk into the run's summary.
void AddCounts(const RunSummary& chunk, RunSummary* summary) {
  summary->records += chunk.records;
  summary->kept += chunk.kept;
  summary->duplicates += chunk.duplicates;
  summary->history_duplicates += chunk.history_duplicates;
  summary->rejected += chunk.rejected;
  summary->empty += chunk.empty;
  summary->repaired += chunk.repaired;
  summary->cut_bytes += chunk.cut_bytes;
}

// Whether a record goes to the cleaned corpus.
bool Survives(const pipeline::RecordOutcome& record, const Analysis& analysis) {
  return record.slot >= 0 && !analysis.IsDuplicate(static_cast<uint32_t>(record.slot));
}

// Appends record `record`'s decisions line to out->decisions and, when it
// survives, its cleaned-corpus record to out->corpus, from its raw bytes,
// the next in out->raws.
absl::Status FormatRecord(const pipeline::RecordOutcome& record, const ScannedCorpus& corpus,
                          const Analysis& analysis, const Options& options,
                          const DocumentCuts& cuts, const io::CorpusWriter& corpus_writer,
                          FormattedChunk* out) {
  RunSummary* summary = &out->counts;
  io::JsonLine& line = out->line;
  ++summary->records;
  line.Clear();
  line.StartObject();
  line.Key("id").String(record.id);
  line.Key("input").String(InputName(options, record.input));
  if (record.line > 0) line.Key("line").Uint(record.line);
  if (record.slot < 0) {
    ++summary->rejected;
    line.Key("decision").String("rejected");
    line.Key("reason").String(record.rejection);
    out->decisions.append(line.EndObject().view());
    out->decisions.push_back('\n');
    return absl::OkStatus();
  }
  const uint32_t slot = static_cast<uint32_t>(record.slot);
  const ScannedDoc& doc = corpus.docs[slot];
  const int64_t c = analysis.cluster_of_slot[slot];
  const bool history_duplicate =
      !analysis.history_of_slot.empty() && analysis.history_of_slot[slot].has_value();
  if (history_duplicate) {
    ++summary->duplicates;
    ++summary->history_duplicates;
    const pipeline::HistoryMatch& match = *analysis.history_of_slot[slot];
    line.Key("decision").String("duplicate");
    line.Key("survivor").String(match.id);
    line.Key("similarity").Double(Rounded(match.similarity));
    line.Key("history").Bool(true);
    if (c >= 0) line.Key("cluster").Uint(static_cast<uint64_t>(c) + 1);
  } else if (analysis.IsDuplicate(slot)) {
    ++summary->duplicates;
    const cluster::Cluster& cl = analysis.clusters[static_cast<size_t>(c)];
    const size_t m = static_cast<size_t>(
        std::lower_bound(cl.members.begin(), cl.members.end(), slot) - cl.members.begin());
    line.Key("decision").String("duplicate");
    line.Key("survivor").String(corpus.docs[cl.survivor].id);
    line.Key("similarity").Double(Rounded(cl.similarity_to_survivor[m]));
    line.Key("cluster").Uint(static_cast<uint64_t>(c) + 1);
  } else {
    ++summary->kept;
    line.Key("decision").String("kept");
    if (c >= 0) line.Key("cluster").Uint(static_cast<uint64_t>(c) + 1);
    if (doc.empty) {
      ++summary->empty;
      line.Key("empty").Bool(true);
    }
  }
  line.Key("words").Uint(doc.words);
  if (record.invalid_utf8_replaced > 0) {
    line.Key("invalid_utf8_replaced").Uint(record.invalid_utf8_replaced);
  }
  if (!doc.mojibake_code_page.empty()) {
    ++summary->repaired;
    line.Key("mojibake").String(doc.mojibake_code_page);
    line.Key("mojibake_repairs").Uint(doc.mojibake_repairs);
    line.Key("mojibake_guesses").Uint(doc.mojibake_guesses);
    line.Key("mojibake_markers").Uint(doc.mojibake_markers);
  }
  if (Survives(record, analysis)) {
    uint64_t cut_bytes = 0;
    const std::optional<std::string> cleaned =
        CleanedText(corpus, slot, cuts.by_slot[slot], options, &cut_bytes);
    if (cut_bytes > 0) line.Key("cut_bytes").Uint(cut_bytes);
    summary->cut_bytes += cut_bytes;
    if (absl::Status s = out->corpus.Add(
            corpus_writer, doc.input, doc.format, doc.id, out->raws[out->next_raw++],
            doc.text_token_begin,
            doc.text_token_end,
            cleaned ? std::optional<std::string_view>(*cleaned) : std::nullopt);
        !s.ok()) {
      return s;
    }
  }
  out->decisions.append(line.EndObject().view());
  out->decisions.push_back('\n');
  return absl::OkStatus();
}

// decisions.jsonl and the cleaned corpus, in record order. Threads format
// chunks of records while the thread whose turn it is writes its chunk, so
// the bytes do not depend on the number of threads.
absl::Status WriteDecisionsAndCorpus(const std::string& folder, const ScannedCorpus& corpus,
                                     const Analysis& analysis, const Options& options,
                                     RunSummary* summary) {
  const DocumentCuts cuts = CollectCuts(corpus, analysis, options);
  absl::StatusOr<io::CorpusWriter> corpus_writer =
      io::CorpusWriter::Open(absl::StrCat(folder, "/corpus"), options.inputs);
  if (!corpus_writer.ok()) return corpus_writer.status();
  absl::StatusOr<io::LineFile> decisions = io::LineFile::Create(absl::StrCat(folder, "/decisions.jsonl"));
  if (!decisions.ok()) return decisions.status();

  const size_t records = corpus.records.size();
  const size_t chunks = (records + kRecordsPerChunk - 1) / kRecordsPerChunk;
  absl::Status status;
  util::OrderedParallelFor<FormattedChunk>(
      chunks, options.threads,
      [&](size_t c, FormattedChunk& chunk) {
        chunk.decisions.clear();
        chunk.corpus.Clear();
        chunk.counts = RunSummary();
        chunk.status = absl::OkStatus();
        const size_t end = std::min(records, (c + 1) * kRecordsPerChunk);
        std::vector<uint32_t> surviving;
        for (size_t r = c * kRecordsPerChunk; r < end; ++r) {
          const pipeline::RecordOutcome& record = corpus.records[r];
          if (Survives(record, analysis)) surviving.push_back(static_cast<uint32_t>(record.slot));
        }
        corpus.ReadRaws(surviving, &chunk.raws);
        chunk.next_raw = 0;
        for (size_t r = c * kRecordsPerChunk; r < end && chunk.status.ok(); ++r) {
          chunk.status = FormatRecord(corpus.records[r], corpus, analysis, options, cuts,
                                      *corpus_writer, &chunk);
        }
      },
      [&](size_t, FormattedChunk& chunk) {
        status = chunk.status;
        if (status.ok()) status = corpus_writer->WriteChunk(chunk.corpus);
        if (status.ok()) status = decisions->Write(chunk.decisions);
        AddCounts(chunk.counts, summary);
        return status.ok();
      });
  if (!status.ok()) return status;
  if (absl::Status s = decisions->Close(); !s.ok()) return s;
  return corpus_writer->Close();
}

// Writes `count` lines to `path`, one JSON object each: fill(i, line) adds
// the fields of item i to the open object.
template <typename Fill>
absl::Status WriteJsonLines(const std::string& path, size_t count, const Fill& fill) {
  absl::StatusOr<io::LineFile> file = io::LineFile::Create(path);
  if (!file.ok()) return file.status();
  io::JsonLine line;
  for (size_t i = 0; i < count; ++i) {
    line.Clear();
    line.StartObject();
    fill(i, line);
    if (absl::Status s = file->WriteLine(line.EndObject().view()); !s.ok()) return s;
  }
  return file->Close();
}

// A member object's optional date and source fields (clusters and events).
void DateAndSource(const ScannedDoc& doc, io::JsonLine& line) {
  if (!doc.date.empty()) line.Key("date").String(doc.date);
  if (!doc.source.empty()) line.Key("source").String(doc.source);
}

absl::Status WriteClusters(const std::string& folder, const ScannedCorpus& corpus,
                           const Analysis& analysis) {
  return WriteJsonLines(
      absl::StrCat(folder, "/clusters.jsonl"), analysis.clusters.size(),
      [&](size_t c, io::JsonLine& line) {
        const cluster::Cluster& cl = analysis.clusters[c];
        line.Key("cluster").Uint(c + 1);
        line.Key("survivor").String(corpus.docs[cl.survivor].id);
        line.Key("size").Uint(cl.members.size());
        line.Key("members").StartArray();
        for (size_t m = 0; m < cl.members.size(); ++m) {
          const ScannedDoc& doc = corpus.docs[cl.members[m]];
          line.StartObject();
          line.Key("id").String(doc.id);
          line.Key("similarity").Double(Rounded(cl.similarity_to_survivor[m]));
          line.Key("bytes").Uint(doc.text_bytes);
          DateAndSource(doc, line);
          line.EndObject();
        }
        line.EndArray();
      });
}

absl::Status WritePassages(const std::string& folder, const ScannedCorpus& corpus,
                           const Analysis& analysis, const Options& options) {
  return WriteJsonLines(
      absl::StrCat(folder, "/passages.jsonl"), analysis.passages.size(),
      [&](size_t i, io::JsonLine& line) {
        const passages::Passage& p = analysis.passages[i];
        line.Key("doc").String(corpus.docs[corpus.records[p.doc].slot].id);
        line.Key("begin").Uint(p.begin);
        line.Key("end").Uint(p.end);
        line.Key("words").Uint(p.words);
        line.Key("first_doc").String(corpus.docs[corpus.records[p.first_doc].slot].id);
        line.Key("first_begin").Uint(p.first_begin);
        line.Key("first_end").Uint(p.first_end);
        line.Key("scope").String(p.within_document ? "within" : "across");
        line.Key("boilerplate").Bool(p.boilerplate);
        line.Key("cut_everywhere").Bool(p.boilerplate && options.passages.cut_boilerplate);
      });
}

absl::Status WriteEvents(const std::string& folder, const ScannedCorpus& corpus,
                         const Analysis& analysis) {
  return WriteJsonLines(
      absl::StrCat(folder, "/events.jsonl"), analysis.events.size(),
      [&](size_t e, io::JsonLine& line) {
        const events::EventGroup& group = analysis.events[e];
        line.Key("event").Uint(e + 1);
        line.Key("labels").StartArray();
        for (const std::string& label : group.labels) line.String(label);
        line.EndArray();
        if (!group.first_date.empty()) {
          line.Key("first_date").String(group.first_date);
          line.Key("last_date").String(group.last_date);
        }
        line.Key("members").StartArray();
        for (const events::EventMember& member : group.members) {
          const uint32_t slot = static_cast<uint32_t>(corpus.records[member.doc].slot);
          const ScannedDoc& doc = corpus.docs[slot];
          line.StartObject();
          line.Key("id").String(doc.id);
          line.Key("similarity").Double(Rounded(member.similarity));
          line.Key("title").String(FirstLine(corpus.Text(doc.record)));
          DateAndSource(doc, line);
          const int64_t c = analysis.cluster_of_slot[slot];
          if (c >= 0) {
            line.Key("cluster").Uint(static_cast<uint64_t>(c) + 1);
            line.Key("documents").StartArray();
            for (uint32_t m : analysis.clusters[static_cast<size_t>(c)].members) {
              line.String(corpus.docs[m].id);
            }
            line.EndArray();
          }
          line.EndObject();
        }
        line.EndArray();
      });
}

absl::Status WriteStats(const std::string& folder, const ScannedCorpus& corpus,
                        const Analysis& analysis, const pipeline::StageTimings& timings,
                        const Options& options, const RunSummary& summary) {
  return WriteJsonLines(absl::StrCat(folder, "/stats.json"), 1, [&](size_t, io::JsonLine& stats) {
    stats.Key("records").Uint(summary.records);
    stats.Key("kept").Uint(summary.kept);
    stats.Key("duplicates").Uint(summary.duplicates);
    stats.Key("rejected").Uint(summary.rejected);
    stats.Key("empty").Uint(summary.empty);
    stats.Key("repaired").Uint(summary.repaired);
    stats.Key("clusters").Uint(summary.clusters);
    size_t largest = 0;
    for (const auto& cl : analysis.clusters) largest = std::max(largest, cl.members.size());
    stats.Key("largest_cluster").Uint(largest);
    stats.Key("candidate_pairs").Uint(analysis.candidate_pairs);
    stats.Key("history_duplicates").Uint(summary.history_duplicates);
    stats.Key("history_candidates").Uint(analysis.history_candidates);
    stats.Key("verified_pairs").Uint(analysis.verified_edges);
    stats.Key("passages").Uint(summary.passages);
    stats.Key("cut_bytes").Uint(summary.cut_bytes);
    stats.Key("events").Uint(summary.events);
    stats.Key("input_bytes").Uint(corpus.input_bytes);
    stats.Key("parameters").StartObject();
    stats.Key("ngram").Uint(static_cast<uint64_t>(options.sketch.word_ngram));
    stats.Key("char_ngram").Uint(static_cast<uint64_t>(options.sketch.char_ngram));
    stats.Key("num_perm").Uint(static_cast<uint64_t>(options.sketch.num_perm));
    stats.Key("sketch").String(SketchSchemeName(options.sketch.scheme));
    stats.Key("bands").Uint(static_cast<uint64_t>(analysis.bands_rows.bands));
    stats.Key("rows").Uint(static_cast<uint64_t>(analysis.bands_rows.rows));
    stats.Key("threshold").Double(Rounded(options.sketch.threshold));
    stats.Key("seed").Uint(options.sketch.seed);
    stats.Key("verify").String(options.verify == VerifyMode::kExact ? "exact" : "signature");
    stats.Key("keep").String(KeepPolicyName(options.keep));
    stats.Key("passages").Bool(options.passages.enabled);
    stats.Key("passage_min_words").Uint(static_cast<uint64_t>(options.passages.min_words));
    stats.Key("boilerplate_min_docs").Uint(static_cast<uint64_t>(options.passages.boilerplate_min_docs));
    stats.Key("events").Bool(options.events.enabled);
    stats.Key("event_window_days").Uint(static_cast<uint64_t>(options.events.date_window_days));
    stats.Key("mojibake_repair").Bool(options.repair_mojibake);
    stats.EndObject();
    stats.Key("timings_seconds").StartObject();
    for (const auto& [stage, seconds] : timings) stats.Key(stage.c_str()).Double(Rounded(seconds));
    stats.EndObject();
  });
}

}  // namespace

absl::StatusOr<RunSummary> WriteOutputs(const std::string& folder, const ScannedCorpus& corpus,
                                        const Analysis& analysis, const Options& options,
                                        absl::Time run_start) {
  RunSummary summary;
  summary.clusters = analysis.clusters.size();
  summary.passages = analysis.passages.size();
  summary.events = analysis.events.size();
  summary.input_bytes = corpus.input_bytes;
  pipeline::StageTimings timings = analysis.timings;
  const absl::Time write_start = absl::Now();
  // While decisions.jsonl and the cleaned corpus are written (one thread at
  // a time writes them, in order), the other outputs, and every section of
  // report.html but the summary, are made on another thread.
  absl::Status records_status;
  absl::Status files_status;
  ReportBody report_body;
  util::RunBoth(
      options.threads,
      [&] {
        records_status = WriteDecisionsAndCorpus(folder, corpus, analysis, options, &summary);
      },
      [&] {
        files_status = WriteClusters(folder, corpus, analysis);
        if (files_status.ok()) files_status = WritePassages(folder, corpus, analysis, options);
        if (files_status.ok()) files_status = WriteEvents(folder, corpus, analysis);
        report_body = RenderReportBody(corpus, analysis, options);
      });
  if (!records_status.ok()) return records_status;
  if (!files_status.ok()) return files_status;
  // The summary is complete from here on.
  if (absl::Status s = WriteHtmlReport(folder + "/report.html", report_body, corpus, analysis,
                                       options, summary);
      !s.ok()) {
    return s;
  }
  timings.emplace_back("write", absl::ToDoubleSeconds(absl::Now() - write_start));
  timings.emplace_back("total", absl::ToDoubleSeconds(absl::Now() - run_start));
  if (absl::Status s = WriteStats(folder, corpus, analysis, timings, options, summary); !s.ok()) {
    return s;
  }
  return summary;
}

}  // namespace neardup::report
