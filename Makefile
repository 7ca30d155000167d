# Makefile: build, test and install zonegen and zonelint (GNU make).
# SPDX-License-Identifier: BSD-3-Clause
#
#   make            build build/zonegen and build/zonelint (debug variant)
#   make demo       install missing packages, build, print example.com's records
#   make check      install missing packages, build, run every test
#   make san        the same tests, built with ASan + UBSan
#   make valgrind   the CLI golden tests under valgrind memcheck
#   make differential  the DNS rules against named-checkzone on 5,000
#                   generated zones, the reader against BIND and Knot on
#                   250,000 records, the --fix property on 50,000 (make
#                   check runs 300, about 18,000 and 10,000, and 200
#                   through named)
#   make bench      release build against ldns, BIND, Knot, validns
#                   (tests/bench/RESULTS.md; measures, asserts nothing)
#   make bench-scaling  its scaling section alone (issue 12: suppressions,
#                   $INCLUDE spellings, SARIF over many files at 10,000,
#                   40,000, 160,000), rewriting only that section
#   make fuzz       build the libFuzzer targets (clang) and run each for
#                   FUZZ_SECONDS (180); fails when one finds anything
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       apt-get install only the Debian packages that are missing
#                   (and npm's SARIF validator into build/tools/)
#
# VARIANT=debug|release|san picks the build; the debug build lives in build/
# so that the programs are build/zonegen and build/zonelint, the others in
# build/release/ and build/san/.  WERROR=1 adds -Werror (CI).

VARIANT ?= debug
Q ?= @

ifeq ($(VARIANT),debug)
  BUILDDIR := build
  VCFLAGS := -O0 -g
else ifeq ($(VARIANT),release)
  BUILDDIR := build/release
  VCFLAGS := -O2 -g -DNDEBUG
else ifeq ($(VARIANT),san)
  BUILDDIR := build/san
  VCFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	     -fno-sanitize-recover=all
  VLDFLAGS := -fsanitize=address,undefined
else ifeq ($(VARIANT),fuzz)
  # Only the libFuzzer targets are built in this variant (make fuzz).
  BUILDDIR := build/fuzz
  VCFLAGS := -O1 -g -fno-omit-frame-pointer \
	     -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  VLDFLAGS := -fsanitize=fuzzer,address,undefined
else
  $(error VARIANT must be debug, release or san)
endif

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

# Build and library packages (pkg-config name = Debian package).
PKGS := ldns libcyaml yaml-0.1 libidn2
DEB_BUILD := pkg-config libldns-dev libcyaml-dev libyaml-dev libidn2-dev
# Programs the tests run, as "command:package".
DEB_TEST_CMDS := named:bind9 named-checkzone:bind9-utils \
		 named-compilezone:bind9-utils kzonecheck:knot-dnssecutils \
		 tsig-keygen:bind9-utils nsupdate:bind9-dnsutils \
		 dig:bind9-dnsutils valgrind:valgrind \
		 pre-commit:pre-commit git:git \
		 python3:python3 perl:perl
# Libraries the tests use as oracles (Mail::SPF for SPF verdicts).
DEB_TEST_PKGS := libmail-spf-perl libnet-dns-perl

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CC ?= cc
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -I. -MMD -MP \
	    -DZL_MANDIR='"$(MANDIR)"'
WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla \
	-Wpointer-arith -Wundef
ifeq ($(WERROR),1)
  WARN += -Werror
endif
CFLAGS += -std=c11 $(WARN) $(VCFLAGS) $(PKG_CFLAGS)
LDFLAGS += $(VLDFLAGS)
LDLIBS += $(PKG_LIBS) -lpthread

ZONEGEN_SRCS := zonegen/status.c zonegen/problems.c zonegen/spf.c \
		zonegen/dmarc.c zonegen/yaml.c zonegen/profile.c \
		zonegen/domain.c zonegen/plan.c zonegen/emit.c zonegen/escape.c \
		zonegen/period.c zonegen/nameset.c
LINT_SRCS := $(sort $(wildcard lint/*.c))
ZONEGEN_OBJS := $(ZONEGEN_SRCS:%.c=$(BUILDDIR)/obj/%.o) \
		$(BUILDDIR)/obj/builtin_profile.o
LINT_OBJS := $(LINT_SRCS:%.c=$(BUILDDIR)/obj/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILDDIR)/tests/%)
# libFuzzer targets, tests/fuzz/NAME.c; `make check` replays their seeds
# and regressions through $(BUILDDIR)/tests/fuzz/NAME (tests/fuzz/replay.c).
FUZZ_TARGETS := fuzz_zone fuzz_spf fuzz_dmarc fuzz_profile fuzz_config \
		fuzz_dnscache \
		fuzz_generator fuzz_rdata fuzz_generate fuzz_names
FUZZ_REPLAYS := $(FUZZ_TARGETS:%=$(BUILDDIR)/tests/fuzz/%)
FUZZ_SECONDS ?= 180
FUZZ_CC ?= clang
DEB_FUZZ := clang libclang-rt-14-dev

PROGS := $(BUILDDIR)/zonegen
ifneq ($(wildcard cmd/zonelint.c),)
  PROGS += $(BUILDDIR)/zonelint
endif

.PHONY: all demo check san valgrind install clean format deps deps-build \
	deps-test unit peer fuzz fuzz-build bench bench-scaling differential
.DEFAULT_GOAL := all
# Keep objects that only a test binary needs.
.SECONDARY:

all: $(PROGS) $(UNIT_BINS) $(FUZZ_REPLAYS)

# The built-in profile is compiled in from its YAML file (one source).
BUILTIN_PROFILE := zonegen/profiles/webmo.yaml
$(BUILDDIR)/obj/builtin_profile.c: $(BUILTIN_PROFILE) tests/embed.sh
	@mkdir -p $(@D)
	$(Q)sh tests/embed.sh zg_builtin_profile $< > $@.tmp && mv $@.tmp $@

$(BUILDDIR)/obj/builtin_profile.o: $(BUILDDIR)/obj/builtin_profile.c
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILDDIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILDDIR)/libzonegen.a: $(ZONEGEN_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILDDIR)/liblint.a: $(LINT_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# zonegen asks the linter to judge a profile's records (lint/profile.c).
$(BUILDDIR)/zonegen: $(BUILDDIR)/obj/cmd/zonegen.o $(BUILDDIR)/liblint.a \
		$(BUILDDIR)/libzonegen.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILDDIR)/zonelint: $(BUILDDIR)/obj/cmd/zonelint.o $(BUILDDIR)/liblint.a \
		$(BUILDDIR)/libzonegen.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILDDIR)/tests/%: $(BUILDDIR)/obj/tests/unit/%.o $(BUILDDIR)/liblint.a \
		$(BUILDDIR)/libzonegen.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILDDIR)/tests/fuzz/%: $(BUILDDIR)/obj/tests/fuzz/%.o \
		$(BUILDDIR)/obj/tests/fuzz/replay.o \
		$(BUILDDIR)/obj/tests/fuzz/util.o $(BUILDDIR)/liblint.a \
		$(BUILDDIR)/libzonegen.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# --- dependencies from Debian's packages -------------------------------
# Installs only what is missing; says what it does; apt-get update first.
deps: deps-build deps-test

deps-build:
	@sh tests/deps.sh build $(DEB_BUILD)

deps-test:
	@sh tests/deps.sh cmds $(DEB_TEST_CMDS)
	@sh tests/deps.sh build $(DEB_TEST_PKGS)
	@sh tests/tools.sh

# --- the README's first command -----------------------------------------
demo: deps-build
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./$(BUILDDIR)/zonegen example.com

# --- tests --------------------------------------------------------------
check: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILDDIR=$(BUILDDIR) VARIANT=$(VARIANT) sh tests/run.sh

unit: all
	$(Q)BUILDDIR=$(BUILDDIR) ONLY=unit sh tests/run.sh

san:
	$(Q)$(MAKE) --no-print-directory VARIANT=san check

valgrind: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILDDIR=$(BUILDDIR) VALGRIND=1 ONLY="unit cli" sh tests/run.sh

# Fuzz each target for FUZZ_SECONDS with a working copy of its corpus
# (tests/fuzz/run.sh, which says how to reproduce a finding).
fuzz: deps-build
	@sh tests/deps.sh build $(DEB_FUZZ)
	$(Q)$(MAKE) --no-print-directory VARIANT=fuzz CC=$(FUZZ_CC) fuzz-build
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILDDIR)/%)

$(BUILDDIR)/fuzz_%: $(BUILDDIR)/obj/tests/fuzz/fuzz_%.o \
		$(BUILDDIR)/obj/tests/fuzz/util.o $(BUILDDIR)/liblint.a \
		$(BUILDDIR)/libzonegen.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Measure the reader and the parsers against the peers' suites in
# ../shared/peer-suites (not part of the project; skipped when absent).
peer: all
	$(Q)sh tests/peer/checkzone.sh
	$(Q)sh tests/peer/zscanner.sh
	$(Q)sh tests/peer/checkdmarc.sh

# The long oracle runs: zonelint's DNS rules against BIND's verdicts, the
# reader's verdict and rdata per record type against BIND's and Knot's
# (about 5 minutes), and the --fix property over many more generated zones.
differential: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)ZL_BINDIFF_COUNT=5000 ./$(BUILDDIR)/tests/test_bindiff
	$(Q)ZL_TYPEDIFF_COUNT=250000 ./$(BUILDDIR)/tests/test_typediff
	$(Q)ZL_FIXPROP_COUNT=50000 ./$(BUILDDIR)/tests/test_fixprop
	$(Q)BUILDDIR=$(BUILDDIR) ZL_FIXPROP_NAMED_COUNT=1000 \
	    sh tests/integration/fixprop-named.sh

# Time and memory of the release build against an ldns floor and the
# peers, on generated inputs; writes tests/bench/RESULTS.md.
bench:
	$(Q)sh tests/bench/run.sh

bench-scaling:
	$(Q)BENCH_ONLY=scaling sh tests/bench/run.sh

# --- install ------------------------------------------------------------
install: $(PROGS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	for p in $(notdir $(PROGS)); do \
		install -m 644 cmd/$$p.1 $(DESTDIR)$(MANDIR)/man1/ || exit 1; \
	done

clean:
	rm -rf build

format:
	clang-format -i cmd/*.c zonegen/*.[ch] lint/*.[ch] tests/unit/*.[ch] \
	    tests/fuzz/*.[ch]

-include $(shell find build -name '*.d' -type f 2>/dev/null)
