#ifndef IGNITABULL_CSQLITE_SHIM_H
#define IGNITABULL_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro over a function-pointer cast, which Swift cannot import.
static inline sqlite3_destructor_type ignitabull_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
