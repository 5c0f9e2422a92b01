// In-memory DocumentTexts for the events tests.
#ifndef NEARDUP_TESTS_EVENTS_TEST_TEXTS_H_
#define NEARDUP_TESTS_EVENTS_TEST_TEXTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/document_texts.h"

namespace neardup::events::testing {

// Texts indexed by position in the vector.
class VectorTexts : public text::DocumentTexts {
 public:
  explicit VectorTexts(std::vector<std::string> texts) : texts_(std::move(texts)) {}
  std::string_view Text(uint64_t doc_index) const override { return texts_.at(doc_index); }
  size_t size() const { return texts_.size(); }

 private:
  std::vector<std::string> texts_;
};

}  // namespace neardup::events::testing

#endif  // NEARDUP_TESTS_EVENTS_TEST_TEXTS_H_
