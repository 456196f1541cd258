#!/bin/sh
# Runs every CMSIS-NN int8 vector directory through our kernels and compares with output_ref.
# usage: run_cmsis_vectors.sh <cmsis-nn-s8 dir> <libtinyforge.a> <work dir>
# Prints one line per vector, per-op totals ("conv: 24 ran, 24 passed"), the unsupported ones
# with the reason, and finally "cmsis-nn-s8: N passed, M failed, K unsupported".
# Exit status 1 when any vector failed (or the vector directory is missing).
set -u
VEC_ROOT=$1
LIB=$2
WORK=$3
CC=${CC:-gcc}
HERE=$(cd "$(dirname "$0")" && pwd)
INC=$(cd "$HERE/../include" && pwd)
LIB=$(cd "$(dirname "$LIB")" && pwd)/$(basename "$LIB")

if [ ! -d "$VEC_ROOT" ]; then
    echo "cmsis-nn-s8: vector directory $VEC_ROOT not found"
    exit 1
fi
mkdir -p "$WORK"
RESULTS="$WORK/results.txt"
: > "$RESULTS"

. "$HERE/cmsis_vectors_lib.sh"

for d in "$VEC_ROOT"/*/; do
    vector_of "${d%/}" || continue
    src=$fam; defs=""
    case $fam in
        fully_connected) src=fc ;;
        conv_s16) src=conv; defs="-DVEC_S16" ;;
        avgpool) src=pool; defs="-DPOOL_AVG" ;;
        maxpool) src=pool; defs="-DPOOL_MAX" ;;
        maximum) src=maxmin; defs="-DOP_MAXIMUM" ;;
        minimum) src=maxmin; defs="-DOP_MINIMUM" ;;
        ds_cnn) defs="-D$U" ;;
    esac
    vw="$WORK/$name"
    mkdir -p "$vw"
    make_map "$d" "$name" "$U" "$vw/vec_map.h"
    if ! $CC -std=c99 -O1 -w $defs -I"$INC" -I"$HERE/vectors" -I"$d" -include "$vw/vec_map.h" \
            "$HERE/vectors/$src.c" "$LIB" -o "$vw/run" > "$vw/build.log" 2>&1; then
        echo "FAIL $name: runner did not compile (see $vw/build.log)"
        head -n 5 "$vw/build.log"
        echo "fail $fam $name" >> "$RESULTS"
        continue
    fi
    if "$vw/run"; then
        echo "pass $fam $name" >> "$RESULTS"
    else
        echo "fail $fam $name" >> "$RESULTS"
    fi
done

echo "----"
for fam in conv conv_s16 depthwise fully_connected avgpool maxpool add mul softmax maximum minimum pad transpose ds_cnn; do
    ran=$(grep -c -E "^(pass|fail) $fam " "$RESULTS")
    ok=$(grep -c "^pass $fam " "$RESULTS")
    echo "$fam: $ran ran, $ok passed"
done
uns=$(grep -c '^unsupported' "$RESULTS")
if [ "$uns" -gt 0 ]; then
    echo "unsupported vectors:"
    grep '^unsupported' "$RESULTS" | sed 's/^unsupported /  /'
fi
P=$(grep -c '^pass' "$RESULTS"); F=$(grep -c '^fail' "$RESULTS")
echo "cmsis-nn-s8: $P passed, $F failed, $uns unsupported"
[ "$F" -eq 0 ]
