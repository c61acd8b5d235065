/*
 * sh.h: zero's /bin/sh, the declarations its files share.
 *
 * The shell reads text, cuts it into tokens (sh_lex.c), parses them into a
 * tree (parse.c, nodes in ast.c), expands the words of each command when it
 * runs (expand.c: parameters, command substitution, field splitting,
 * globbing, quote removal) and runs the tree (exec.c, redir.c, jobs.c,
 * builtins). The lexer, parser, AST and expansion make no system calls of
 * their own, so the host tests link them (tests/host/test_sh_parse.c); the
 * few hooks into the running shell (command substitution, glob) are
 * functions declared here that the test replaces.
 */
#ifndef USER_BIN_SH_SH_H_
#define USER_BIN_SH_SH_H_

#include <stddef.h>
#include <sys/types.h>

/* ---- a growing string ---- */
struct sh_buf {
	char *s;
	size_t len, cap;
};
void sh_buf_add(struct sh_buf *b, const char *s, size_t n);
void sh_buf_addc(struct sh_buf *b, char c);
void sh_buf_adds(struct sh_buf *b, const char *s);
char *sh_buf_take(struct sh_buf *b);
void *sh_alloc(size_t n);
char *sh_strdup(const char *s);
char *sh_strndup(const char *s, size_t n);

/* ---- a growing vector of strings (NULL-terminated) ---- */
struct sh_vec {
	char **v;
	int n, cap;
};
void sh_vec_push(struct sh_vec *v, char *s);
void sh_vec_free(struct sh_vec *v);

/* ---- tokens ---- */
enum sh_tok {
	T_WORD,
	T_NEWLINE,
	T_EOF,
	T_SEMI,	   /* ; */
	T_AMP,	   /* & */
	T_PIPE,	   /* | */
	T_AND,	   /* && */
	T_OR,	   /* || */
	T_LPAREN,  /* ( */
	T_RPAREN,  /* ) */
	T_DSEMI,   /* ;; */
	T_REDIR,   /* <, >, >>, <&, >&, <>, >| with an optional fd */
	T_ERROR,   /* bad input: message in lex->err */
	T_PARTIAL, /* input ended inside a quote or $( */
};

enum sh_redir_op {
	R_IN,
	R_OUT,
	R_APPEND,
	R_DUPIN,
	R_DUPOUT,
	R_RDWR,
	R_CLOBBER,
	R_HEREDOC,  /* <<: the word is the body, expanded when used */
	R_HEREDOCQ, /* << with a quoted delimiter: the body as it is */
};
struct sh_redir;
#define SH_HEREDOC_MAX 16

struct sh_lex {
	const char *src; /* the whole text */
	size_t pos;	 /* where the next token starts looking */
	size_t tstart;	 /* the last token's first byte */
	enum sh_tok tok; /* the last token */
	char *word;	 /* T_WORD: its raw text (quotes kept), owned */
	int rfd;	 /* T_REDIR: the fd (-1: the default) */
	int rop;	 /* T_REDIR: enum sh_redir_op */
	const char *err; /* T_ERROR: what is wrong */
	int strip;	 /* T_REDIR <<-: drop leading tabs */
	/* here-documents whose bodies start after the next newline */
	struct sh_redir *pending[SH_HEREDOC_MAX];
	char pending_strip[SH_HEREDOC_MAX];
	int npending;
};
int sh_lex_heredoc_add(struct sh_lex *lx, struct sh_redir *r);
void sh_lex_init(struct sh_lex *lx, const char *src);
enum sh_tok sh_lex_next(struct sh_lex *lx);
size_t sh_lex_word_end(const char *s, size_t i, int *partial);
size_t sh_lex_skip_subst(const char *s, size_t i, int *partial);
size_t sh_lex_skip_brace(const char *s, size_t i, int *partial);
size_t sh_lex_skip_quote(const char *s, size_t i, int *partial);

/* ---- the tree ---- */
enum sh_kind {
	N_CMD,	    /* simple command */
	N_PIPE,	    /* kids: the stages */
	N_AND,	    /* kids[0] && kids[1] */
	N_OR,	    /* kids[0] || kids[1] */
	N_LIST,	    /* kids in order; bg[i]: kid i ends with & */
	N_NOT,	    /* ! kids[0] */
	N_SUBSHELL, /* ( kids[0] ) */
	N_GROUP,    /* { kids[0] } */
	N_IF,	    /* if kids[0] then kids[1] else kids[2] (may be NULL) */
	N_WHILE,    /* while kids[0] do kids[1] */
	N_UNTIL,    /* until kids[0] do kids[1] */
	N_FOR,	    /* for var in words do kids[0] */
	N_CASE,	    /* case words[0] in kids (N_CASEITEM)... esac */
	N_CASEITEM, /* words: the patterns; kids[0]: the list */
	N_FUNC,	    /* var() kids[0] */
};

struct sh_redir {
	int fd; /* the descriptor redirected */
	int op; /* enum sh_redir_op */
	char *word;
	struct sh_redir *next;
};

struct sh_node {
	enum sh_kind kind;
	struct sh_node **kids;
	int nkids;
	char *bg;		 /* N_LIST: one flag per kid */
	struct sh_vec words;	 /* N_CMD: words; N_FOR: the list */
	struct sh_vec assigns;	 /* N_CMD: NAME=value words */
	struct sh_redir *redirs; /* N_CMD and compound commands */
	char *var;		 /* N_FOR: the variable */
	int has_in;		 /* N_FOR: an "in" list was given */
	char *text;		 /* source text (jobs show it) */
};
struct sh_node *sh_node_new(enum sh_kind kind);
void sh_node_add(struct sh_node *n, struct sh_node *kid);
void sh_node_free(struct sh_node *n);
void sh_ast_dump(const struct sh_node *n, struct sh_buf *out);

/* ---- the parser ---- */
enum sh_parse_rc { P_OK, P_EOF, P_ERROR, P_PARTIAL };
struct sh_parser {
	struct sh_lex lx;
	int peeked;
	int partial; /* input ended where more was needed */
	char err[128];
};
void sh_parse_init(struct sh_parser *p, const char *src);
enum sh_parse_rc sh_parse_next(struct sh_parser *p, struct sh_node **out);
void sh_parse_done(struct sh_parser *p);
enum sh_parse_rc sh_parse_all(const char *src, struct sh_node **out, char *err, size_t errlen);
int sh_is_name(const char *s, size_t n);
int sh_is_assign(const char *w);

/* ---- variables ---- */
struct sh_var {
	char *name, *value;
	int exported;
	struct sh_var *next;
};
const char *sh_var_get(const char *name);
void sh_var_set(const char *name, const char *value, int export);
void sh_var_unset(const char *name);
void sh_var_export(const char *name);
struct sh_var *sh_var_list(void);
void sh_var_import(char **env);
void sh_var_drop_local(void);
char **sh_var_environ(void);
int sh_var_save(const char *name, char **old, int *had, int *wasexp);
void sh_var_restore(const char *name, char *old, int had, int wasexp);

/* ---- the shell's own state that expansion reads ---- */
struct sh_state {
	int status;	  /* $? */
	pid_t pid;	  /* $$ */
	pid_t lastbg;	  /* $! (0: none) */
	char *arg0;	  /* $0 */
	char **argv;	  /* $1... */
	int argc;	  /* $# */
	int interactive;  /* reading commands from a terminal */
	int jobctl;	  /* job control works */
	int opt_e, opt_x; /* set -e, set -x */
	int loop_depth;	  /* inside while/for */
	int brk, cont;	  /* pending break/continue levels */
	int exiting;	  /* exit asked */
	int returning;	  /* return asked */
	int in_child;	  /* we are a forked subshell */
	int tty;	  /* the terminal's descriptor (-1: none) */
	pid_t pgid;	  /* the shell's process group */
};
extern struct sh_state sh;

/* ---- expansion ---- */
enum { X_SPLIT = 1, X_GLOB = 2, X_TILDE = 4 };
int sh_expand_words(char **words, int n, struct sh_vec *out);
char *sh_expand_word(const char *w, int flags);
char *sh_expand_one(const char *w);
char *sh_expand_heredoc(const char *body);
char *sh_expand_pattern(const char *w);
int sh_expand_error(void);
int sh_arith(const char *text, long *out, const char **err);
/* Hooks into the running shell (the host test replaces them). */
char *sh_cmdsubst(const char *src, size_t n);
int sh_glob(const char *pattern, struct sh_vec *out);

/* ---- running ---- */
int sh_run_string(const char *src, const char *name);
int sh_exec(struct sh_node *n, int flags);
enum { E_NOFORK = 1, E_BG = 2, E_SUB = 4 };
void sh_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void sh_exit(int status);

#endif
