/* Whole-process time: starts each program with the same request on stdin (a file) and stdout on
 * /dev/null, waits for it, and reports the median wall time in microseconds. The programs take
 * turns, so both sides see the same machine.
 *   process-time RUNS REQUEST_FILE PROGRAM...      prints: PROGRAM median_us=<m> p90_us=<p> */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: process-time RUNS REQUEST_FILE PROGRAM...\n"); return 64; }
    int runs = atoi(argv[1]);
    const char *request = argv[2];
    int programs = argc - 3;
    double *samples = calloc((size_t)(runs * programs), sizeof(double));
    for (int run = 0; run < runs; run++) {
        for (int p = 0; p < programs; p++) {
            posix_spawn_file_actions_t actions;
            posix_spawn_file_actions_init(&actions);
            posix_spawn_file_actions_addopen(&actions, 0, request, O_RDONLY, 0);
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
            char *child_argv[] = {argv[3 + p], NULL};
            pid_t pid;
            double start = now_us();
            if (posix_spawn(&pid, argv[3 + p], &actions, NULL, child_argv, environ) != 0) { perror("spawn"); return 1; }
            int status;
            waitpid(pid, &status, 0);
            samples[p * runs + run] = now_us() - start;
            posix_spawn_file_actions_destroy(&actions);
        }
    }
    for (int p = 0; p < programs; p++) {
        double *mine = samples + p * runs;
        qsort(mine, (size_t)runs, sizeof(double), compare);
        printf("%s median_us=%.1f p90_us=%.1f\n", argv[3 + p], mine[runs / 2], mine[runs * 9 / 10]);
    }
    return 0;
}
