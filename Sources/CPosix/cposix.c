// The shims that need _GNU_SOURCE; defining it only here keeps the prototypes Swift imports standard.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "CPosix.h"

int cposix_pipe_cloexec(int ends[2]) { return pipe2(ends, O_CLOEXEC); }

int cposix_accept4(int listener, int flags) { return accept4(listener, NULL, NULL, flags); }

char **cposix_environ(void) { return environ; }
