/* The disk's own limit for the journal: appends of 64 bytes, each followed by fdatasync, for S seconds.
 *   fsync-rate DIRECTORY SECONDS
 * Prints: syncs=<n> per_second=<r> p50_us=<p> p99_us=<p> */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: fsync-rate DIRECTORY SECONDS\n"); return 64; }
    char path[4096];
    snprintf(path, sizeof path, "%s/fsync-rate.%d", argv[1], (int)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
    if (fd < 0) { perror("fsync-rate: open"); return 1; }
    double seconds = atof(argv[2]), start = now();
    static double samples[1 << 20];
    long count = 0;
    char record[64] = {0};
    while (now() - start < seconds && count < (1 << 20)) {
        double began = now();
        if (write(fd, record, sizeof record) != sizeof record || fdatasync(fd) != 0) { perror("fsync-rate"); return 1; }
        samples[count++] = now() - began;
    }
    double elapsed = now() - start;
    close(fd);
    unlink(path);
    qsort(samples, (size_t)count, sizeof samples[0], compare);
    printf("syncs=%ld per_second=%.0f p50_us=%.0f p99_us=%.0f\n", count, count / elapsed, samples[count / 2] * 1e6,
           samples[count * 99 / 100] * 1e6);
    return 0;
}
