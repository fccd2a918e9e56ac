// LSTMLAB_ASAN: defined when this translation unit is compiled with AddressSanitizer. GCC says so with
// __SANITIZE_ADDRESS__, clang (the sanitizer tree's compiler) with __has_feature(address_sanitizer).
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define LSTMLAB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LSTMLAB_ASAN 1
#endif
#endif
