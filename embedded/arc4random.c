// arc4random_buf(3) for the Embedded atm-handler, which links musl.
//
// The Embedded standard library seeds its hashing from arc4random_buf, which glibc has (since
// 2.36) and musl does not. This fills the buffer from getrandom(2), the kernel's generator, as
// glibc's does; like glibc's, it cannot fail: it retries an interrupted call, and a kernel or sandbox
// without getrandom (older than 3.17, or a seccomp filter refusing it) stops the process rather than
// hash with a seed that is not random.
#include <errno.h>
#include <stddef.h>
#include <sys/random.h>

void arc4random_buf(void *buffer, size_t count) {
    unsigned char *next = buffer;
    while (count > 0) {
        ssize_t got = getrandom(next, count, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            __builtin_trap();
        }
        next += got;
        count -= (size_t)got;
    }
}
