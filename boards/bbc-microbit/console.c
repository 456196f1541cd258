/* Console for the micro:bit: UART0, TX on P0.24, wired to the DAPLink
 * virtual COM port. */
#include <stdint.h>

#include "board.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define P0_OUTSET REG(0x50000508u)
#define P0_DIRSET REG(0x50000518u)
#define UART0_TASKS_STARTTX REG(0x40002008u)
#define UART0_EVENTS_TXDRDY REG(0x4000211Cu)
#define UART0_ENABLE REG(0x40002500u)
#define UART0_PSEL_TXD REG(0x4000250Cu)
#define UART0_TXD REG(0x4000251Cu)
#define UART0_BAUDRATE REG(0x40002524u)

#define TX_PIN 24u

void board_console_init(void)
{
    P0_OUTSET = 1u << TX_PIN; /* idle high before the UART takes the pin */
    P0_DIRSET = 1u << TX_PIN;
    UART0_PSEL_TXD = TX_PIN;
    UART0_BAUDRATE = 0x01D7E000u; /* 115200 */
    UART0_ENABLE = 4u;
    UART0_TASKS_STARTTX = 1u;
}

void board_console_putc(char c)
{
    UART0_EVENTS_TXDRDY = 0u;
    UART0_TXD = (uint8_t)c;
    while (UART0_EVENTS_TXDRDY == 0u) {}
}
