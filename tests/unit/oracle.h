/* oracle.h: seeded inputs and peer programs for the differential tests. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Static helpers for the differential tests (test_bindiff, test_generate,
 * test_typediff): a seeded generator (splitmix64, so a seed gives the same
 * inputs on every machine), and finding a program and running it with
 * fork/exec, never through a shell, capturing what it prints.
 */
#ifndef TESTS_UNIT_ORACLE_H
#define TESTS_UNIT_ORACLE_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct rng {
	uint64_t state;
} rng_t;

/* splitmix64 (Steele, Lea, Flood 2014). */
static inline uint64_t
rng_next(rng_t *r)
{
	uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static inline unsigned
rng_below(rng_t *r, unsigned n)
{
	return n == 0 ? 0 : (unsigned)(rng_next(r) % n);
}

/* The program's path on PATH, /usr/sbin or /sbin, into buf; false if none. */
static inline bool
find_program(const char *name, char *buf, size_t size)
{
	const char *path = getenv("PATH");
	char dirs[4096];
	char *dir, *save = NULL;

	snprintf(dirs, sizeof(dirs), "%s:/usr/sbin:/sbin",
	    path != NULL ? path : "/usr/bin:/bin");
	for (dir = strtok_r(dirs, ":", &save); dir != NULL;
	     dir = strtok_r(NULL, ":", &save)) {
		if (snprintf(buf, size, "%s/%s", dir, name) < (int)size &&
		    access(buf, X_OK) == 0) {
			return true;
		}
	}
	return false;
}

/* Run PROG ARGV with stdout and stderr into *out; its exit status or -1. */
static inline int
run_capture(const char *prog, char *const argv[], char **out, size_t *len)
{
	FILE *m;
	char buf[4096];
	int fd[2], st;
	ssize_t n;
	pid_t pid;

	*out = NULL;
	*len = 0;
	if ((m = open_memstream(out, len)) == NULL) {
		return -1;
	}
	if (pipe(fd) != 0) {
		fclose(m);
		return -1;
	}
	fflush(stdout);
	if ((pid = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		fclose(m);
		return -1;
	}
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		dup2(fd[1], STDERR_FILENO);
		close(fd[0]);
		close(fd[1]);
		execv(prog, argv);
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		n = read(fd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		fwrite(buf, 1, (size_t)n, m);
	}
	close(fd[0]);
	fclose(m);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			return -1;
		}
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* An environment variable as a number (decimal, 0x hex): true with it in
 * *v, or true with *v untouched when unset; false when it is no number. */
static inline bool
env_number(const char *name, unsigned long long *v)
{
	const char *s = getenv(name);
	char *end;

	if (s == NULL || *s == '\0') {
		return true;
	}
	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno == 0 && *end == '\0';
}

#endif /* TESTS_UNIT_ORACLE_H */
