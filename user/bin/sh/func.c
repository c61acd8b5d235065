/*
 * func.c: shell functions, name() compound-command. The definition keeps
 * the body's tree (taken out of the command's tree); a call runs it with
 * the arguments as $1..., in the shell itself; `return` leaves it.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"

struct sh_func {
	char *name;
	struct sh_node *body;
	struct sh_func *next;
};
static struct sh_func *funcs;
static int func_depth, func_retval;

static struct sh_func *func_find(const char *name)
{
	for (struct sh_func *f = funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

int sh_func_exists(const char *name)
{
	return func_find(name) != NULL;
}

/* Define (or redefine) n->var with n's body, which moves here. */
int sh_func_define(struct sh_node *n)
{
	struct sh_func *f = func_find(n->var);

	if (!f) {
		f = sh_alloc(sizeof(*f));
		f->name = sh_strdup(n->var);
		f->next = funcs;
		funcs = f;
	} else
		sh_node_free(f->body);
	f->body = n->kids[0];
	n->kids[0] = NULL;
	return 0;
}

/* Call function argv[0] if there is one: 1 and *status, else 0. */
int sh_func_call(int argc, char **argv, int *status)
{
	struct sh_func *f = func_find(argv[0]);
	char **saved_argv = sh.argv;
	int saved_argc = sh.argc, saved_loop = sh.loop_depth;

	if (!f)
		return 0;
	if (func_depth >= 200) {
		sh_err("%s: functions nested too deeply", argv[0]);
		*status = 2;
		return 1;
	}
	func_depth++;
	sh.argv = argv + 1;
	sh.argc = argc - 1;
	sh.loop_depth = 0;
	*status = sh_exec(f->body, 0);
	if (sh.returning) {
		sh.returning = 0;
		*status = func_retval;
	}
	sh.argv = saved_argv;
	sh.argc = saved_argc;
	sh.loop_depth = saved_loop;
	func_depth--;
	return 1;
}

int bi_return(int argc, char **argv)
{
	if (!func_depth) {
		sh_err("return: not in a function");
		return 2;
	}
	func_retval = argc > 1 ? atoi(argv[1]) : sh.status;
	sh.returning = 1;
	return func_retval;
}

/* case word in pattern) list;; ... esac */
int sh_exec_case(struct sh_node *n, int flags)
{
	char *word = sh_expand_one(n->words.v[0]);
	int status = 0;

	for (int i = 0; i < n->nkids; i++) {
		struct sh_node *item = n->kids[i];
		int hit = 0;

		for (int k = 0; k < item->words.n && !hit; k++) {
			char *pat = sh_expand_pattern(item->words.v[k]);

			hit = fnmatch(pat, word, 0) == 0;
			free(pat);
		}
		if (hit) {
			status = item->kids[0]->nkids ? sh_exec(item->kids[0], flags) : 0;
			break;
		}
	}
	free(word);
	return status;
}
