/* Load for atm-stated alone: N client threads send one protocol command after another for S seconds,
 * either on one reused connection each or on a fresh connection per command (as atm-handler does).
 *   stated-load SOCKET CLIENTS SECONDS reuse|connect "COMMAND"
 * Prints: commands=<n> seconds=<s> per_second=<r> errors=<e> */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static const char *path, *command;
static int reuse;
static double seconds;
static volatile int running = 1;

struct result { long commands, errors; };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int dial(void) {
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, path, sizeof address.sun_path - 1);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { close(fd); return -1; }
    return fd;
}

static int ask(int fd, size_t length) {
    if (write(fd, command, length) != (ssize_t)length) return -1;
    char reply[512];
    size_t have = 0;
    while (have < sizeof reply) {
        ssize_t got = read(fd, reply + have, sizeof reply - have);
        if (got <= 0) return -1;
        if (memchr(reply + have, '\n', (size_t)got)) return reply[0] == 'O' ? 0 : -1;
        have += (size_t)got;
    }
    return -1;
}

static void *client(void *argument) {
    struct result *result = argument;
    size_t length = strlen(command);
    int fd = reuse ? dial() : -1;
    while (running) {
        if (!reuse) fd = dial();
        if (fd < 0 || ask(fd, length) != 0) result->errors++; else result->commands++;
        if (!reuse && fd >= 0) { close(fd); fd = -1; }
        if (reuse && fd < 0) fd = dial();
    }
    if (fd >= 0) close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: stated-load SOCKET CLIENTS SECONDS reuse|connect COMMAND\n"); return 64; }
    path = argv[1];
    int clients = atoi(argv[2]);
    seconds = atof(argv[3]);
    reuse = strcmp(argv[4], "reuse") == 0;
    static char line[256];
    snprintf(line, sizeof line, "%s\n", argv[5]);
    command = line;
    pthread_t threads[1024];
    struct result results[1024] = {0};
    double start = now();
    for (int i = 0; i < clients; i++) pthread_create(&threads[i], NULL, client, &results[i]);
    struct timespec pause = {.tv_sec = (time_t)seconds, .tv_nsec = (long)((seconds - (long)seconds) * 1e9)};
    nanosleep(&pause, NULL);
    running = 0;
    long commands = 0, errors = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(threads[i], NULL);
        commands += results[i].commands;
        errors += results[i].errors;
    }
    double elapsed = now() - start;
    printf("commands=%ld seconds=%.3f per_second=%.0f errors=%ld\n", commands, elapsed, commands / elapsed, errors);
    return 0;
}
