/*
 * fifo_demo: a client/server over FIFOs (the course's named-pipe program).
 * The server makes a well-known FIFO and reads requests from it; each
 * request names the client's own FIFO, where the server writes the answer
 * (the request's text reversed).
 *
 *   fifo_demo server [count]   serve count requests (default 1), then end
 *   fifo_demo client text      send one request, print the answer
 *   fifo_demo                  both: fork a server, run three clients
 * Exit 0 when every answer was right.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SERVER_FIFO "/tmp/fifo_demo.server"

/* A request: the client's FIFO and its text, one fixed-size record. */
struct request {
	char reply[64];
	char text[128];
};

static int fifo_serve_one(int rfd)
{
	struct request rq;
	char out[128];
	size_t n;
	int wfd;

	if (read(rfd, &rq, sizeof(rq)) != (ssize_t)sizeof(rq))
		return 1;
	rq.reply[sizeof(rq.reply) - 1] = rq.text[sizeof(rq.text) - 1] = 0;
	n = strlen(rq.text);
	for (size_t i = 0; i < n; i++)
		out[i] = rq.text[n - 1 - i];
	wfd = open(rq.reply, O_WRONLY);
	if (wfd < 0)
		return 1;
	n = write(wfd, out, n) == (ssize_t)n ? 0 : 1;
	close(wfd);
	return (int)n;
}

static int fifo_server(int count)
{
	int rfd, wfd, bad = 0;

	unlink(SERVER_FIFO);
	if (mkfifo(SERVER_FIFO, 0622) != 0) {
		fprintf(stderr, "fifo_demo: mkfifo %s: %s\n", SERVER_FIFO, strerror(errno));
		return 1;
	}
	rfd = open(SERVER_FIFO, O_RDONLY); /* waits for the first client */
	wfd = open(SERVER_FIFO, O_WRONLY); /* our own writer: no EOF between clients */
	if (rfd < 0 || wfd < 0)
		return 1;
	for (int i = 0; i < count; i++)
		bad |= fifo_serve_one(rfd);
	close(wfd);
	close(rfd);
	unlink(SERVER_FIFO);
	return bad;
}

static int fifo_client(const char *text)
{
	struct request rq = { { 0 }, { 0 } };
	char got[128];
	ssize_t n, have = 0;
	size_t len = strlen(text);
	int wfd, rfd;

	snprintf(rq.reply, sizeof(rq.reply), "/tmp/fifo_demo.%d", (int)getpid());
	snprintf(rq.text, sizeof(rq.text), "%s", text);
	if (mkfifo(rq.reply, 0600) != 0)
		return 1;
	while ((wfd = open(SERVER_FIFO, O_WRONLY)) < 0 && errno == ENOENT)
		usleep(10000); /* the server is not there yet */
	if (wfd < 0 || write(wfd, &rq, sizeof(rq)) != (ssize_t)sizeof(rq))
		return 1;
	close(wfd);
	rfd = open(rq.reply, O_RDONLY);
	while (rfd >= 0 && (n = read(rfd, got + have, sizeof(got) - 1 - (size_t)have)) > 0)
		have += n;
	got[have] = 0;
	close(rfd);
	unlink(rq.reply);
	printf("client %d: \"%s\" -> \"%s\"\n", (int)getpid(), text, got);
	for (size_t i = 0; i < len; i++)
		if (have != (ssize_t)len || got[i] != text[len - 1 - i])
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const char *texts[] = { "hello", "named pipes", "client and server" };
	int status, bad = 0;
	pid_t server;

	if (argc >= 2 && strcmp(argv[1], "server") == 0)
		return fifo_server(argc > 2 ? atoi(argv[2]) : 1);
	if (argc == 3 && strcmp(argv[1], "client") == 0)
		return fifo_client(argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: fifo_demo [server [count] | client text]\n");
		return 2;
	}
	unlink(SERVER_FIFO);
	server = fork();
	if (server == 0)
		_exit(fifo_server(3));
	for (int i = 0; i < 3; i++)
		bad |= fifo_client(texts[i]);
	if (waitpid(server, &status, 0) != server || !WIFEXITED(status) || WEXITSTATUS(status))
		bad = 1;
	printf("fifo_demo: %s\n", bad ? "FAILED" : "ok");
	return bad;
}
