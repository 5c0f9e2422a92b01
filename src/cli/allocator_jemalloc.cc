// The neardup executable allocates with jemalloc, linked in place of the C
// library's malloc, and asks for its heap on transparent huge pages.
//
// Why: on virtual machines that trap every page fault (shadow page tables), a
// fault on a fresh 4 KiB page costs about 11 us, against 0.26 us per 4 KiB
// when a 2 MiB huge page is faulted in at once. With the C library's malloc a
// 100k-document run took 4,500 page faults with 1 thread and 7,400 with 2
// (each thread's arena faults in pages of its own); with this allocator and
// these settings, 790 and 810 (docs/PERFORMANCE.md, session 10). Where the
// system's THP setting is "never", jemalloc uses normal pages.
#include "cli/allocator.h"

#include <jemalloc/jemalloc.h>

#include <string>

// Read by jemalloc when it starts (before main):
//   thp:always, metadata_thp:always  back every extent it maps, metadata
//       included, with transparent huge pages (madvise(MADV_HUGEPAGE)), so
//       that the system's "madvise" THP mode grants them too;
//   narenas:1  one arena for all threads (each keeps its cache of small
//       blocks), so memory one thread frees is reused by the others instead
//       of each thread's arena faulting in pages of its own.
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always,narenas:1";
}

namespace neardup::cli {

void ConfigureAllocator() {}  // malloc_conf above is all there is

std::string AllocatorDescription() {
  const char* version = "?";
  const char* thp = "?";
  size_t size = sizeof(const char*);
  mallctl("version", &version, &size, nullptr, 0);
  size = sizeof(const char*);
  mallctl("opt.thp", &thp, &size, nullptr, 0);
  return std::string("jemalloc ") + version + " (thp:" + thp + ")";
}

}  // namespace neardup::cli
