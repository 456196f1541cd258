/* Console for the NUCLEO-H743ZI: USART3, TX on PD8 (AF7), wired to the ST-LINK virtual COM port.
 * Runs at the reset clock (HSI 64 MHz; USART3's kernel clock is PCLK1 = 64 MHz), so
 * BRR = 64 MHz / 115200. */
#include <stdint.h>

#include "board.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define RCC_AHB4ENR REG(0x580244E0u)
#define RCC_APB1LENR REG(0x580244E8u)
#define GPIOD_MODER REG(0x58020C00u)
#define GPIOD_AFRH REG(0x58020C24u)
#define USART3_CR1 REG(0x40004800u)
#define USART3_BRR REG(0x4000480Cu)
#define USART3_ISR REG(0x4000481Cu)
#define USART3_TDR REG(0x40004828u)

void board_console_init(void)
{
    RCC_AHB4ENR |= 1u << 3;                                  /* GPIOD clock */
    RCC_APB1LENR |= 1u << 18;                                /* USART3 clock */
    (void)RCC_APB1LENR;
    GPIOD_MODER = (GPIOD_MODER & ~(3u << 16)) | (2u << 16);  /* PD8 alternate function */
    GPIOD_AFRH = (GPIOD_AFRH & ~0xFu) | 7u;                  /* AF7 = USART3_TX */
    USART3_BRR = (64000000u + 57600u) / 115200u;
    USART3_CR1 = (1u << 3) | (1u << 0);                      /* TE, UE */
}

void board_console_putc(char c)
{
    while (!(USART3_ISR & (1u << 7))) {}                     /* TXE (TXFNF) */
    USART3_TDR = (uint8_t)c;
}
