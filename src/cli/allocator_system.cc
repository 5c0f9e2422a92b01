// The neardup executable allocates with the C library's malloc (meson option
// allocator=system, and every sanitizer build: the sanitizers replace malloc).
#include "cli/allocator.h"

#include <malloc.h>

#include <string>

namespace neardup::cli {

void ConfigureAllocator() {
  // Buffers up to 32 MiB come from the heap, where a freed one is reused by
  // the next stage, instead of from a mapping of their own that the next
  // stage would fault in page by page afresh (glibc's default, after its
  // adaptive threshold, for blocks of 128 KiB and more).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

std::string AllocatorDescription() { return "the C library's malloc"; }

}  // namespace neardup::cli
