/*
 * Private to the module registry (core/kern/module*.c): the record table
 * and the export list. Not part of the documented interface.
 */
#ifndef CORE_MODULE_PRIV_H_
#define CORE_MODULE_PRIV_H_

#include <core/module.h>

#define MODULE_EXPORTS_MAX 256

extern struct module module_table[MODULE_MAX];
extern unsigned module_n;
extern struct module *module_running;

int module_exports_add(struct module *m, struct ldr_err *err);
void module_exports_drop(const struct module *m);

#endif /* CORE_MODULE_PRIV_H_ */
