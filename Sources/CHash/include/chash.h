#ifndef IGNITABULL_CHASH_H
#define IGNITABULL_CHASH_H
#include <stddef.h>
#include <stdint.h>

/// Runs the SHA-256 compression function (FIPS 180-4, section 6.2.2) over `blocks` consecutive
/// 64-byte blocks of `data`, updating the eight-word `state` in place. Padding is the caller's.
void ign_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
