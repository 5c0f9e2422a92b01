#include "passages/passage_finder.h"

#include <algorithm>
#include <tuple>

#include "passages/fingerprints.h"
#include "passages/seeds.h"
#include "util/parallel.h"

namespace neardup::passages {
namespace {

constexpr int kSmallestMinWords = 4;

// An alignment of the repeating document with one earlier source.
struct Candidate {
  Alignment alignment;
  uint32_t source_slot = 0;
};

bool Covers(const Alignment& al, const Seed& seed) {
  return al.a_begin <= seed.position && seed.position < al.a_end &&
         al.b_begin <= seed.source_position && seed.source_position < al.b_end;
}

// Grows the seeds of `doc` against one source into alignments of at least
// min_words, skipping seeds inside an alignment already found.
void AlignWithSource(absl::Span<const text::Token> tokens, absl::Span<const Seed> seeds,
                     absl::Span<const text::Token> source_tokens, size_t min_words,
                     const GapLimits& gaps, std::vector<Candidate>* candidates) {
  std::vector<Alignment> found;
  const bool same = seeds.front().source_slot == seeds.front().slot;
  for (const Seed& seed : seeds) {
    if (std::any_of(found.begin(), found.end(),
                    [&](const Alignment& al) { return Covers(al, seed); })) {
      continue;
    }
    const Alignment al = ExtendSeed(tokens, source_tokens, seed.position,
                                    seed.source_position, same, gaps);
    found.push_back(al);
    if (al.a_length() >= min_words) candidates->push_back({al, seed.source_slot});
  }
}

// The candidate restricted to tokens [begin, end) of the repeating document,
// the source range moved by the same amounts.
Candidate Trim(const Candidate& c, uint32_t begin, uint32_t end) {
  Candidate t = c;
  const uint32_t front = begin - c.alignment.a_begin;
  const uint32_t back = c.alignment.a_end - end;
  t.alignment.a_begin = begin;
  t.alignment.a_end = end;
  const uint32_t b_len = c.alignment.b_end - c.alignment.b_begin;
  t.alignment.b_begin = c.alignment.b_begin + std::min(front, b_len - 1);
  t.alignment.b_end = std::max(t.alignment.b_begin + 1, c.alignment.b_end - std::min(back, b_len));
  return t;
}

// Keeps non-overlapping candidates, longest first (earliest source on ties);
// a candidate overlapping kept ones keeps its uncovered pieces of at least
// min_words. Returns them sorted by a_begin.
std::vector<Candidate> Resolve(std::vector<Candidate> candidates, size_t min_words) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    const Alignment& a = x.alignment;
    const Alignment& b = y.alignment;
    return std::make_tuple(-static_cast<int64_t>(a.a_length()), x.source_slot, a.b_begin, a.a_begin) <
           std::make_tuple(-static_cast<int64_t>(b.a_length()), y.source_slot, b.b_begin, b.a_begin);
  });
  std::vector<Candidate> kept;  // sorted by a_begin, disjoint
  for (const Candidate& c : candidates) {
    std::vector<Candidate> pieces;
    uint32_t cursor = c.alignment.a_begin;
    auto take = [&](uint32_t begin, uint32_t end) {
      if (end > begin && end - begin >= min_words) pieces.push_back(Trim(c, begin, end));
    };
    for (const Candidate& k : kept) {
      if (k.alignment.a_end <= cursor) continue;
      if (k.alignment.a_begin >= c.alignment.a_end) break;
      take(cursor, std::max(cursor, k.alignment.a_begin));
      cursor = std::max(cursor, k.alignment.a_end);
    }
    take(cursor, c.alignment.a_end);
    for (const Candidate& piece : pieces) {
      auto at = std::lower_bound(kept.begin(), kept.end(), piece, [](const Candidate& x, const Candidate& y) {
        return x.alignment.a_begin < y.alignment.a_begin;
      });
      kept.insert(at, piece);
    }
  }
  return kept;
}

// True when most seeds inside [begin, end) come from k-grams found in at
// least `min_docs` documents (the median resists a stock phrase inside an
// otherwise rare passage).
bool IsBoilerplate(absl::Span<const Seed> seeds, uint32_t begin, uint32_t end, int min_docs) {
  std::vector<uint32_t> counts;
  for (const Seed& s : seeds) {
    if (s.position >= begin && s.position < end) counts.push_back(s.group_docs);
  }
  if (counts.empty()) return false;
  const size_t mid = (counts.size() - 1) / 2;
  std::nth_element(counts.begin(), counts.begin() + mid, counts.end());
  return counts[mid] >= static_cast<uint32_t>(std::max(min_docs, 2));
}

// All passages of one repeating document.
std::vector<Passage> PassagesOfDoc(absl::Span<const uint64_t> docs, const TokenSource& source,
                                   absl::Span<const Seed> seeds, size_t min_words,
                                   const PassageOptions& options, const GapLimits& gaps) {
  std::vector<text::Token> tokens, source_tokens;
  const uint32_t slot = seeds.front().slot;
  source.Tokens(docs[slot], &tokens);

  std::vector<Candidate> candidates;
  for (size_t begin = 0; begin < seeds.size();) {
    size_t end = begin;
    while (end < seeds.size() && seeds[end].source_slot == seeds[begin].source_slot) ++end;
    const uint32_t source_slot = seeds[begin].source_slot;
    if (source_slot != slot) source.Tokens(docs[source_slot], &source_tokens);
    AlignWithSource(tokens, seeds.subspan(begin, end - begin),
                    source_slot == slot ? absl::MakeConstSpan(tokens) : absl::MakeConstSpan(source_tokens),
                    min_words, gaps, &candidates);
    begin = end;
  }
  const std::vector<Candidate> kept = Resolve(std::move(candidates), min_words);

  // Visit the kept candidates by source so each source is tokenized once.
  std::vector<size_t> order(kept.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return kept[x].source_slot < kept[y].source_slot;
  });
  std::vector<Passage> passages(kept.size());
  int64_t loaded = -1;
  for (size_t i : order) {
    const Candidate& c = kept[i];
    const Alignment& al = c.alignment;
    if (c.source_slot != slot && c.source_slot != loaded) {
      source.Tokens(docs[c.source_slot], &source_tokens);
      loaded = c.source_slot;
    }
    const std::vector<text::Token>& first = c.source_slot == slot ? tokens : source_tokens;
    Passage& p = passages[i];
    p.doc = docs[slot];
    p.begin = tokens[al.a_begin].begin;
    p.end = tokens[al.a_end - 1].end;
    p.first_doc = docs[c.source_slot];
    p.first_begin = first[al.b_begin].begin;
    p.first_end = first[al.b_end - 1].end;
    p.words = al.a_length();
    p.within_document = c.source_slot == slot;
    p.boilerplate = IsBoilerplate(seeds, al.a_begin, al.a_end, options.boilerplate_min_docs);
  }
  return passages;
}

}  // namespace

std::vector<Passage> FindPassagesInTokens(absl::Span<const uint64_t> docs,
                                          const TokenSource& source,
                                          const PassageOptions& options, int threads,
                                          const FinderLimits& limits) {
  const int min_words = std::max(options.min_words, kSmallestMinWords);
  const WinnowingParams params = ChooseWinnowing(min_words);
  const std::vector<Seed> seeds =
      CollectSeeds(docs, source, params, threads, limits.max_fingerprints_per_pass);

  // One work item per repeating document.
  std::vector<std::pair<size_t, size_t>> ranges;
  for (size_t begin = 0; begin < seeds.size();) {
    size_t end = begin;
    while (end < seeds.size() && seeds[end].slot == seeds[begin].slot) ++end;
    ranges.emplace_back(begin, end);
    begin = end;
  }
  std::vector<std::vector<Passage>> per_doc(ranges.size());
  util::ParallelFor(ranges.size(), threads, [&](size_t i) {
    const auto [begin, end] = ranges[i];
    per_doc[i] = PassagesOfDoc(docs, source, absl::MakeConstSpan(seeds).subspan(begin, end - begin),
                               static_cast<size_t>(min_words), options, limits.gaps);
  });
  std::vector<Passage> passages;
  for (auto& list : per_doc) passages.insert(passages.end(), list.begin(), list.end());
  return passages;
}

}  // namespace neardup::passages
