# tip: build, test and run.  `make` builds build/tip; `make check` runs every test;
# `make run` validates the shipped records, then prints the summary of the last complete quarter.
# `make SANITIZE=address,undefined check` builds everything with those sanitizers.

CC       ?= cc
BUILD    ?= build$(if $(SANITIZE),/sanitize)
PKGS      = yaml-0.1 libgit2 libpcre2-8 libutf8proc
TEST_PKGS = cmocka
SANITIZE ?=
VERSION  ?= 0.1.0

CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
           -Wwrite-strings -Wformat=2 -Wvla -Wundef -Wcast-align -Wnull-dereference
# lib/ is in layer folders (docs/architecture.md); each is on the include path, so a header is
# included by its base name wherever it lives.
LIB_DIRS  = $(patsubst %/,%,$(sort $(dir $(wildcard lib/*/*.[ch]))))
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(LIB_DIRS:%=-iquote %) \
            -DTIP_VERSION=\"$(VERSION)\"
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -MMD -MP
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS    += -fsanitize=$(SANITIZE)
# A leak (LeakSanitizer, part of AddressSanitizer) or undefined behaviour must fail a test even
# where tip is expected to exit 1 for findings: the sanitizers exit with their own status.
export ASAN_OPTIONS  ?= detect_leaks=1:exitcode=86
export LSAN_OPTIONS  ?= exitcode=86
export UBSAN_OPTIONS ?= print_stacktrace=1:exitcode=87
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
LIBS     = $(PKG_LIBS) -lpthread -lm

LIB_SRC  = $(wildcard lib/*/*.c)
CMD_SRC  = $(wildcard cmd/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
# Sources made at build time (never committed): the default schemas and the CI workflow, built
# into tip for init.
GEN_SRC  = $(BUILD)/gen/schemas.c $(BUILD)/gen/workflow.c
GEN_OBJ  = $(GEN_SRC:.c=.o)
SCHEMAS  = $(sort $(wildcard schemas/*.schema.yaml))
WORKFLOW = .github/workflows/tip.yaml
CMD_OBJ  = $(CMD_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN = $(BUILD)/tests/conformance $(BUILD)/tests/bench-floor $(BUILD)/tests/bench-peak \
           $(BUILD)/tests/pty-run

.PHONY: all deps test-deps check run bench clean fuzz print-pkgs
all: $(BUILD)/tip

deps:
	@sh .ci/install-deps build
test-deps:
	@sh .ci/install-deps test

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gen/schemas.c: $(SCHEMAS) schemas .ci/embed
	@mkdir -p $(dir $@)
	sh .ci/embed tip_default_schemas $(SCHEMAS) >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/workflow.c: $(WORKFLOW) .ci/embed
	@mkdir -p $(dir $@)
	sh .ci/embed tip_default_workflow $(WORKFLOW) >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libtip.a: $(LIB_OBJ) $(GEN_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/tip: $(CMD_OBJ) $(BUILD)/libtip.a
	$(CC) $(LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libtip.a $(LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libtip.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(ALL_CFLAGS) -o $@ $< \
		$(BUILD)/libtip.a $(LDFLAGS) $(TEST_LIBS) $(LIBS)

$(BUILD)/tests/conformance: tests/conformance/conformance.c $(BUILD)/libtip.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtip.a $(LDFLAGS) $(LIBS)

$(BUILD)/tests/pty-run: tests/cli/pty-run.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS) -lutil

$(BUILD)/tests/bench-peak: tests/bench/peak.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS)

$(BUILD)/tests/bench-floor: tests/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS) $(LIBS)

check: test-deps
	@$(MAKE) --no-print-directory $(BUILD)/tip $(UNIT_BIN) $(TOOL_BIN)
	@sh tests/run-all $(BUILD)

run: deps
	@$(MAKE) --no-print-directory $(BUILD)/tip
	$(BUILD)/tip validate
	$(BUILD)/tip summary

bench: deps
	@sh .ci/install-deps bench
	@$(MAKE) --no-print-directory $(BUILD)/tip $(BUILD)/tests/bench-floor $(BUILD)/tests/bench-peak
	sh tests/bench/validate $(BUILD)
	sh tests/bench/set $(BUILD)
	sh tests/bench/summary $(BUILD)
	BENCH_N=100000 sh tests/bench/summary $(BUILD)
	sh tests/bench/compare $(BUILD)
	sh tests/bench/reading $(BUILD)
	sh tests/bench/site $(BUILD)
	python3 tests/bench/merge $(BUILD)

# Fuzzing with clang and libFuzzer (installed by `.ci/install-deps fuzz`): each target in
# tests/fuzz runs FUZZ_TIME seconds, FUZZ_JOBS at once (FUZZ_TARGETS: some only); the build,
# corpora, crashes and logs go to build/fuzz.
FUZZ_TIME    ?= 60
FUZZ_JOBS    ?= 1
FUZZ_TARGETS ?=
fuzz:
	@sh .ci/install-deps fuzz
	FUZZ_JOBS=$(FUZZ_JOBS) sh tests/fuzz/run $(FUZZ_TIME) $(FUZZ_TARGETS)

# The pkg-config names the library is built with, for tests/fuzz/run's own link line.
print-pkgs:
	@echo $(PKGS)

clean:
	rm -rf $(BUILD)

# `make install` puts the binary, every manual page of cmd/ (each in the folder of its section)
# and the completion scripts (which the binary writes, at build time) under PREFIX; DESTDIR
# stages them elsewhere, for a package. `make uninstall` removes those files again.
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
INSTALL     ?= install
COMPLETIONS  = $(BUILD)/completion/tip $(BUILD)/completion/_tip
MANPAGES     = $(wildcard cmd/*.[1-9])
.PHONY: install uninstall

$(BUILD)/completion/tip: $(BUILD)/tip
	@mkdir -p $(dir $@)
	$(BUILD)/tip completion bash >$@.tmp && mv $@.tmp $@

$(BUILD)/completion/_tip: $(BUILD)/tip
	@mkdir -p $(dir $@)
	$(BUILD)/tip completion zsh >$@.tmp && mv $@.tmp $@

install: $(BUILD)/tip $(COMPLETIONS)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	$(INSTALL) -m 755 $(BUILD)/tip $(DESTDIR)$(BINDIR)/tip
	for page in $(MANPAGES); do \
		dir=$(DESTDIR)$(MANDIR)/man$${page##*.}; \
		$(INSTALL) -d "$$dir" && $(INSTALL) -m 644 "$$page" "$$dir/" || exit 1; \
	done
	$(INSTALL) -m 644 $(BUILD)/completion/tip $(DESTDIR)$(BASHCOMPDIR)/tip
	$(INSTALL) -m 644 $(BUILD)/completion/_tip $(DESTDIR)$(ZSHCOMPDIR)/_tip

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tip $(DESTDIR)$(BASHCOMPDIR)/tip $(DESTDIR)$(ZSHCOMPDIR)/_tip
	for page in $(MANPAGES); do \
		rm -f "$(DESTDIR)$(MANDIR)/man$${page##*.}/$${page##*/}" || exit 1; \
	done

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(GEN_OBJ:.o=.d)
