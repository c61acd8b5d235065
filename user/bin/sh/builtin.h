/* builtin.h: the builtins' functions, for the table in builtin_table.c. */
#ifndef USER_BIN_SH_BUILTIN_H_
#define USER_BIN_SH_BUILTIN_H_

#include "exec.h"

int sh_echo_escapes(struct sh_buf *b, const char *s);
int sh_write_all(int fd, const char *s, size_t n, const char *who);

int bi_colon(int argc, char **argv);
int bi_true_(int argc, char **argv);
int bi_false_(int argc, char **argv);
int bi_exit_(int argc, char **argv);
int bi_break(int argc, char **argv);
int bi_echo_(int argc, char **argv);
int bi_pwd_(int argc, char **argv);
int bi_cd_(int argc, char **argv);
int bi_help(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_command(int argc, char **argv);
int bi_export(int argc, char **argv);
int bi_unset(int argc, char **argv);
int bi_set(int argc, char **argv);
int bi_shift(int argc, char **argv);
int bi_read(int argc, char **argv);
int bi_eval(int argc, char **argv);
int bi_dot(int argc, char **argv);
int bi_jobs(int argc, char **argv);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);
int bi_wait(int argc, char **argv);
int bi_kill(int argc, char **argv);
int bi_test(int argc, char **argv);
int bi_umask(int argc, char **argv);
int bi_return(int argc, char **argv);

#endif
