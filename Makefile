# Makefile: build, test and install zonegen and zonelint (GNU make).
# SPDX-License-Identifier: BSD-3-Clause
#
#   make            build build/zonegen and build/zonelint (optimised:
#                   -O3 -g -DNDEBUG)
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
#   make install    PREFIX=/usr/local DESTDIR= (installs the variant built:
#                   `make VARIANT=debug install` the debug one)
#   make package    the Debian package (dpkg-buildpackage, from a copy of
#                   the tree) into build/package/
#   make package-check  build it, lintian, install it on a fresh Debian 12
#                   root (debootstrap, cached in build/package/), run the
#                   README's `make demo` in another, and the action's steps
#   make deps       apt-get install only the Debian packages that are missing
#                   (and npm's SARIF validator into build/tools/)
#
# VARIANT picks the build.  The default, optimised one lives in build/ so
# that the programs are build/zonegen and build/zonelint; VARIANT=debug
# (-O0 -g) builds into build/debug/, VARIANT=san into build/san/, and
# VARIANT=release is the default's flags in build/release/ (the copy that
# make bench measures).  WERROR=1 adds -Werror (CI).

VARIANT ?= default
Q ?= @
OPT_CFLAGS := -O3 -g -DNDEBUG

ifeq ($(VARIANT),default)
  BUILDDIR := build
  VCFLAGS := $(OPT_CFLAGS)
else ifeq ($(VARIANT),release)
  BUILDDIR := build/release
  VCFLAGS := $(OPT_CFLAGS)
else ifeq ($(VARIANT),debug)
  BUILDDIR := build/debug
  VCFLAGS := -O0 -g
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
  $(error VARIANT must be default, debug, release, san or fuzz)
endif

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
# zonelint's installed manual page, which its SARIF output names as the
# tool's informationUri (lint/report.c); the Debian package's is gzipped.
ZONELINT_MAN ?= $(MANDIR)/man1/zonelint.1

# ZONELINT_MAN is compiled into zonelint, as a C string and in a URI, and
# BINDIR and MANDIR go through the shell: all are absolute and made of
# letters, digits and / . _ + - only.
PATH_CHARS := a b c d e f g h i j k l m n o p q r s t u v w x y z \
	      A B C D E F G H I J K L M N O P Q R S T U V W X Y Z \
	      0 1 2 3 4 5 6 7 8 9 / . _ + -
# strip_chars TEXT,CHARS: TEXT without any of the words in CHARS.
strip_chars = $(if $2,$(call strip_chars,$(subst $(firstword $2),,$1),$(wordlist 2,$(words $2),$2)),$1)
INSTALL_PATHS := $(BINDIR) $(MANDIR) $(ZONELINT_MAN)
ifneq ($(words $(BINDIR))$(words $(MANDIR))$(words $(ZONELINT_MAN)),111)
  $(error BINDIR, MANDIR and ZONELINT_MAN must be one word each (PREFIX='$(PREFIX)'))
endif
ifneq ($(filter /%,$(INSTALL_PATHS)),$(INSTALL_PATHS))
  $(error BINDIR, MANDIR and ZONELINT_MAN must be absolute: $(INSTALL_PATHS))
endif
ifneq ($(strip $(call strip_chars,$(INSTALL_PATHS),$(PATH_CHARS))),)
  $(error BINDIR, MANDIR and ZONELINT_MAN may hold only letters, digits and / . _ + -: $(INSTALL_PATHS))
endif

# Build and library packages (pkg-config name = Debian package).
PKGS := ldns libcyaml yaml-0.1 libidn2
# debian/control's Build-Depends are DEB_BUILD (tests/package/deb.sh
# checks); the compiler and libc6-dev, which a fresh Debian 12 lacks, are
# build-essential there, which Build-Depends leaves out.
DEB_BUILD := pkg-config libldns-dev libcyaml-dev libyaml-dev libidn2-dev
DEB_CC := cc:gcc
DEB_LIBC := libc6-dev
# Programs the tests run, as "command:package".
DEB_TEST_CMDS := named:bind9 named-checkzone:bind9-utils \
		 named-compilezone:bind9-utils kzonecheck:knot-dnssecutils \
		 tsig-keygen:bind9-utils nsupdate:bind9-dnsutils \
		 dig:bind9-dnsutils valgrind:valgrind \
		 pre-commit:pre-commit git:git \
		 python3:python3 perl:perl
# Libraries the tests use as oracles (Mail::SPF for SPF verdicts).
DEB_TEST_PKGS := libmail-spf-perl libnet-dns-perl
# What make package and make package-check use (PyYAML reads action.yml).
DEB_PACKAGE := dpkg-dev debhelper fakeroot lintian debootstrap \
	       python3-yaml man-db binutils

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CC ?= cc
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -I. -MMD -MP \
	    -DZL_MANPAGE='"$(ZONELINT_MAN)"'
WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla \
	-Wpointer-arith -Wundef
ifeq ($(WERROR),1)
  WARN += -Werror
endif
CFLAGS += -std=c11 $(WARN) $(VCFLAGS) $(PKG_CFLAGS)
LDFLAGS += $(VLDFLAGS)
LDLIBS += $(PKG_LIBS) -lpthread

# Everything built depends on the flags it was built with: $(FLAGS_STAMP)
# holds them and is rewritten (when make reads this file) only when they
# change, so that `make install PREFIX=/opt/zt` after `make` recompiles
# with the new ZONELINT_MAN instead of installing a zonelint that names
# /usr/local, and a change of CFLAGS, VARIANT flags or compiler rebuilds.
FLAGS_STAMP := $(BUILDDIR)/.flags
FLAGS_NOW = $(CC) | $(CPPFLAGS) | $(CFLAGS) | $(LDFLAGS) | $(LDLIBS)
ifneq ($(file < $(FLAGS_STAMP)),$(FLAGS_NOW))
  $(shell mkdir -p $(BUILDDIR))
  $(file > $(FLAGS_STAMP),$(FLAGS_NOW))
endif

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

.PHONY: all programs demo check san valgrind install clean format deps \
	deps-build deps-test deps-package unit peer fuzz fuzz-build bench \
	bench-scaling differential package package-check
.DEFAULT_GOAL := all
# Keep objects that only a test binary needs.
.SECONDARY:

all: $(PROGS) $(UNIT_BINS) $(FUZZ_REPLAYS)

# The programs alone (debian/rules).
programs: $(PROGS)

# The built-in profile is compiled in from its YAML file (one source).
BUILTIN_PROFILE := zonegen/profiles/webmo.yaml
$(BUILDDIR)/obj/builtin_profile.c: $(BUILTIN_PROFILE) tests/embed.sh
	@mkdir -p $(@D)
	$(Q)sh tests/embed.sh zg_builtin_profile $< > $@.tmp && mv $@.tmp $@

$(BUILDDIR)/obj/builtin_profile.o: $(BUILDDIR)/obj/builtin_profile.c \
		$(FLAGS_STAMP)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILDDIR)/obj/%.o: %.c $(FLAGS_STAMP)
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
	@sh tests/deps.sh cmds $(DEB_CC)
	@sh tests/deps.sh build $(DEB_LIBC) $(DEB_BUILD)

deps-test:
	@sh tests/deps.sh cmds $(DEB_TEST_CMDS)
	@sh tests/deps.sh build $(DEB_TEST_PKGS)
	@sh tests/tools.sh

deps-package:
	@sh tests/deps.sh build $(DEB_PACKAGE)

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
# ../shared/peer-suites and simdzone's type tests in ../shared/peers (not
# part of the project; skipped when absent).
peer: all
	$(Q)sh tests/peer/checkzone.sh
	$(Q)sh tests/peer/zscanner.sh
	$(Q)sh tests/peer/checkdmarc.sh
	$(Q)sh tests/peer/simdzone.sh

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

# --- install and the Debian package ---------------------------------------
# dpkg-buildpackage -us -uc -b on a copy of the tree in a temporary folder
# (it writes beside the source); the .deb, .changes and .buildinfo are
# copied into build/package/.
package: deps-build deps-package
	$(Q)sh tests/package/build-deb build/package

# The package's tests (tests/package/: the .deb on a fresh Debian 12 root,
# lintian, make install, the GitHub Action's steps); .ci/run runs them.
package-check: deps deps-package
	$(Q)ONLY=package sh tests/run.sh

# Installs the variant named by VARIANT, built with these PREFIX, BINDIR
# and MANDIR: built again first when they are not the ones it was built
# with ($(FLAGS_STAMP)).
install: $(PROGS)
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1"
	install -m 755 $(PROGS) "$(DESTDIR)$(BINDIR)/"
	for p in $(notdir $(PROGS)); do \
		install -m 644 cmd/$$p.1 "$(DESTDIR)$(MANDIR)/man1/" || exit 1; \
	done

clean:
	rm -rf build

format:
	clang-format -i cmd/*.c zonegen/*.[ch] lint/*.[ch] tests/unit/*.[ch] \
	    tests/fuzz/*.[ch]

-include $(shell find build -name '*.d' -type f 2>/dev/null)
