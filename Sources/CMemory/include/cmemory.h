#ifndef CMEMORY_H
#define CMEMORY_H

/// Gives the C allocator's free memory back to the system where the C library can (glibc's
/// `malloc_trim(0)`, declared in <malloc.h>, which Swift's Glibc module does not export).
/// Returns 1 when memory was released, 0 otherwise (and always 0 on other C libraries).
int ign_release_free_memory(void);

/// 1 when `ign_release_free_memory` can release anything here (glibc), else 0.
int ign_can_release_free_memory(void);

#endif
