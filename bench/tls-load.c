// A small HTTPS load client for bench/tls-fronts.py, in C so that its own cost is small next to the
// servers it measures (Python's ssl module spends more per handshake than some of them). One request is
// `GET /accounts/1001/balance`; every answer must be 200.
//
//   tls-load PORT CA CERT KEY full COUNT        one client, a new connection and a full handshake per request:
//                                               prints the median milliseconds
//   tls-load PORT CA CERT KEY resumed COUNT     the same, each connection resuming the previous one's session:
//                                               prints the median milliseconds and the share resumed
//   tls-load PORT CA CERT KEY new CLIENTS SECS  CLIENTS threads, a new connection per request: requests/s
//   tls-load PORT CA CERT KEY kept CLIENTS SECS CLIENTS threads, each on a kept-alive connection (a new one
//                                               when the server closes it): requests/s
// CA "-" means plain HTTP (CERT and KEY are then ignored). Build: gcc -O2 -pthread tls-load.c -lssl -lcrypto
#define _GNU_SOURCE // memmem
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;
static SSL_CTX *ctx; // NULL: plain HTTP
static double seconds;
static const char closing[] = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
static const char keeping[] = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n";

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *what) {
    fprintf(stderr, "tls-load: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

// One connection: a TCP socket and, with TLS, its SSL.
struct connection {
    int fd;
    SSL *ssl;
};

static int open_connection(struct connection *c, SSL_SESSION *session) {
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c->fd, (struct sockaddr *)&address, sizeof address) != 0) return -1;
    c->ssl = NULL;
    if (!ctx) return 0;
    c->ssl = SSL_new(ctx);
    SSL_set_fd(c->ssl, c->fd);
    SSL_set_tlsext_host_name(c->ssl, "localhost");
    if (session) SSL_set_session(c->ssl, session);
    return SSL_connect(c->ssl) == 1 ? 0 : -1;
}

static void close_connection(struct connection *c) {
    // Shut down before freeing: OpenSSL marks the session of an SSL freed without it as not resumable.
    if (c->ssl) {
        SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
    }
    close(c->fd);
}

static int send_all(struct connection *c, const char *bytes, int length) {
    if (c->ssl) return SSL_write(c->ssl, bytes, length) == length ? 0 : -1;
    while (length > 0) {
        ssize_t n = write(c->fd, bytes, length);
        if (n <= 0) return -1;
        bytes += n;
        length -= n;
    }
    return 0;
}

static int receive(struct connection *c, char *into, int room) {
    return c->ssl ? SSL_read(c->ssl, into, room) : (int)read(c->fd, into, room);
}

// One request on a new connection, read to the server's close. Returns 1 when it resumed, 0 if not.
static int one_request(SSL_SESSION **session, int resume) {
    struct connection c;
    if (open_connection(&c, resume ? *session : NULL) != 0) die("connect or handshake failed");
    if (send_all(&c, closing, sizeof closing - 1) != 0) die("write failed");
    char buffer[4096];
    int total = 0, n;
    char first[16] = {0};
    while ((n = receive(&c, buffer, sizeof buffer)) > 0) {
        if (total < 12) memcpy(first + total, buffer, n < 12 - total ? n : 12 - total);
        total += n;
    }
    if (strncmp(first, "HTTP/1.1 200", 12) != 0) die("an answer other than 200");
    int reused = c.ssl && SSL_session_reused(c.ssl);
    if (c.ssl && resume) {
        if (*session) SSL_SESSION_free(*session);
        *session = SSL_get1_session(c.ssl);
    }
    close_connection(&c);
    return reused;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void *new_loop(void *count) {
    double until = now() + seconds;
    long n = 0;
    SSL_SESSION *none = NULL;
    while (now() < until) {
        one_request(&none, 0);
        n++;
    }
    *(long *)count = n;
    return NULL;
}

// Requests back to back on one connection; the answer's end found by its Content-Length.
static void *kept_loop(void *count) {
    double until = now() + seconds;
    long n = 0;
    static char buffer_storage[64][65536];
    static int next_buffer;
    char *buffer = buffer_storage[__atomic_fetch_add(&next_buffer, 1, __ATOMIC_RELAXED) % 64];
    while (now() < until) {
        struct connection c;
        if (open_connection(&c, NULL) != 0) die("connect or handshake failed");
        int have = 0, open = 1;
        while (open && now() < until) {
            if (send_all(&c, keeping, sizeof keeping - 1) != 0) break;
            char *end = NULL;
            while (!(end = memmem(buffer, have, "\r\n\r\n", 4))) {
                int got = receive(&c, buffer + have, 65536 - have);
                if (got <= 0) {
                    open = 0;
                    break;
                }
                have += got;
            }
            if (!end) break;
            if (strncmp(buffer, "HTTP/1.1 200", 12) != 0) die("an answer other than 200");
            int head = (int)(end - buffer) + 4;
            // Field names in any case (uvicorn writes them in lower case).
            char lower[4096];
            int copied = head < (int)sizeof lower - 1 ? head : (int)sizeof lower - 1;
            for (int i = 0; i < copied; i++) lower[i] = buffer[i] >= 'A' && buffer[i] <= 'Z' ? buffer[i] + 32 : buffer[i];
            lower[copied] = 0;
            char *field = strstr(lower, "content-length:");
            int length = field ? atoi(field + 15) : 0;
            if (strstr(lower, "connection: close")) open = 0;
            while (have < head + length) {
                int got = receive(&c, buffer + have, 65536 - have);
                if (got <= 0) die("a body cut short");
                have += got;
            }
            memmove(buffer, buffer + head + length, have - head - length);
            have -= head + length;
            n++;
        }
        close_connection(&c);
    }
    *(long *)count = n;
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: tls-load PORT CA CERT KEY full|resumed COUNT | new|kept CLIENTS SECONDS\n");
        return 64;
    }
    port = atoi(argv[1]);
    if (strcmp(argv[2], "-") != 0) {
        ctx = SSL_CTX_new(TLS_client_method());
        if (!SSL_CTX_load_verify_locations(ctx, argv[2], NULL)) die("cannot read the CA");
        if (SSL_CTX_use_certificate_chain_file(ctx, argv[3]) != 1) die("cannot read the certificate");
        if (SSL_CTX_use_PrivateKey_file(ctx, argv[4], SSL_FILETYPE_PEM) != 1) die("cannot read the key");
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    }
    const char *mode = argv[5];
    if (strcmp(mode, "full") == 0 || strcmp(mode, "resumed") == 0) {
        int count = atoi(argv[6]), resume = mode[0] == 'r', reused = 0;
        double *times = calloc(count, sizeof *times);
        SSL_SESSION *session = NULL;
        if (resume) one_request(&session, 1);
        for (int i = 0; i < count; i++) {
            double start = now();
            reused += one_request(&session, resume);
            times[i] = (now() - start) * 1000;
        }
        qsort(times, count, sizeof *times, compare);
        printf("%.3f %.3f\n", times[count / 2], (double)reused / count);
        return 0;
    }
    if (argc < 8) die("new and kept need CLIENTS and SECONDS");
    int clients = atoi(argv[6]);
    seconds = atof(argv[7]);
    pthread_t threads[256];
    long counts[256];
    if (clients < 1 || clients > 256) die("CLIENTS must be 1 to 256");
    for (int i = 0; i < clients; i++)
        pthread_create(&threads[i], NULL, mode[0] == 'k' ? kept_loop : new_loop, &counts[i]);
    long total = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(threads[i], NULL);
        total += counts[i];
    }
    printf("%.1f\n", total / seconds);
    return 0;
}
