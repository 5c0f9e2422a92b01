// Fixed-width fields and length-prefixed strings in a byte string: the one
// encoding of index values and of records shipped between ranks.
#ifndef NEARDUP_UTIL_BYTE_CODEC_H_
#define NEARDUP_UTIL_BYTE_CODEC_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/types/span.h"

namespace neardup::util {

// Appends `value`'s bytes (host byte order: readers run the same build on
// the same kind of machine).
template <typename T>
void PutRaw(T value, std::string* out) {
  static_assert(std::is_trivially_copyable_v<T>);
  out->append(reinterpret_cast<const char*>(&value), sizeof(T));
}

// Reads what PutRaw wrote from the front of `*in`; false when too short.
template <typename T>
bool GetRaw(std::string_view* in, T* value) {
  if (in->size() < sizeof(T)) return false;
  std::memcpy(value, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return true;
}

// Appends the values back to back, without their count.
template <typename T>
void PutArray(absl::Span<const T> values, std::string* out) {
  static_assert(std::is_trivially_copyable_v<T>);
  out->append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

// Reads values.size() values from the front of `*in`; false when too short.
template <typename T>
bool GetArray(std::string_view* in, absl::Span<T> values) {
  const size_t bytes = values.size() * sizeof(T);
  if (in->size() < bytes) return false;
  std::memcpy(values.data(), in->data(), bytes);
  in->remove_prefix(bytes);
  return true;
}

// A string as its 32-bit length and its bytes.
inline void PutString(std::string_view s, std::string* out) {
  PutRaw(static_cast<uint32_t>(s.size()), out);
  out->append(s);
}

// Reads what PutString wrote; `*s` views into `*in`'s bytes.
inline bool GetString(std::string_view* in, std::string_view* s) {
  uint32_t size = 0;
  if (!GetRaw(in, &size) || in->size() < size) return false;
  *s = in->substr(0, size);
  in->remove_prefix(size);
  return true;
}

inline bool GetString(std::string_view* in, std::string* s) {
  std::string_view view;
  if (!GetString(in, &view)) return false;
  s->assign(view);
  return true;
}

}  // namespace neardup::util

#endif  // NEARDUP_UTIL_BYTE_CODEC_H_
