// The shims that need _GNU_SOURCE; defining it only here keeps the prototypes Swift imports standard.
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

#include "CPosix.h"

int cposix_pipe_cloexec(int ends[2]) { return pipe2(ends, O_CLOEXEC); }
