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

has_key() { grep -q "^#define ${2}_${3}[ (]" "$1/config_data.h" 2>/dev/null || grep -q "^#define ${2}_${3}\$" "$1/config_data.h" 2>/dev/null; }
key_val() { sed -n "s/^#define ${2}_${3} \(.*\)/\1/p" "$1/config_data.h" | head -n 1; }

# family of a vector directory, or "unsupported:<reason>"
classify() {
    d=$1; name=$2; U=$3
    if [ ! -f "$d/config_data.h" ]; then
        case $name in ds_cnn_s|ds_cnn_l) echo ds_cnn; return;; esac
        echo "unsupported:no config_data.h"; return
    fi
    if has_key "$d" "$U" LHS_ROWS; then echo "unsupported:batch matmul (no BATCH_MATMUL kernel)"; return; fi
    if has_key "$d" "$U" PAD_X_WITH_OFFSET; then echo "unsupported:transpose conv (no TRANSPOSE_CONV kernel)"; return; fi
    if has_key "$d" "$U" OUT_ACTIVATION_MIN && [ "$(key_val "$d" "$U" OUT_ACTIVATION_MIN)" -lt -128 ]; then
        # int16 activations (TFLite 16x8): only convolutions have a runner so far
        if has_key "$d" "$U" DILATION_X && has_key "$d" "$U" OUT_CH && ! has_key "$d" "$U" CH_MULT; then echo conv_s16; return; fi
        echo "unsupported:int16 activations (no int16 runner for this layout)"; return; fi
    if has_key "$d" "$U" W_TYPE && [ "$(key_val "$d" "$U" W_TYPE)" != "INT8" ]; then
        echo "unsupported:$(key_val "$d" "$U" W_TYPE) weights"; return; fi
    if has_key "$d" "$U" CH_MULT; then echo depthwise; return; fi
    if has_key "$d" "$U" ACCUMULATION_DEPTH; then echo fully_connected; return; fi
    if has_key "$d" "$U" NUM_ROWS; then echo softmax; return; fi
    if has_key "$d" "$U" LEFT_SHIFT; then echo add; return; fi
    if has_key "$d" "$U" INPUT1_OFFSET; then echo mul; return; fi
    if has_key "$d" "$U" LAYER_TYPE; then
        case $(key_val "$d" "$U" LAYER_TYPE) in
            maximum) echo maximum ;; minimum) echo minimum ;; *) echo "unsupported:layer type $(key_val "$d" "$U" LAYER_TYPE)";;
        esac; return; fi
    if has_key "$d" "$U" FILTER_H && has_key "$d" "$U" PADDING_H; then
        case $name in avg*) echo avgpool ;; max*) echo maxpool ;; *) echo "unsupported:unknown pooling";; esac; return; fi
    if has_key "$d" "$U" PRE_PAD_N; then echo pad; return; fi
    if has_key "$d" "$U" PERM; then echo transpose; return; fi
    if has_key "$d" "$U" DILATION_X && has_key "$d" "$U" OUT_CH; then echo conv; return; fi
    echo "unsupported:unrecognised vector layout"
}

# vec_map.h: V_<KEY> -> <PREFIX>_<KEY>, v_<array> -> <prefix>_<array>, HAS_<array>
make_map() {
    d=$1; name=$2; U=$3; out=$4
    {
        echo "#include <stddef.h>"
        echo "#define VEC_NAME \"$name\""
        [ -f "$d/config_data.h" ] && sed -n "s/^#define ${U}_\([A-Za-z0-9_]*\).*/#define V_\1 ${U}_\1/p" "$d/config_data.h" | sort -u
        for h in $(grep -o '"[A-Za-z0-9_]*\.h"' "$d/test_data.h" | tr -d '"'); do
            grep -ohE "^const [a-z0-9_]+ (\*const )?${name}_[a-z0-9_]+" "$d/$h" | awk '{print $NF}'
        done | sort -u | while read -r arr; do
            short=${arr#"${name}_"}
            echo "#define v_$short $arr"
            echo "#define HAS_$short 1"
        done
    } > "$out"
}

for d in "$VEC_ROOT"/*/; do
    d=${d%/}
    name=$(basename "$d")
    U=$(echo "$name" | tr 'a-z' 'A-Z')
    fam=$(classify "$d" "$name" "$U")
    case $fam in
        unsupported:*)
            echo "UNSUPPORTED $name: ${fam#unsupported:}"
            echo "unsupported $name ${fam#unsupported:}" >> "$RESULTS"
            continue ;;
    esac
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
