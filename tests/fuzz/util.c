/* util.c: helpers shared by the fuzz targets (see fuzz.h). */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/fuzz/fuzz.h"
#include "zonegen/zonegen.h"

static char dir[4096];
static FILE *devnull;

/* Remove the folder's files and the folder (a crash leaves them). */
static void
cleanup(void)
{
	char path[sizeof(dir) + 256];
	struct dirent *e;
	DIR *d;

	if (devnull != NULL) {
		fclose(devnull);
		devnull = NULL;
	}
	if (dir[0] == '\0' || (d = opendir(dir)) == NULL) {
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0) {
			continue;
		}
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
			e->d_name) < sizeof(path)) {
			unlink(path);
		}
	}
	closedir(d);
	rmdir(dir);
}

const char *
fuzz_dir(void)
{
	const char *tmp;

	if (dir[0] != '\0') {
		return dir;
	}
	tmp = getenv("TMPDIR");
	if (tmp == NULL || tmp[0] == '\0') {
		tmp = "/tmp";
	}
	if ((size_t)snprintf(dir, sizeof(dir), "%s/zonetools-fuzz.XXXXXX",
		tmp) >= sizeof(dir) ||
	    mkdtemp(dir) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(cleanup);
	return dir;
}

void
fuzz_path(char *out, size_t size, const char *name)
{
	if ((size_t)snprintf(out, size, "%s/%s", fuzz_dir(), name) >= size) {
		fputs("fuzz: path too long\n", stderr);
		abort();
	}
}

void
fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL ||
	    (size > 0 && fwrite(data, 1, size, fp) != size) ||
	    fclose(fp) != 0) {
		perror(path);
		abort();
	}
}

FILE *
fuzz_devnull(void)
{
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL) {
		perror("fuzz: /dev/null");
		abort();
	}
	return devnull;
}

int
fuzz_no_controls(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f) {
			return 0;
		}
	}
	return 1;
}

zg_profile_t *
fuzz_builtin_profile(void)
{
	static zg_profile_t *profile;
	char message[512];

	if (profile == NULL && zg_profile_load_builtin(&profile, message,
	    sizeof(message)) != ZG_OK) {
		fprintf(stderr, "%s\n", message);
		abort();
	}
	return profile;
}

int
fuzz_shown(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i], cp, n, k;

		if (c < 0x80) {
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
				return 0;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 2, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 3, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 4, cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + n > len) {
			return 0;
		}
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80) {
				return 0;
			}
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
		    cp <= 0x9f || cp == 0x2028 || cp == 0x2029 ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c ||
		    cp == 0x200e || cp == 0x200f) {
			return 0;
		}
		i += n;
	}
	return 1;
}

size_t
fuzz_lines(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		n += s[i] == '\n';
	}
	return n;
}

void
fuzz_check_problems(const struct zg_problems *problems)
{
	size_t i;

	for (i = 0; i < problems->count; i++) {
		const zg_problem_t *p = &problems->items[i];
		size_t n = strnlen(p->message, sizeof(p->message));

		FUZZ_ASSERT(p->id != NULL && p->id[0] != '\0');
		FUZZ_ASSERT(n < sizeof(p->message));
		FUZZ_ASSERT(fuzz_no_controls(p->message, n));
	}
}
