/* clear: clear the terminal (cursor home, erase the screen: ESC [ H ESC [ 2 J). */
#include <unistd.h>

int main(void)
{
	static const char seq[] = "\033[H\033[2J";

	return write(1, seq, sizeof(seq) - 1) == (ssize_t)(sizeof(seq) - 1) ? 0 : 1;
}
