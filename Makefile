# The two commands of the README. Both install what is missing first (scripts/install-deps.sh).
JOBS ?= $(shell nproc)
PREFIX ?= /usr/local
RELEASE := build/release
DEBUG := build/debug
FUZZ := build/fuzz
FUZZ_SECONDS ?= 120
FUZZ_TEST_SECONDS ?= 15
CMAKE_FLAGS := -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

.PHONY: run test deps release debug fuzzers fuzz bench install package clean

deps:
	@bash scripts/install-deps.sh

release: deps
	cmake -S . -B $(RELEASE) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(RELEASE) -j $(JOBS) --target samizdat

debug: deps
	cmake -S . -B $(DEBUG) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DSAMIZDAT_SANITIZE=ON -DSAMIZDAT_WERROR=ON
	cmake --build $(DEBUG) -j $(JOBS)

# The libFuzzer targets of fuzz/, built with clang in a tree of their own (fuzz/README.md).
fuzzers: deps
	cmake -S . -B $(FUZZ) $(CMAKE_FLAGS) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="-O1 -g" \
	  -DSAMIZDAT_FUZZ=ON -DSAMIZDAT_TESTS=OFF -DSAMIZDAT_BENCH=OFF
	cmake --build $(FUZZ) -j $(JOBS) --target fuzzers

# Each fuzzer for FUZZ_SECONDS, one after the other.
fuzz: fuzzers
	bash fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS)

# The Release binary, the systemd unit and the docs under PREFIX (DESTDIR=... stages them).
install: release
	DESTDIR=$(DESTDIR) cmake --install $(RELEASE) --prefix $(PREFIX)

# build/release/samizdat_VERSION_ARCH.deb (CPack; cmake/install.cmake).
package: release
	cd $(RELEASE) && cpack -G DEB

run: release
	$(RELEASE)/samizdat --data ./data serve --port 8080

test: debug fuzzers
	cd $(DEBUG) && ctest --output-on-failure -j $(JOBS)
	FUZZ_SEED=1 bash fuzz/run.sh $(FUZZ) $(FUZZ_TEST_SECONDS)

bench: release
	cmake --build $(RELEASE) -j $(JOBS) --target samizdat_make_blog samizdat_bench_kernels
	bash bench/run.sh $(RELEASE)/samizdat
	bash bench/https.sh $(RELEASE)/samizdat
	bash bench/comments.sh $(RELEASE)/samizdat
	bash bench/import.sh $(RELEASE)/samizdat
	bash bench/postgres.sh $(RELEASE)/samizdat
	bash bench/admin.sh $(RELEASE)/samizdat

clean:
	rm -rf build
