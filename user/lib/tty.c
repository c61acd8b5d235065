/* Terminals: termios over the tty ioctls (uapi/ioctl.h), foreground groups. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int when, const struct termios *t)
{
	static const unsigned long req[] = { TCSETS, TCSETSW, TCSETSF };

	if (when < TCSANOW || when > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, req[when], t);
}

int tcflush(int fd, int queue)
{
	return ioctl(fd, TCFLSH, (void *)(long)queue);
}

/* Output to a terminal is written through before write() returns. */
int tcdrain(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t);
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(uint32_t)(IGNBRK | BRKINT | INLCR | IGNCR | ICRNL | IXON | ISTRIP);
	t->c_oflag &= ~(uint32_t)OPOST;
	t->c_lflag &= ~(uint32_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(uint32_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
	return cfgetospeed(t);
}

int cfsetospeed(struct termios *t, speed_t s)
{
	if (s & ~(speed_t)CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~(uint32_t)CBAUD) | s;
	return 0;
}

int cfsetispeed(struct termios *t, speed_t s)
{
	return s ? cfsetospeed(t, s) : 0;
}

pid_t tcgetpgrp(int fd)
{
	pid_t pg;

	return ioctl(fd, TIOCGPGRP, &pg) == 0 ? pg : -1;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}

pid_t tcgetsid(int fd)
{
	pid_t sid;

	return ioctl(fd, TIOCGSID, &sid) == 0 ? sid : -1;
}
