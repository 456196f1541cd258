/* Console for the NUCLEO-F411RE: USART2, TX on PA2 (AF7), wired to the ST-LINK virtual COM port.
 * Runs at the reset clock (HSI 16 MHz, APB1 undivided): USARTDIV = 16 MHz / (16 * 115200) = 8.68,
 * i.e. BRR mantissa 8, fraction 11 (0x8B). */
#include <stdint.h>

#include "board.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define RCC_AHB1ENR REG(0x40023830u)
#define RCC_APB1ENR REG(0x40023840u)
#define GPIOA_MODER REG(0x40020000u)
#define GPIOA_AFRL REG(0x40020020u)
#define USART2_SR REG(0x40004400u)
#define USART2_DR REG(0x40004404u)
#define USART2_BRR REG(0x40004408u)
#define USART2_CR1 REG(0x4000440Cu)

void board_console_init(void)
{
    RCC_AHB1ENR |= 1u << 0;                                  /* GPIOA clock */
    RCC_APB1ENR |= 1u << 17;                                 /* USART2 clock */
    (void)RCC_APB1ENR;
    GPIOA_MODER = (GPIOA_MODER & ~(3u << 4)) | (2u << 4);    /* PA2 alternate function */
    GPIOA_AFRL = (GPIOA_AFRL & ~(0xFu << 8)) | (7u << 8);    /* AF7 = USART2_TX */
    USART2_BRR = 0x8Bu;
    USART2_CR1 = (1u << 13) | (1u << 3);                     /* UE, TE */
}

void board_console_putc(char c)
{
    while (!(USART2_SR & (1u << 7))) {}                      /* TXE */
    USART2_DR = (uint8_t)c;
}
