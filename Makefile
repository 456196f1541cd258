# tinyforge: the one entry point.
#   make test    build everything and run every test (JUnit + C kernel tests); installs what is missing
#   make jar     build compiler/target/tinyforge.jar (bin/tinyforge runs it)
#   make setup   install the system packages tinyforge needs (Debian/Ubuntu, as root)
#   make test-models  regenerate test-models/ (deterministic; a test checks the committed files match)
SHELL := /bin/bash
MVN ?= mvn
MVN_FLAGS ?= -B -q
APT_PACKAGES := gcc make gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
JAR := compiler/target/tinyforge.jar

.PHONY: all jar test setup check-tools clean test-models

all: jar

jar: check-tools
	$(MVN) $(MVN_FLAGS) package -DskipTests

test: check-tools
	$(MVN) -B package

test-models: jar
	java -cp $(JAR) dev.tinyforge.testmodels.TestModels test-models/

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
