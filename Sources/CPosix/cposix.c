// The shims that are not one-line inline functions: those that need _GNU_SOURCE (defining it only
// here keeps the prototypes Swift imports standard), and those that hide a type glibc and musl (the
// Embedded atm-handler's C library) declare differently.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "CPosix.h"

int cposix_pipe_cloexec(int ends[2]) { return pipe2(ends, O_CLOEXEC); }

int cposix_accept4(int listener, int flags) { return accept4(listener, NULL, NULL, flags); }

char **cposix_environ(void) { return environ; }

static int argument_count;
static char **argument_values;

void cposix_set_arguments(int count, char **values) {
    argument_count = count;
    argument_values = values;
}

int cposix_argument_count(void) { return argument_count; }

const char *cposix_argument(int index) {
    return index >= 0 && index < argument_count ? argument_values[index] : NULL;
}

int cposix_peer_credentials(int fd, int *pid, unsigned int *uid, unsigned int *gid) {
    struct ucred credentials;
    socklen_t size = sizeof credentials;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0) return -1;
    *pid = credentials.pid;
    *uid = credentials.uid;
    *gid = credentials.gid;
    return 0;
}


int cposix_start_detached_thread(void *(*start)(void *), void *context, size_t stack_size) {
    pthread_attr_t attributes;
    int status = pthread_attr_init(&attributes);
    if (status != 0) return status;
    status = pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    if (status == 0) status = pthread_attr_setstacksize(&attributes, stack_size);
    pthread_t thread;
    if (status == 0) status = pthread_create(&thread, &attributes, start, context);
    pthread_attr_destroy(&attributes);
    return status;
}

int cposix_rwlock_init_preferring_writers(pthread_rwlock_t *lock) {
#ifdef __GLIBC__
    pthread_rwlockattr_t attributes;
    int status = pthread_rwlockattr_init(&attributes);
    if (status != 0) return status;
    status = pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    if (status == 0) status = pthread_rwlock_init(lock, &attributes);
    pthread_rwlockattr_destroy(&attributes);
    return status;
#else
    // musl, which the Embedded atm-handler links, has no writer preference to ask for. Only the daemon
    // takes this lock, and it is built with glibc; a lock without the preference is refused, not made.
    (void)lock;
    return ENOTSUP;
#endif
}

// One flag per signal number; a handler may store to a volatile sig_atomic_t and nothing else.
static volatile sig_atomic_t recorded_signals[65];

static void record_signal(int number) {
    if (number > 0 && number < 65) recorded_signals[number] = 1;
}

int cposix_record_signal(int number) {
    if (number <= 0 || number >= 65) {
        errno = EINVAL;
        return -1;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(number, &action, NULL);
}

int cposix_take_signal(int number) {
    if (number <= 0 || number >= 65 || !recorded_signals[number]) return 0;
    recorded_signals[number] = 0;
    return 1;
}

int cposix_block_signals(int block, int first, int second, int third) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, first);
    sigaddset(&set, second);
    sigaddset(&set, third);
    return sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

int cposix_poll_unblocked(struct pollfd *entries, nfds_t count, int timeout_milliseconds) {
    sigset_t none;
    sigemptyset(&none);
    if (timeout_milliseconds < 0) return ppoll(entries, count, NULL, &none);
    struct timespec timeout = {timeout_milliseconds / 1000, (long)(timeout_milliseconds % 1000) * 1000000L};
    return ppoll(entries, count, &timeout, &none);
}

int cposix_terminate_with_parent(pid_t parent) {
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) return -1;
    return getppid() == parent ? 0 : -1;
}
