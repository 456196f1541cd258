# Sourced by run_cmsis_vectors.sh (host) and run_cmsis_vectors_qemu.sh (firmware under QEMU): how a CMSIS-NN
# vector directory is recognised (classify) and how its macros and arrays are mapped for the runners (make_map).

# The directory's config_data.h, read once per directory (classify asks it for many keys): $_cfg, one line
# per line with a newline before and after.
_cfg_dir=""
_cfg=""
read_cfg() {
    if [ "$1" != "$_cfg_dir" ]; then
        _cfg_dir=$1
        _cfg="
$(cat "$1/config_data.h" 2>/dev/null)
"
    fi
}
# has_key DIR PREFIX KEY: config_data.h defines PREFIX_KEY (followed by a space, "(" or the line end)
has_key() {
    read_cfg "$1"
    case $_cfg in
        *"
#define ${2}_${3} "* | *"
#define ${2}_${3}("* | *"
#define ${2}_${3}
"*) return 0 ;;
    esac
    return 1
}
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

# vector_of DIR: sets d, name, U (the macro prefix) and fam; for an unsupported vector prints and records it in
# $RESULTS and returns 1.
vector_of() {
    d=$1
    name=$(basename "$d")
    U=$(echo "$name" | tr 'a-z' 'A-Z')
    fam=$(classify "$d" "$name" "$U")
    case $fam in
        unsupported:*)
            echo "UNSUPPORTED $name: ${fam#unsupported:}"
            echo "unsupported $name ${fam#unsupported:}" >> "$RESULTS"
            return 1 ;;
    esac
    return 0
}
