/* Console for the 32F746GDISCOVERY: USART1, TX on PA9 (AF7), wired to the ST-LINK virtual COM port.
 * Runs at the reset clock (HSI 16 MHz, APB2 undivided), so BRR = 16 MHz / 115200. */
#include <stdint.h>

#include "board.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define RCC_AHB1ENR REG(0x40023830u)
#define RCC_APB2ENR REG(0x40023844u)
#define GPIOA_MODER REG(0x40020000u)
#define GPIOA_AFRH REG(0x40020024u)
#define USART1_CR1 REG(0x40011000u)
#define USART1_BRR REG(0x4001100Cu)
#define USART1_ISR REG(0x4001101Cu)
#define USART1_TDR REG(0x40011028u)

void board_console_init(void)
{
    RCC_AHB1ENR |= 1u << 0;                                  /* GPIOA clock */
    RCC_APB2ENR |= 1u << 4;                                  /* USART1 clock */
    (void)RCC_APB2ENR;                                       /* let the clock settle */
    GPIOA_MODER = (GPIOA_MODER & ~(3u << 18)) | (2u << 18);  /* PA9 alternate function */
    GPIOA_AFRH = (GPIOA_AFRH & ~(0xFu << 4)) | (7u << 4);    /* AF7 = USART1_TX */
    USART1_BRR = (16000000u + 57600u) / 115200u;
    USART1_CR1 = (1u << 3) | (1u << 0);                      /* TE, UE */
}

void board_console_putc(char c)
{
    while (!(USART1_ISR & (1u << 7))) {}                     /* TXE */
    USART1_TDR = (uint8_t)c;
}
