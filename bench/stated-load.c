/* Load for atm-stated alone: N client threads send one protocol command after another for S seconds,
 * either on one reused connection each or on a fresh connection per command (as atm-handler does).
 *   stated-load SOCKET CLIENTS SECONDS reuse|connect "COMMAND"
 * A "%d" in COMMAND is replaced by an account number, spread over STATED_LOAD_ACCOUNTS accounts
 * (default 1000) from 1000 up, different for each client and command, so that no one account's
 * lock serialises the clients.
 * Prints: commands=<n> seconds=<s> per_second=<r> errors=<e> p50_us=<p> p99_us=<p> */
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
static int accounts = 1000;

/* Latency histogram: 10 us buckets up to 200 ms, the last bucket holds everything slower. */
#define BUCKETS 20000
#define BUCKET_US 10
struct result { long commands, errors; int index; long *latency; };

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

static int ask(int fd, const char *line, size_t length) {
    if (write(fd, line, length) != (ssize_t)length) return -1;
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
    int templated = strstr(command, "%d") != NULL;
    char line[256];
    size_t length = strlen(command);
    long sequence = 0;
    int fd = reuse ? dial() : -1;
    while (running) {
        const char *text = command;
        if (templated) {
            long account = 1000 + (result->index * 7919L + sequence++ * 104729L) % accounts;
            length = (size_t)snprintf(line, sizeof line, command, (int)account);
            text = line;
        }
        double began = now();
        if (!reuse) fd = dial();
        if (fd < 0 || ask(fd, text, length) != 0) {
            result->errors++;
        } else {
            result->commands++;
            long bucket = (long)((now() - began) * 1e6 / BUCKET_US);
            result->latency[bucket < BUCKETS ? bucket : BUCKETS - 1]++;
        }
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
    if (getenv("STATED_LOAD_ACCOUNTS")) accounts = atoi(getenv("STATED_LOAD_ACCOUNTS"));
    if (accounts < 1) accounts = 1;
    static char line[256];
    snprintf(line, sizeof line, "%s\n", argv[5]);
    command = line;
    pthread_t threads[1024];
    struct result results[1024] = {0};
    double start = now();
    if (clients < 1 || clients > 1024) { fprintf(stderr, "stated-load: 1 to 1024 clients\n"); return 64; }
    for (int i = 0; i < clients; i++) {
        results[i].index = i;
        results[i].latency = calloc(BUCKETS, sizeof(long));
        pthread_create(&threads[i], NULL, client, &results[i]);
    }
    struct timespec pause = {.tv_sec = (time_t)seconds, .tv_nsec = (long)((seconds - (long)seconds) * 1e9)};
    nanosleep(&pause, NULL);
    running = 0;
    long commands = 0, errors = 0;
    static long latency[BUCKETS];
    for (int i = 0; i < clients; i++) {
        pthread_join(threads[i], NULL);
        commands += results[i].commands;
        errors += results[i].errors;
        for (int b = 0; b < BUCKETS; b++) latency[b] += results[i].latency[b];
        free(results[i].latency);
    }
    double elapsed = now() - start;
    long p50 = -1, p99 = -1, seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
        seen += latency[b];
        if (p50 < 0 && seen * 100 >= commands * 50) p50 = (b + 1) * BUCKET_US;
        if (p99 < 0 && seen * 100 >= commands * 99) p99 = (b + 1) * BUCKET_US;
    }
    printf("commands=%ld seconds=%.3f per_second=%.0f errors=%ld p50_us=%ld p99_us=%ld\n", commands, elapsed,
           commands / elapsed, errors, p50, p99);
    return 0;
}
