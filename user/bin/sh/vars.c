/*
 * vars.c: the shell's variables, a list in the order they were made, with
 * an "exported" mark; the environment of a child is built from the marks.
 * Also the shell's state ($?, $$, the positional parameters...).
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct sh_state sh = { .tty = -1 };
static struct sh_var *vars_head;

static struct sh_var *var_find(const char *name, size_t n)
{
	for (struct sh_var *v = vars_head; v; v = v->next)
		if (strlen(v->name) == n && !strncmp(v->name, name, n))
			return v;
	return NULL;
}

const char *sh_var_get(const char *name)
{
	struct sh_var *v = var_find(name, strlen(name));

	return v ? v->value : NULL;
}

/* export: 1 marks it exported, 0 keeps the mark as it was. */
void sh_var_set(const char *name, const char *value, int export)
{
	struct sh_var *v = var_find(name, strlen(name)), **tail;

	if (!v) {
		v = sh_alloc(sizeof(*v));
		v->name = sh_strdup(name);
		for (tail = &vars_head; *tail; tail = &(*tail)->next)
			;
		*tail = v;
	}
	if (value != v->value) {
		char *nv = value ? sh_strdup(value) : NULL;

		free(v->value);
		v->value = nv;
	}
	if (export)
		v->exported = 1;
}

void sh_var_unset(const char *name)
{
	for (struct sh_var **pp = &vars_head; *pp; pp = &(*pp)->next) {
		struct sh_var *v = *pp;

		if (!strcmp(v->name, name)) {
			*pp = v->next;
			free(v->name);
			free(v->value);
			free(v);
			return;
		}
	}
}

void sh_var_export(const char *name)
{
	struct sh_var *v = var_find(name, strlen(name));

	if (v)
		v->exported = 1;
	else
		sh_var_set(name, NULL, 1);
}

struct sh_var *sh_var_list(void)
{
	return vars_head;
}

void sh_var_import(char **env)
{
	for (; env && *env; env++) {
		const char *eq = strchr(*env, '=');
		char *name;

		if (!eq || !sh_is_name(*env, (size_t)(eq - *env)))
			continue;
		name = sh_strndup(*env, (size_t)(eq - *env));
		sh_var_set(name, eq + 1, 1);
		free(name);
	}
}

/* A fresh NAME=value array of the exported variables that have a value. */
char **sh_var_environ(void)
{
	struct sh_vec env = { 0 };

	for (struct sh_var *v = vars_head; v; v = v->next) {
		struct sh_buf b = { 0 };

		if (!v->exported || !v->value)
			continue;
		sh_buf_adds(&b, v->name);
		sh_buf_addc(&b, '=');
		sh_buf_adds(&b, v->value);
		sh_vec_push(&env, sh_buf_take(&b));
	}
	if (!env.v)
		sh_vec_push(&env, NULL);
	return env.v;
}

/* Keep a variable's value and mark, for a temporary NAME=value. */
int sh_var_save(const char *name, char **old, int *had, int *wasexp)
{
	struct sh_var *v = var_find(name, strlen(name));

	*had = v != NULL;
	*old = v && v->value ? sh_strdup(v->value) : NULL;
	*wasexp = v ? v->exported : 0;
	return 0;
}

void sh_var_restore(const char *name, char *old, int had, int wasexp)
{
	struct sh_var *v;

	if (!had) {
		sh_var_unset(name);
		return;
	}
	sh_var_set(name, old, 0);
	v = var_find(name, strlen(name));
	v->exported = wasexp;
	free(old);
}

/* A script run as a program sees only what was exported (a new shell). */
void sh_var_drop_local(void)
{
	struct sh_var **pp = &vars_head;

	while (*pp) {
		struct sh_var *v = *pp;

		if (v->exported) {
			pp = &v->next;
			continue;
		}
		*pp = v->next;
		free(v->name);
		free(v->value);
		free(v);
	}
}
