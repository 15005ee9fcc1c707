#include "cmemory.h"
#include <stdlib.h> /* defines __GLIBC__ on glibc */

#if defined(__GLIBC__)
#include <malloc.h>
int ign_release_free_memory(void) { return malloc_trim(0); }
int ign_can_release_free_memory(void) { return 1; }
#else
int ign_release_free_memory(void) { return 0; }
int ign_can_release_free_memory(void) { return 0; }
#endif
