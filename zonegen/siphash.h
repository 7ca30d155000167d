/* siphash.h: SipHash-1-3, the keyed hash of the tables of names. */
/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef ZONEGEN_SIPHASH_H
#define ZONEGEN_SIPHASH_H

/*
 * SipHash-1-3 (Aumasson and Bernstein) of `n` bytes under a 128-bit key:
 * without the key, no one can choose names that crowd one place of a
 * table (zonegen's set of names, zonelint's names table).  Inline: the
 * reader hashes every owner.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ZG_ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define ZG_SIPROUND                                                         \
	do {                                                             \
		v0 += v1;                                                \
		v1 = ZG_ROTL(v1, 13);                                       \
		v1 ^= v0;                                                \
		v0 = ZG_ROTL(v0, 32);                                       \
		v2 += v3;                                                \
		v3 = ZG_ROTL(v3, 16);                                       \
		v3 ^= v2;                                                \
		v0 += v3;                                                \
		v3 = ZG_ROTL(v3, 21);                                       \
		v3 ^= v0;                                                \
		v2 += v1;                                                \
		v1 = ZG_ROTL(v1, 17);                                       \
		v1 ^= v2;                                                \
		v2 = ZG_ROTL(v2, 32);                                       \
	} while (0)

static inline uint64_t
zg_siphash13(const uint64_t key[2], const uint8_t *p, size_t n)
{
	uint64_t v0 = key[0] ^ 0x736f6d6570736575u;
	uint64_t v1 = key[1] ^ 0x646f72616e646f6du;
	uint64_t v2 = key[0] ^ 0x6c7967656e657261u;
	uint64_t v3 = key[1] ^ 0x7465646279746573u;
	uint64_t m, b = (uint64_t)n << 56;
	size_t i, left = n & 7;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&m, p + i, 8); /* little-endian hosts only differ in
				       * the hash, never in the answer */
		v3 ^= m;
		ZG_SIPROUND;
		v0 ^= m;
	}
	switch (left) {
	case 7:
		b |= (uint64_t)p[i + 6] << 48;
		/* fall through */
	case 6:
		b |= (uint64_t)p[i + 5] << 40;
		/* fall through */
	case 5:
		b |= (uint64_t)p[i + 4] << 32;
		/* fall through */
	case 4:
		b |= (uint64_t)p[i + 3] << 24;
		/* fall through */
	case 3:
		b |= (uint64_t)p[i + 2] << 16;
		/* fall through */
	case 2:
		b |= (uint64_t)p[i + 1] << 8;
		/* fall through */
	case 1:
		b |= (uint64_t)p[i];
		break;
	default:
		break;
	}
	v3 ^= b;
	ZG_SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	ZG_SIPROUND;
	ZG_SIPROUND;
	ZG_SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

#endif /* ZONEGEN_SIPHASH_H */
