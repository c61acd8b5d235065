/*
 * Scancode set 1 to bytes (kbd.h). A make code is the key's number, its
 * break code the same with bit 7 set; 0xe0 prefixes the keys added by
 * the 101-key keyboard (right Ctrl and Alt, the grey cursor block), and
 * 0xe1 starts the six bytes of Pause.
 */
#include <stddef.h>
#include <stdint.h>

#include "kbd.h"

#define KBD_ESC	       0x1b
#define KBD_LSHIFT     0x2a
#define KBD_RSHIFT     0x36
#define KBD_CTRL       0x1d
#define KBD_ALT	       0x38
#define KBD_CAPS       0x3a
#define KBD_NUM	       0x45
#define KBD_KP_FIRST   0x47
#define KBD_KP_LAST    0x53
#define KBD_F1	       0x3b
#define KBD_F11	       0x57
#define KBD_F12	       0x58
#define KBD_PAUSE_SKIP 5

/* US layout, codes 0x00-0x39: without and with Shift (0: no character). */
static const char kbd_plain[0x3a] = "\0\033"
				    "1234567890-=\x7f\t"
				    "qwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char kbd_shifted[0x3a] = "\0\033"
				      "!@#$%^&*()_+\x7f\t"
				      "QWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

/* The keypad, 0x47-0x53: its digit, and its key without NumLock. */
static const char kbd_kp_digit[] = "789-456+1230.";
static const char *const kbd_kp_key[] = {
	"\033[H", "\033[A", "\033[5~", "-",	  "\033[D",  "\033[E",	"\033[C",
	"+",	  "\033[F", "\033[B",  "\033[6~", "\033[2~", "\033[3~",
};
static const char *const kbd_fkeys[] = {
	"\033OP",   "\033OQ",	"\033OR",   "\033OS",	"\033[15~", "\033[17~",
	"\033[18~", "\033[19~", "\033[20~", "\033[21~", "\033[23~", "\033[24~",
};

static size_t kbd_copy(char *out, const char *s)
{
	size_t n = 0;

	while (s[n] && n < KBD_MAXSEQ)
		out[n] = s[n], n++;
	return n;
}

/* The grey keys after 0xe0 (the cursor block, keypad Enter and /). */
static const char *kbd_e0_key(uint8_t code)
{
	switch (code) {
	case 0x1c:
		return "\r";
	case 0x35:
		return "/";
	case 0x47:
		return "\033[H";
	case 0x48:
		return "\033[A";
	case 0x49:
		return "\033[5~";
	case 0x4b:
		return "\033[D";
	case 0x4d:
		return "\033[C";
	case 0x4f:
		return "\033[F";
	case 0x50:
		return "\033[B";
	case 0x51:
		return "\033[6~";
	case 0x52:
		return "\033[2~";
	case 0x53:
		return "\033[3~";
	default:
		return NULL;
	}
}

/* Ctrl with a key: its control code, or the key unchanged. */
static char kbd_ctrl(char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 1);
	if (c >= '@' && c <= '_')
		return (char)(c - '@');
	if (c == ' ' || c == '2')
		return 0;
	if (c == '6')
		return 0x1e;
	if (c == '-' || c == '/')
		return 0x1f;
	if (c == '?')
		return 0x7f;
	return c;
}

/* The modifiers: 1 when @code was one (its state updated). */
static int kbd_modifier(struct kbd *k, uint8_t code, int up, int e0)
{
	uint8_t bit = e0 ? 2 : 1, *m;

	if (code == KBD_LSHIFT || code == KBD_RSHIFT) {
		if (e0)
			return 1; /* the fake shifts around the grey keys */
		bit = code == KBD_RSHIFT ? 2 : 1;
		m = &k->shift;
	} else if (code == KBD_CTRL) {
		m = &k->ctrl;
	} else if (code == KBD_ALT) {
		m = &k->alt;
	} else if ((code == KBD_CAPS || code == KBD_NUM) && !e0) {
		if (!up)
			*(code == KBD_CAPS ? &k->caps : &k->num) ^= 1;
		return 1;
	} else {
		return 0;
	}
	*m = up ? (uint8_t)(*m & ~bit) : (uint8_t)(*m | bit);
	return 1;
}

/* The bytes of a plain (not 0xe0) key, before Alt. */
static const char *kbd_plain_key(const struct kbd *k, uint8_t code, char *one)
{
	char c;

	if (code >= KBD_F1 && code < KBD_F1 + 10)
		return kbd_fkeys[code - KBD_F1];
	if (code == KBD_F11 || code == KBD_F12)
		return kbd_fkeys[10 + code - KBD_F11];
	if (code >= KBD_KP_FIRST && code <= KBD_KP_LAST && code != 0x4a && code != 0x4e) {
		if (!k->num)
			return kbd_kp_key[code - KBD_KP_FIRST];
		one[0] = kbd_kp_digit[code - KBD_KP_FIRST];
		return one;
	}
	if (code >= sizeof(kbd_plain))
		return code == 0x4a ? "-" : code == 0x4e ? "+" : NULL;
	c = k->shift ? kbd_shifted[code] : kbd_plain[code];
	if (k->caps && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		c ^= 0x20;
	if (k->ctrl)
		c = kbd_ctrl(c);
	if (c == 0 && !(k->ctrl && (code == 0x39 || code == 0x03)))
		return NULL;
	one[0] = c;
	return one;
}

size_t kbd_scancode(struct kbd *k, uint8_t sc, char *out)
{
	char one[2] = { 0, 0 };
	const char *s;
	size_t n = 0;
	int e0 = k->e0, up = (sc & 0x80) != 0;
	uint8_t code = sc & 0x7f;

	k->e0 = 0;
	if (k->skip) {
		k->skip--;
		return 0;
	}
	if (sc == 0xe0 || sc == 0xe1) {
		k->e0 = sc == 0xe0;
		k->skip = sc == 0xe1 ? KBD_PAUSE_SKIP : 0;
		return 0;
	}
	if (kbd_modifier(k, code, up, e0) || up)
		return 0;
	s = e0 ? kbd_e0_key(code) : kbd_plain_key(k, code, one);
	if (s == NULL)
		return 0;
	if (k->alt)
		out[n++] = KBD_ESC;
	if (s == one) { /* a single byte, possibly NUL (Ctrl-space) */
		out[n++] = one[0];
		return n;
	}
	return n + kbd_copy(out + n, s);
}
