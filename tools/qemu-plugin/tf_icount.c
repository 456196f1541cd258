/* tinyforge instruction counter: a QEMU TCG plugin (plugin API version 1, QEMU 7.x).
 *
 * Counts every executed guest instruction exactly (one inline 64-bit add per instruction) and, each
 * time the first instruction of a marker function executes, writes "<role> <address> <count>" where
 * count is the number of instructions executed before that one. At exit it writes "total <count>".
 * Differences between marks give exact per-layer and per-inference counts.
 *
 * Arguments (-plugin tf_icount.so,out=FILE,begin=0xADDR,end=0xADDR,layer=0xADDR,...):
 *   out=FILE     where to write (default: QEMU's plugin log, -d plugin -D FILE)
 *   pcs=FILE     also count each instruction address on its own and write "<address> <count>" lines
 *                for the executed ones at exit (a flat profile for kernel tuning; tools/hotspots.sh
 *                sums it per function and per source line)
 *   ROLE=ADDR    a marker address (hex or decimal) and the word printed for it; ROLE is one of
 *                begin, end, layer, mark; up to 16 markers. Thumb bit 0 is ignored.
 *
 * The few API functions it uses are declared here so that no QEMU headers are needed; the
 * signatures are those of QEMU's include/qemu/qemu-plugin.h at API version 1.
 * Build: gcc -shared -fPIC -O2 -o tf_icount.so tf_icount.c
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;

enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn, enum qemu_plugin_op op,
                                                void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MAX_MARKS 16

static uint64_t insn_count;
static uint64_t marks[MAX_MARKS];
static const char *roles[MAX_MARKS];
static int num_marks;
static const char *const known_roles[] = {"begin", "end", "layer", "mark"};
static FILE *out;

/* pcs=FILE: one counter per instruction address, in an open-addressing table sized for 1 M instructions. */
#define PC_SLOTS (1u << 21)
typedef struct {
    uint64_t pc, count;
} pc_slot;
static pc_slot *pc_table;
static const char *pc_path;

static uint64_t *pc_counter(uint64_t pc)
{
    uint32_t h = (uint32_t)((pc >> 1) * 2654435761u) & (PC_SLOTS - 1);
    while (pc_table[h].count != 0 && pc_table[h].pc != pc) h = (h + 1) & (PC_SLOTS - 1);
    if (pc_table[h].count == 0) {
        /* counts start at 1, so a claimed slot is never mistaken for an empty one; write_pcs subtracts it */
        pc_table[h].pc = pc;
        pc_table[h].count = 1;
    }
    return &pc_table[h].count;
}

static void write_pcs(void)
{
    FILE *f = fopen(pc_path, "w");
    if (!f) {
        fprintf(stderr, "tf_icount: cannot write %s\n", pc_path);
        return;
    }
    for (uint32_t i = 0; i < PC_SLOTS; i++)
        if (pc_table[i].count > 1) fprintf(f, "0x%" PRIx64 " %" PRIu64 "\n", pc_table[i].pc, pc_table[i].count - 1);
    fclose(f);
}

static void emit(const char *line)
{
    if (out) {
        fputs(line, out);
        fflush(out); /* the guest may end QEMU with exit() at any moment */
    } else {
        qemu_plugin_outs(line);
    }
}

static void on_mark(unsigned int vcpu_index, void *userdata)
{
    (void)vcpu_index;
    int k = (int)(uintptr_t)userdata;
    char line[96];
    snprintf(line, sizeof line, "%s 0x%" PRIx64 " %" PRIu64 "\n", roles[k], marks[k], insn_count);
    emit(line);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t pc = qemu_plugin_insn_vaddr(insn);
        /* The marker callback is registered first so it sees the count before this instruction. */
        for (int k = 0; k < num_marks; k++)
            if (marks[k] == pc)
                qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark, QEMU_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)k);
        qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &insn_count, 1);
        if (pc_table) {
            qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, pc_counter(pc), 1);
        }
    }
}

static void on_plugin_exit(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    char line[64];
    snprintf(line, sizeof line, "total %" PRIu64 "\n", insn_count);
    emit(line);
    if (pc_table) write_pcs();
    if (out) fclose(out);
    out = NULL;
}

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                                               int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "out=", 4) == 0) {
            out = fopen(a + 4, "w");
            if (!out) {
                fprintf(stderr, "tf_icount: cannot write %s\n", a + 4);
                return -1;
            }
            continue;
        }
        if (strncmp(a, "pcs=", 4) == 0) {
            pc_path = a + 4;
            pc_table = calloc(PC_SLOTS, sizeof *pc_table);
            if (!pc_table) return -1;
            continue;
        }
        int role = -1;
        for (int r = 0; r < (int)(sizeof known_roles / sizeof known_roles[0]); r++) {
            size_t n = strlen(known_roles[r]);
            if (strncmp(a, known_roles[r], n) == 0 && a[n] == '=') role = r;
        }
        if (role < 0 || num_marks == MAX_MARKS) {
            fprintf(stderr, "tf_icount: bad argument '%s' (expected out=FILE, pcs=FILE or begin|end|layer|mark=ADDR, at most %d)\n", a,
                    MAX_MARKS);
            return -1;
        }
        roles[num_marks] = known_roles[role];
        marks[num_marks++] = strtoull(strchr(a, '=') + 1, NULL, 0) & ~(uint64_t)1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_plugin_exit, NULL);
    return 0;
}
