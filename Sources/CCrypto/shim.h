#ifndef IGNITABULL_CCRYPTO_SHIM_H
#define IGNITABULL_CCRYPTO_SHIM_H
#include <stddef.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

// The system libcrypto (Debian libssl-dev), reached only from Access/Crypto.swift. Typed shims keep
// OpenSSL's macros and EVP_MD pointers out of Swift.

/// PBKDF2-HMAC-SHA256 of `password` with `salt`; 1 on success.
static inline int ignitabull_pbkdf2_sha256(const char *password, int passwordLength, const unsigned char *salt,
    int saltLength, int iterations, unsigned char *out, int outLength) {
    return PKCS5_PBKDF2_HMAC(password, passwordLength, salt, saltLength, iterations, EVP_sha256(), outLength, out);
}

/// `count` bytes from the operating system's CSPRNG (through OpenSSL's DRBG); 1 on success.
static inline int ignitabull_random_bytes(unsigned char *out, int count) { return RAND_bytes(out, count); }

/// SHA-256 of `length` bytes into the 32 bytes at `out`.
static inline void ignitabull_sha256(const unsigned char *bytes, size_t length, unsigned char *out) {
    SHA256(bytes, length, out);
}

/// Whether the `length` bytes at `a` and `b` are equal, in time independent of where they differ.
static inline int ignitabull_equal(const void *a, const void *b, size_t length) { return CRYPTO_memcmp(a, b, length) == 0; }
#endif
