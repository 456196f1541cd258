# tinyforge: the one entry point.
#   make demo    compile the bundled shapes classifier for a board and run it under QEMU (MODEL=, BOARD= to change)
#   make test    build everything and run every test (JUnit + C kernel tests); installs what is missing
#   make jar     build compiler/target/tinyforge.jar (bin/tinyforge runs it)
#   make setup   install the system packages tinyforge needs (Debian/Ubuntu, as root)
#   make test-models  regenerate test-models/ (deterministic; a test checks the committed files match)
#   make bench-memory  table of activation memory per shared model: bounds, ours, TinyEngine, TFLM
#   make bench-speed   instructions per inference on M4/M7/M55 per golden model, beside TFLM+CMSIS-NN and TinyEngine
SHELL := /bin/bash
MVN ?= mvn
MVN_FLAGS ?= -B -q
APT_PACKAGES := gcc make gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
JAR := compiler/target/tinyforge.jar

.PHONY: all jar test demo setup check-tools clean test-models bench-memory

all: jar

jar: check-tools
	$(MVN) $(MVN_FLAGS) package -DskipTests

test: setup
	$(MVN) -B package

DEMO_MODEL := test-models/shapes_classifier_int8.tflite
MODEL ?= $(DEMO_MODEL)
BOARD ?= stm32f746g-disco
SAMPLES := $(wildcard test-models/shapes_samples/*_0.bin)

demo: setup jar
ifeq ($(MODEL),$(DEMO_MODEL))
	bin/tinyforge demo $(MODEL) --board $(BOARD) --labels test-models/shapes_samples/labels.txt $(addprefix --input ,$(SAMPLES))
else
	bin/tinyforge demo $(MODEL) --board $(BOARD)
endif

test-models: jar
	java -cp $(JAR) dev.tinyforge.testmodels.TestModels test-models/

SHARED ?= ../shared
bench-memory: jar
	java -Xss16m -cp $(JAR) dev.tinyforge.bench.MemoryBenchmark $(SHARED)/models

# Installs missing system packages with apt when we are root on Debian/Ubuntu; otherwise says what to run.
setup:
	@missing=""; \
	for t in java:openjdk-17-jdk-headless mvn:maven gcc:gcc make:make arm-none-eabi-gcc:gcc-arm-none-eabi qemu-system-arm:qemu-system-arm; do \
	  command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; \
	done; \
	[ -f /usr/lib/arm-none-eabi/newlib/libc.a ] || [ -z "$$(command -v arm-none-eabi-gcc)" ] || missing="$$missing libnewlib-arm-none-eabi"; \
	if [ -z "$$missing" ]; then echo "setup: all tools present"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "setup: installing$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing libnewlib-arm-none-eabi >/dev/null; \
	else \
	  echo "setup: missing$$missing; install them with: sudo apt-get install -y$$missing libnewlib-arm-none-eabi"; exit 2; \
	fi

check-tools:
	@command -v java >/dev/null && command -v $(MVN) >/dev/null && command -v gcc >/dev/null && command -v make >/dev/null \
	  || $(MAKE) --no-print-directory setup

clean:
	$(MVN) $(MVN_FLAGS) clean

# make bench: every shared model as firmware on $(BENCH_BOARD) under QEMU, instructions counted exactly
# by the TCG plugin: MACs, instructions, MACs/instruction, peak SRAM and flash (measured from the
# linked image); the same as JSON in build/bench.json. A model the compiler cannot handle yet gets a
# row saying why (and the target fails).
BENCH_BOARD ?= qemu-mps2-an500
# Layer by layer unless asked (BENCH_PATCH=auto): the speed table compares with the peers' layer-wise figures.
BENCH_PATCH ?= off
SHARED ?= ../shared
BENCH_MODELS ?= $(sort $(wildcard $(SHARED)/models/*/*.tflite))
# make bench-speed: every int8 golden model on the Cortex-M4, M7 and M55 stand-ins with TFLM's input 0: instructions
# per inference and MACs/instruction beside TFLM + CMSIS-NN's and TinyEngine's (shared/docs/anchors.md), whether the
# output is bit-exact with TFLM, and where the instructions go per op type (a few minutes; MODELS="a b" for some).
.PHONY: bench-speed
bench-speed: jar
	java -cp $(JAR) dev.tinyforge.bench.SpeedBenchmark $(SHARED) $(MODELS)

.PHONY: bench
bench: jar
	@[ -n "$(BENCH_MODELS)" ] || { echo "make bench: no models under $(SHARED)/models (set SHARED=path/to/shared)"; exit 2; }
	@mkdir -p build
	bin/tinyforge bench --board $(BENCH_BOARD) --patch $(BENCH_PATCH) --json-out build/bench.json $(BENCH_MODELS)
	@echo "wrote build/bench.json"
