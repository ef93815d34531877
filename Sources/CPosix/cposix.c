// The shims that need _GNU_SOURCE; defining it only here keeps the prototypes Swift imports standard.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "CPosix.h"

int cposix_pipe_cloexec(int ends[2]) { return pipe2(ends, O_CLOEXEC); }

int cposix_accept4(int listener, int flags) { return accept4(listener, NULL, NULL, flags); }

char **cposix_environ(void) { return environ; }

int cposix_peer_credentials(int fd, int *pid, unsigned int *uid, unsigned int *gid) {
    struct ucred credentials;
    socklen_t size = sizeof credentials;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0) return -1;
    *pid = credentials.pid;
    *uid = credentials.uid;
    *gid = credentials.gid;
    return 0;
}

