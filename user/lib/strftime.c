/*
 * strftime: the "C" locale's conversions. zero keeps time in UTC, so %Z is
 * "UTC" and %z "+0000". GNU's padding flags after '%' are understood for
 * the numbers: '-' none, '_' spaces, '0' zeros.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const sf_days[] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
				       "Thursday", "Friday", "Saturday" };
static const char *const sf_months[] = { "January",   "February", "March",    "April",
					 "May",	      "June",	  "July",     "August",
					 "September", "October",  "November", "December" };

struct sf_out {
	char *s;
	size_t max, n;
};

static void sf_puts(struct sf_out *o, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++, o->n++)
		if (o->n < o->max)
			o->s[o->n] = s[i];
}

/* A number in width w, padded with pad ('0', ' ', 0: none, -1: zeros). */
static void sf_num(struct sf_out *o, long long v, int w, int pad)
{
	char buf[32];
	int n;

	if (pad < 0)
		pad = '0';
	if (!pad)
		n = snprintf(buf, sizeof(buf), "%lld", v);
	else
		n = snprintf(buf, sizeof(buf), pad == '0' ? "%0*lld" : "%*lld", w, v);
	sf_puts(o, buf, (size_t)n);
}

static long long sf_days_from_civil(long long y, int m, int d)
{
	long long era;
	int yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* ISO 8601 week number and its year. */
static int sf_iso_week(const struct tm *tm, int *year)
{
	int wday = (tm->tm_wday + 6) % 7; /* Monday 0 */
	int week = (tm->tm_yday - wday + 10) / 7;
	int y = tm->tm_year + 1900;

	if (week < 1) {
		int py = y - 1, pdays = 365 + ((py % 4 == 0 && py % 100) || py % 400 == 0);
		week = (tm->tm_yday + pdays - wday + 10) / 7;
		y = py;
	} else {
		int days = 365 + ((y % 4 == 0 && y % 100) || y % 400 == 0);
		if (tm->tm_yday - wday + 3 >= days)
			week = 1, y++;
	}
	*year = y;
	return week;
}

static size_t sf_run(struct sf_out *o, const char *fmt, const struct tm *tm);

/* The numbers of the time of day; returns 0 if c is not one. */
static int sf_clock(struct sf_out *o, int c, int pad, const struct tm *tm)
{
	int h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;

	switch (c) {
	case 'H':
		sf_num(o, tm->tm_hour, 2, pad);
		return 1;
	case 'I':
		sf_num(o, h12, 2, pad);
		return 1;
	case 'k':
		sf_num(o, tm->tm_hour, 2, pad < 0 ? ' ' : pad);
		return 1;
	case 'l':
		sf_num(o, h12, 2, pad < 0 ? ' ' : pad);
		return 1;
	case 'M':
		sf_num(o, tm->tm_min, 2, pad);
		return 1;
	case 'S':
		sf_num(o, tm->tm_sec, 2, pad);
		return 1;
	case 's':
		sf_num(o,
		       sf_days_from_civil(tm->tm_year + 1900LL, tm->tm_mon + 1, tm->tm_mday) *
			       86400 +
			   tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec,
		       1, 0);
		return 1;
	default:
		return 0;
	}
}

/* The numbers of the date; returns 0 if c is not one. */
static int sf_numeric(struct sf_out *o, int c, int pad, const struct tm *tm)
{
	int iy;

	switch (c) {
	case 'C':
		sf_num(o, (tm->tm_year + 1900) / 100, 2, pad);
		return 1;
	case 'd':
		sf_num(o, tm->tm_mday, 2, pad);
		return 1;
	case 'e':
		sf_num(o, tm->tm_mday, 2, pad < 0 ? ' ' : pad);
		return 1;
	case 'j':
		sf_num(o, tm->tm_yday + 1, 3, pad);
		return 1;
	case 'm':
		sf_num(o, tm->tm_mon + 1, 2, pad);
		return 1;
	case 'u':
		sf_num(o, tm->tm_wday ? tm->tm_wday : 7, 1, pad);
		return 1;
	case 'w':
		sf_num(o, tm->tm_wday, 1, pad);
		return 1;
	case 'y':
		sf_num(o, (tm->tm_year + 1900) % 100, 2, pad);
		return 1;
	case 'Y':
		sf_num(o, tm->tm_year + 1900, 1, pad);
		return 1;
	case 'U':
		sf_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, pad);
		return 1;
	case 'W':
		sf_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, pad);
		return 1;
	case 'V':
		sf_num(o, sf_iso_week(tm, &iy), 2, pad);
		return 1;
	case 'G':
		sf_iso_week(tm, &iy), sf_num(o, iy, 1, pad);
		return 1;
	case 'g':
		sf_iso_week(tm, &iy), sf_num(o, iy % 100, 2, pad);
		return 1;
	default:
		return sf_clock(o, c, pad, tm);
	}
}

static int sf_name(struct sf_out *o, int c, const struct tm *tm)
{
	const char *s;
	size_t len;

	switch (c) {
	case 'a':
		s = sf_days[tm->tm_wday % 7], len = 3;
		break;
	case 'A':
		s = sf_days[tm->tm_wday % 7], len = strlen(s);
		break;
	case 'b':
	case 'h':
		s = sf_months[tm->tm_mon % 12], len = 3;
		break;
	case 'B':
		s = sf_months[tm->tm_mon % 12], len = strlen(s);
		break;
	case 'p':
		s = tm->tm_hour < 12 ? "AM" : "PM", len = 2;
		break;
	case 'P':
		s = tm->tm_hour < 12 ? "am" : "pm", len = 2;
		break;
	case 'n':
		s = "\n", len = 1;
		break;
	case 't':
		s = "\t", len = 1;
		break;
	case 'z':
		s = "+0000", len = 5;
		break;
	case 'Z':
		s = "UTC", len = 3;
		break;
	case '%':
		s = "%", len = 1;
		break;
	default:
		return 0;
	}
	sf_puts(o, s, len);
	return 1;
}

/* The conversions that are formats of their own. */
static const char *sf_composite(int c)
{
	switch (c) {
	case 'c':
		return "%a %b %e %H:%M:%S %Y";
	case 'D':
	case 'x':
		return "%m/%d/%y";
	case 'F':
		return "%Y-%m-%d";
	case 'r':
		return "%I:%M:%S %p";
	case 'R':
		return "%H:%M";
	case 'T':
	case 'X':
		return "%H:%M:%S";
	default:
		return NULL;
	}
}

static size_t sf_run(struct sf_out *o, const char *fmt, const struct tm *tm)
{
	for (const char *f = fmt; *f; f++) {
		const char *sub;
		int pad = -1; /* the conversion's own */
		if (*f != '%' || !f[1]) {
			sf_puts(o, f, 1);
			continue;
		}
		f++;
		if (*f == '-' || *f == '_' || *f == '0') {
			pad = *f == '-' ? 0 : *f == '_' ? ' ' : '0';
			if (!*++f)
				break;
		}
		if (*f == 'E' || *f == 'O')
			if (!*++f)
				break;
		if (sf_numeric(o, *f, pad, tm) || sf_name(o, *f, tm))
			continue;
		if ((sub = sf_composite(*f)))
			sf_run(o, sub, tm);
		else
			sf_puts(o, f - 1, 2); /* unknown: kept as it is */
	}
	return o->n;
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	struct sf_out o = { s, max, 0 };

	sf_run(&o, fmt, tm);
	if (o.n >= max)
		return 0;
	s[o.n] = 0;
	return o.n;
}
