# The two commands of the README. Both install what is missing first (scripts/install-deps.sh).
JOBS ?= $(shell nproc)
RELEASE := build/release
DEBUG := build/debug
CMAKE_FLAGS := -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

.PHONY: run test deps release debug bench clean

deps:
	@bash scripts/install-deps.sh

release: deps
	cmake -S . -B $(RELEASE) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(RELEASE) -j $(JOBS) --target samizdat

debug: deps
	cmake -S . -B $(DEBUG) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DSAMIZDAT_SANITIZE=ON -DSAMIZDAT_WERROR=ON
	cmake --build $(DEBUG) -j $(JOBS)

run: release
	$(RELEASE)/samizdat --data ./data serve --port 8080

test: debug
	cd $(DEBUG) && ctest --output-on-failure -j $(JOBS)

bench: release
	cmake --build $(RELEASE) -j $(JOBS) --target samizdat_make_blog samizdat_bench_kernels
	bash bench/run.sh $(RELEASE)/samizdat
	bash bench/comments.sh $(RELEASE)/samizdat
	bash bench/import.sh $(RELEASE)/samizdat
	bash bench/postgres.sh $(RELEASE)/samizdat
	bash bench/admin.sh $(RELEASE)/samizdat

clean:
	rm -rf build
