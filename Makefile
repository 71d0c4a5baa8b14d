# The two commands: `make demo` and `make test`. Everything else is a helper for them.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
DEMO_DATA  ?= demo-data

.PHONY: setup build test test-asan demo bench bench-detect clean

setup:
	scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 300

# The sanitizer build compiles file by file (no unity batches): it also checks that every file
# compiles with what it includes.
$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWARD_SANITIZE=ON -DWARD_UNITY_BUILD=OFF

test-asan: setup $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 600

demo: build
	scripts/demo $(BUILD)/src/cli/ward $(DEMO_DATA)

bench: build
	$(BUILD)/src/cli/ward bench ingest --events 1000000

SIGMA ?= ../shared/data/sigma
bench-detect: build
	$(BUILD)/src/cli/ward bench detect --events 200000 --rules $(SIGMA)/rules --rules $(SIGMA)/rules-emerging-threats \
	  --rules $(SIGMA)/rules-threat-hunting --rules $(SIGMA)/rules-compliance --rules $(SIGMA)/rules-placeholder

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
