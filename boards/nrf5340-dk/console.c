/* Console for the nRF5340 DK application core: UARTE0 (secure alias), TX on P0.20, wired to the
 * J-Link virtual COM port 0. UARTE sends by EasyDMA from RAM, one byte at a time here. */
#include <stdint.h>

#include "board.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define P0_OUTSET REG(0x50842508u)
#define P0_DIRSET REG(0x50842518u)
#define UARTE0_TASKS_STARTTX REG(0x50008008u)
#define UARTE0_EVENTS_ENDTX REG(0x50008120u)
#define UARTE0_ENABLE REG(0x50008500u)
#define UARTE0_PSEL_TXD REG(0x5000850Cu)
#define UARTE0_BAUDRATE REG(0x50008524u)
#define UARTE0_TXD_PTR REG(0x50008544u)
#define UARTE0_TXD_MAXCNT REG(0x50008548u)

#define TX_PIN 20u

static volatile uint8_t tx_byte; /* EasyDMA reads from RAM only */

void board_console_init(void)
{
    P0_OUTSET = 1u << TX_PIN;
    P0_DIRSET = 1u << TX_PIN;
    UARTE0_PSEL_TXD = TX_PIN; /* port 0, connected */
    UARTE0_BAUDRATE = 0x01D60000u; /* 115200 */
    UARTE0_ENABLE = 8u;
}

void board_console_putc(char c)
{
    tx_byte = (uint8_t)c;
    UARTE0_TXD_PTR = (uint32_t)(uintptr_t)&tx_byte;
    UARTE0_TXD_MAXCNT = 1u;
    UARTE0_EVENTS_ENDTX = 0u;
    UARTE0_TASKS_STARTTX = 1u;
    while (UARTE0_EVENTS_ENDTX == 0u) {}
}
