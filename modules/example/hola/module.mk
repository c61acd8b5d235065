# An alternate provider of the example role (example=hola).
MODULE := hola
SRCS := hola.c
