/* tests/outline/outline.h - what the ten user translation units export. */
#ifndef OUTLINE_H
#define OUTLINE_H

#include <stddef.h>
#include <stdint.h>

unsigned long tu0(const uint8_t *p, size_t n);
unsigned long tu1(const uint8_t *p, size_t n);
unsigned long tu2(const uint8_t *p, size_t n);
unsigned long tu3(const uint8_t *p, size_t n);
unsigned long tu4(const uint8_t *p, size_t n);
unsigned long tu5(const uint8_t *p, size_t n);
unsigned long tu6(const uint8_t *p, size_t n);
unsigned long tu7(const uint8_t *p, size_t n);
unsigned long tu8(const uint8_t *p, size_t n);
unsigned long tu9(const uint8_t *p, size_t n);
unsigned long udp_user(const uint8_t *p, size_t n);

#endif
