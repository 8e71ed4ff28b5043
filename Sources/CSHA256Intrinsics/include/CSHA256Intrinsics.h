// SHA-256 block compression with the x86 SHA extensions (SHA-NI), for MizanCore's SHA256.
// The portable Swift code stays the reference and the fallback; both are tested against the
// NIST vectors and against each other (Tests/MizanCoreTests/SHA256Tests.swift).
#ifndef CSHA256_INTRINSICS_H
#define CSHA256_INTRINSICS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions (and the SSSE3 and SSE4.1 they are used with), else 0.
int csha256_has_extensions(void);

/// Runs the compression function over `blocks` 64-byte blocks at `data`, updating `state`
/// (H0…H7). Must only be called when `csha256_has_extensions()` returned 1.
void csha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
