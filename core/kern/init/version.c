/* The release string; ZERO_VERSION comes from the Makefile. */
#include <core/boot.h>

const char zero_version[] = ZERO_VERSION;
