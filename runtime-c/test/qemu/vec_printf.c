/* printf for the CMSIS-NN vector runners in firmware (run_cmsis_vectors_qemu.sh compiles them with
 * -Dprintf=vec_printf): the conversions they use (%s %d %u %ld %lu), written to the board's UART through
 * board_putc. No libc stdio, so no heap. */
#include <stdarg.h>
#include <stdint.h>

#include "board.h"

static void put_unsigned(unsigned long v)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    while (n > 0) {
        board_putc(digits[--n]);
    }
}

static void put_signed(long v)
{
    if (v < 0) {
        board_putc('-');
        put_unsigned(0ul - (unsigned long)v);
    } else {
        put_unsigned((unsigned long)v);
    }
}

int vec_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt != '\0'; ++fmt) {
        int is_long = 0;
        if (*fmt != '%') {
            board_putc(*fmt);
            continue;
        }
        ++fmt;
        if (*fmt == 'l') {
            is_long = 1;
            ++fmt;
        }
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            while (*s != '\0') {
                board_putc(*s++);
            }
            break;
        }
        case 'd':
            put_signed(is_long ? va_arg(ap, long) : (long)va_arg(ap, int));
            break;
        case 'u':
            put_unsigned(is_long ? va_arg(ap, unsigned long) : (unsigned long)va_arg(ap, unsigned int));
            break;
        case '%':
            board_putc('%');
            break;
        default: /* not used by the runners */
            board_putc('?');
            if (*fmt == '\0') {
                --fmt;
            }
            break;
        }
    }
    va_end(ap);
    return 0;
}
