// How the neardup executable allocates memory. Two implementations, chosen
// by meson's `allocator` option: allocator_jemalloc.cc (the default) and
// allocator_system.cc.
#ifndef NEARDUP_CLI_ALLOCATOR_H_
#define NEARDUP_CLI_ALLOCATOR_H_

#include <string>

namespace neardup::cli {

// Sets up the process's allocator; call first thing in main(), before any
// thread starts.
void ConfigureAllocator();

// The allocator in use and its settings, for `neardup --version`, e.g.
// "jemalloc 5.3.0-0-g54eaed1d... (thp:always)".
std::string AllocatorDescription();

}  // namespace neardup::cli

#endif  // NEARDUP_CLI_ALLOCATOR_H_
