#!/bin/sh
# Runs the CMSIS-NN int8 vectors of the op families that have DSP / Helium kernels (conv, depthwise, fully
# connected, add) through those kernels in bare-metal firmware under QEMU.
# usage: run_cmsis_vectors_qemu.sh <board> <dsp|mve> <cmsis-nn-s8 dir> <work dir>
#   board: a tinyforge board emulated by QEMU (qemu-mps2-an386, qemu-mps2-an500, qemu-mps3-an547).
# The board files (startup, console, linker script), CPU flags, link flags and the QEMU command line are those
# of a firmware project tinyforge generates for the board: <work dir>/project, generated here with bin/tinyforge
# (TINYFORGE=...) unless it already exists. The runners (vectors/*.c with -DVEC_DSP or -DVEC_MVE) pick the
# kernel the compiler would pick for the vector's shape and print "KERNEL <vector> <function>"; up to CHUNK of
# them are linked into one firmware (their main renamed) against a cross-built kernel library, and the
# firmwares run under QEMU JOBS at a time.
# Prints the runners' PASS/FAIL lines, per-family totals, how many vectors each kernel ran, and finally
# "cmsis-nn-s8: N passed, M failed, K unsupported". Exit status 1 when any vector failed.
set -u
BOARD=$1
VARIANT=$2
VEC_ROOT=$3
WORK=$4
HERE=$(cd "$(dirname "$0")" && pwd)
RT=$(cd "$HERE/.." && pwd)
TINYFORGE=${TINYFORGE:-$RT/../bin/tinyforge}
CROSS=${CROSS:-arm-none-eabi-}
QEMU=${QEMU:-qemu-system-arm}
JOBS=${JOBS:-2}
CHUNK=${CHUNK:-16}
TIMEOUT=${TIMEOUT:-60}
FAMILIES="conv depthwise fully_connected add"

case $VARIANT in dsp) VDEF=-DVEC_DSP ;; mve) VDEF=-DVEC_MVE ;; *) echo "variant must be dsp or mve"; exit 2 ;; esac
if [ ! -d "$VEC_ROOT" ]; then
    echo "cmsis-nn-s8: vector directory $VEC_ROOT not found"
    exit 1
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
PROJ=$WORK/project
if [ ! -f "$PROJ/Makefile" ]; then
    "$TINYFORGE" compile "$RT/../test-models/tiny_convnet_int8.tflite" --board "$BOARD" -o "$PROJ" > "$WORK/project.log" 2>&1 \
        || { echo "cmsis-nn-s8: could not generate a $BOARD firmware project:"; cat "$WORK/project.log"; exit 1; }
fi
mk() { sed -n "s/^$1 := //p" "$PROJ/Makefile" | head -n 1; }
CPU=$(mk BOARD_CPU)
LDFLAGS=$(mk LDFLAGS)
MACHINE=$(mk QEMU_MACHINE)
if [ -z "$CPU" ] || [ -z "$MACHINE" ]; then
    echo "cmsis-nn-s8: $PROJ/Makefile has no BOARD_CPU or QEMU_MACHINE (is $BOARD emulated by QEMU?)"
    exit 1
fi
CC="${CROSS}gcc"
CFLAGS="-std=c99 $CPU -ffunction-sections -fdata-sections -fno-common"

# Kernel library for this core, -O2 as in a firmware project: the portable kernels the runners call and the
# variant's out-of-place kernels of these families (in-place forms have no vectors).
LIBDIR=$WORK/lib
rm -rf "$LIBDIR"
mkdir -p "$LIBDIR"
for f in "$RT"/src/common/fixedpoint.c "$RT"/src/conv/conv_s8_nhwc.c "$RT"/src/depthwise_conv/depthwise_conv_s8_nhwc.c \
         "$RT"/src/fully_connected/fully_connected_s8.c "$RT"/src/add/add_s8.c "$RT"/src/add/add_s8_broadcast.c \
         "$RT"/src/conv/*_"$VARIANT".c "$RT"/src/depthwise_conv/*_"$VARIANT".c "$RT"/src/fully_connected/*_"$VARIANT".c \
         "$RT"/src/add/*_"$VARIANT".c; do
    case $f in *inplace*) continue ;; esac
    echo "$f $LIBDIR/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"
done > "$WORK/lib.list"
# shellcheck disable=SC2016
xargs -P "$JOBS" -L 1 sh -c '"$0" $1 -O2 -w -I"$2" -c "$3" -o "$4" || echo "cc failed: $3"' "$CC" "$CFLAGS" "$RT/include" \
    < "$WORK/lib.list" > "$WORK/lib.log" 2>&1
rm -f "$LIBDIR/libtf.a"
if grep -q "cc failed" "$WORK/lib.log" || ! "${CROSS}ar" rcs "$LIBDIR/libtf.a" "$LIBDIR"/*.o; then
    echo "cmsis-nn-s8: the $BOARD kernel library did not build:"; head -n 20 "$WORK/lib.log"; exit 1
fi
for f in "$PROJ"/board/startup.c "$PROJ"/board/board.c "$PROJ"/board/console.c "$HERE"/qemu/vec_printf.c; do
    "$CC" $CFLAGS -O2 -I"$PROJ" -I"$PROJ/board" -c "$f" -o "$LIBDIR/board_$(basename "$f" .c).obj" \
        || { echo "cmsis-nn-s8: board file $f did not build"; exit 1; }
done

. "$HERE/cmsis_vectors_lib.sh"

RESULTS="$WORK/results.txt"
: > "$RESULTS"
: > "$WORK/runners.list"
: > "$WORK/selected.list"
i=0
for d in "$VEC_ROOT"/*/; do
    vector_of "${d%/}" || continue
    case " $FAMILIES " in
        *" $fam "*) ;;
        *) echo "skipped $fam $name" >> "$RESULTS"; continue ;;
    esac
    src=$fam
    [ "$fam" = fully_connected ] && src=fc
    vw="$WORK/v/$name"
    mkdir -p "$vw"
    rm -f "$vw"/runner.o*
    make_map "$d" "$name" "$U" "$vw/vec_map.h"
    i=$((i + 1))
    echo "$i $fam $name" >> "$WORK/selected.list"
    # one line per runner: index, source, vector dir, map, object
    echo "$i $HERE/vectors/$src.c $d $vw/vec_map.h $vw/runner.o" >> "$WORK/runners.list"
done

# Runners: -O1 like the host harness; main renamed so that several link into one firmware.
# shellcheck disable=SC2016
xargs -P "$JOBS" -L 1 sh -c '"$0" $1 -O1 -w -Dmain=vec_main_$4 -Dprintf=vec_printf -I"$2" -I"$3" -I"$6" -include "$7" \
    -c "$5" -o "$8" > "$8.log" 2>&1 || echo "$4" > "$8.failed"' "$CC" "$CFLAGS $VDEF" "$RT/include" "$HERE/vectors" \
    < "$WORK/runners.list"

# Firmwares of up to CHUNK runners each (a runner that did not compile is left out and fails).
FW=$WORK/fw
rm -rf "$FW"
mkdir -p "$FW"
awk -v chunk="$CHUNK" '{ print int(($1 - 1) / chunk), $0 }' "$WORK/selected.list" > "$WORK/chunks.list"
for k in $(cut -d' ' -f1 "$WORK/chunks.list" | sort -un); do
    objs=""
    {
        echo "#include \"board.h\""
        echo "int vec_printf(const char *fmt, ...);"
        awk -v k="$k" '$1 == k { print "int vec_main_" $2 "(void);" }' "$WORK/chunks.list"
        echo "int main(void)"
        echo "{"
        echo "    int bad = 0;"
        echo "    board_init();"
        while read -r kk idx fam name; do
            [ "$kk" = "$k" ] || continue
            if [ -f "$WORK/v/$name/runner.o.failed" ]; then
                echo "fail $fam $name" >> "$RESULTS"
                echo "FAIL $name: runner did not compile (see $WORK/v/$name/runner.o.log)"
                head -n 5 "$WORK/v/$name/runner.o.log"
                continue
            fi
            objs="$objs $WORK/v/$name/runner.o"
            echo "    bad |= vec_main_$idx();"
        done < "$WORK/chunks.list"
        printf '    vec_printf("VEC_DONE\\n");\n'
        echo "    return bad != 0;"
        echo "}"
    } > "$FW/main_$k.c"
    # shellcheck disable=SC2086
    if ! { "$CC" $CFLAGS -O1 -w -I"$PROJ" -c "$FW/main_$k.c" -o "$FW/main_$k.o" &&
           "$CC" $CPU $LDFLAGS -T "$PROJ/board/link.ld" -o "$FW/fw_$k.elf" "$FW/main_$k.o" $objs \
               "$LIBDIR"/board_*.obj "$LIBDIR/libtf.a" -lm; } > "$FW/link_$k.log" 2>&1; then
        echo "firmware $k did not link:"; head -n 10 "$FW/link_$k.log"
        rm -f "$FW/fw_$k.elf"
    fi
done

# Every firmware under QEMU (semihosting exit), JOBS at a time.
# shellcheck disable=SC2016
ls "$FW"/fw_*.elf 2>/dev/null | xargs -P "$JOBS" -I{} sh -c 'timeout "$0" "$1" -M "$2" -nographic -monitor none -serial stdio \
    -semihosting-config enable=on,target=native -kernel "$3" > "$3.log" 2>&1; echo "exit $?" >> "$3.log"' \
    "$TIMEOUT" "$QEMU" "$MACHINE" {}

while read -r k idx fam name; do
    [ -f "$WORK/v/$name/runner.o.failed" ] && continue
    log="$FW/fw_$k.elf.log"
    lines=$(grep -E "^(PASS|FAIL|KERNEL) $name([ :]|\$)" "$log" 2>/dev/null)
    [ -n "$lines" ] && echo "$lines"
    kernel=$(echo "$lines" | sed -n 's/^KERNEL [^ ]* //p' | head -n 1)
    if echo "$lines" | grep -q '^FAIL'; then
        echo "fail $fam $name $kernel" >> "$RESULTS"
    elif echo "$lines" | grep -q '^PASS'; then
        echo "pass $fam $name $kernel" >> "$RESULTS"
    else
        echo "FAIL $name: no result (firmware $FW/fw_$k.elf did not link, crashed or timed out; see its .log)"
        echo "fail $fam $name $kernel" >> "$RESULTS"
    fi
done < "$WORK/chunks.list"

echo "---- $BOARD ($VARIANT kernels, QEMU $MACHINE)"
for fam in $FAMILIES; do
    ran=$(grep -c -E "^(pass|fail) $fam " "$RESULTS")
    ok=$(grep -c "^pass $fam " "$RESULTS")
    echo "$fam: $ran ran, $ok passed"
done
awk '$1 == "pass" || $1 == "fail" { if (NF >= 4) n[$4]++; else n["(none)"]++ } END { for (k in n) print "kernel " k ": " n[k] " vectors" }' \
    "$RESULTS" | sort
sk=$(grep -c '^skipped' "$RESULTS")
echo "skipped (families without DSP/Helium kernels; the host run covers them): $sk"
uns=$(grep -c '^unsupported' "$RESULTS")
P=$(grep -c '^pass' "$RESULTS"); F=$(grep -c '^fail' "$RESULTS")
echo "cmsis-nn-s8: $P passed, $F failed, $uns unsupported"
[ "$F" -eq 0 ]
