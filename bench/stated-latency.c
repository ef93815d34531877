/* Deposits through atm-stated with their latencies: N client threads, each on one connection of its own,
 * depositing one cent into its own account (1..N) one command after another for S seconds.
 *   stated-latency SOCKET[,SOCKET...] CLIENTS SECONDS plain|keyed
 * Several sockets (several daemons on one database) share the clients in turn: client i dials socket i mod n.
 * keyed gives every deposit a fresh key= (an idempotency key), as a POST with Idempotency-Key does.
 * Prints: deposits=<n> per_second=<r> p50_ms=<x> p99_ms=<y> errors=<e> */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum { most_sockets = 8 };
static const char *paths[most_sockets];
static int sockets;
static int keyed;
static double seconds;
static volatile int running = 1;

struct client { int index; long errors; size_t count, capacity; double *latencies; };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int dial(int index) {
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, paths[index % sockets], sizeof address.sun_path - 1);
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
        if (memchr(reply + have, '\n', (size_t)got)) return reply[0] == 'O' ? 0 : 1;
        have += (size_t)got;
    }
    return -1;
}

static void *run(void *argument) {
    struct client *client = argument;
    int fd = dial(client->index);
    char line[128];
    long sequence = 0;
    while (running && fd >= 0) {
        int length = keyed ? snprintf(line, sizeof line, "DEPOSIT %d 1 key=b%d-%ld-%ld\n", client->index + 1,
                                      client->index, (long)getpid(), sequence++)
                           : snprintf(line, sizeof line, "DEPOSIT %d 1\n", client->index + 1);
        double start = now();
        int answer = ask(fd, line, (size_t)length);
        double took = now() - start;
        if (answer < 0) { client->errors++; close(fd); fd = dial(client->index); continue; }
        if (answer > 0) { client->errors++; continue; }
        if (client->count == client->capacity) {
            client->capacity = client->capacity ? client->capacity * 2 : 4096;
            client->latencies = realloc(client->latencies, client->capacity * sizeof(double));
        }
        client->latencies[client->count++] = took;
    }
    if (fd >= 0) close(fd);
    return NULL;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: stated-latency SOCKET[,SOCKET...] CLIENTS SECONDS plain|keyed\n");
        return 64;
    }
    for (char *next = strtok(argv[1], ","); next; next = strtok(NULL, ",")) {
        if (sockets == most_sockets) { fprintf(stderr, "stated-latency: at most %d sockets\n", most_sockets); return 64; }
        paths[sockets++] = next;
    }
    if (sockets == 0) { fprintf(stderr, "stated-latency: no socket given\n"); return 64; }
    int clients = atoi(argv[2]);
    seconds = atof(argv[3]);
    keyed = strcmp(argv[4], "keyed") == 0;
    pthread_t threads[clients];
    struct client state[clients];
    memset(state, 0, sizeof state);
    double start = now();
    for (int i = 0; i < clients; i++) {
        state[i].index = i;
        pthread_create(&threads[i], NULL, run, &state[i]);
    }
    usleep((useconds_t)(seconds * 1e6));
    running = 0;
    size_t total = 0;
    long errors = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(threads[i], NULL);
        total += state[i].count;
        errors += state[i].errors;
    }
    double elapsed = now() - start;
    double *all = malloc((total ? total : 1) * sizeof(double));
    size_t at = 0;
    for (int i = 0; i < clients; i++) {
        memcpy(all + at, state[i].latencies, state[i].count * sizeof(double));
        at += state[i].count;
    }
    qsort(all, total, sizeof(double), compare);
    double p50 = total ? all[total / 2] * 1e3 : 0, p99 = total ? all[(size_t)(total * 0.99)] * 1e3 : 0;
    printf("deposits=%zu per_second=%.0f p50_ms=%.2f p99_ms=%.2f errors=%ld\n", total, total / elapsed, p50, p99,
           errors);
    return 0;
}
