// The POSIX surface ATMSystem uses, plus shims for what Swift cannot import directly.
//
// Embedded Swift cannot import Glibc, so ATMSystem reaches libc through this header in both
// builds: glibc's in the standard one, musl's in the Embedded atm-handler's. The shims cover variadic functions (fcntl, open), errno (a macro over a thread-local)
// and SIG_IGN (a macro casting an integer to a function pointer).
#ifndef CPOSIX_H
#define CPOSIX_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// scripts/build-embedded-handler builds against musl's headers and says so; glibc's here would mean a
// toolchain that ignored its sysroot, and structures and constants that are not the ones it links.
#if defined(CPOSIX_EXPECT_MUSL) && defined(__GLIBC__)
#error "the Embedded atm-handler is built against musl, but these are glibc's headers"
#endif

/// The calling thread's errno.
static inline int cposix_errno(void) { return errno; }

/// Sets the calling thread's errno.
static inline void cposix_set_errno(int value) { errno = value; }

/// fcntl(2) for the commands without an argument (F_GETFD, F_GETFL).
static inline int cposix_fcntl(int descriptor, int command) { return fcntl(descriptor, command); }

/// fcntl(2) for the commands with an int argument (F_SETFD, F_SETFL).
static inline int cposix_fcntl_int(int descriptor, int command, int argument) {
    return fcntl(descriptor, command, argument);
}

/// open(2) without creating a file.
static inline int cposix_open(const char *path, int flags) { return open(path, flags); }

/// open(2) that may create the file with `mode`.
static inline int cposix_open_creating(const char *path, int flags, mode_t mode) { return open(path, flags, mode); }

/// Ignores `number`: signal(number, SIG_IGN).
static inline int cposix_ignore_signal(int number) { return signal(number, SIG_IGN) == SIG_ERR ? -1 : 0; }

/// pipe2(2) with O_CLOEXEC, so neither end leaks into a child even briefly (cposix.c: a GNU extension,
/// declared here without _GNU_SOURCE, which would change other prototypes Swift sees).
int cposix_pipe_cloexec(int ends[2]);

/// accept4(2): the accepted socket's flags (SOCK_NONBLOCK, SOCK_CLOEXEC) set in the same call, no fcntl
/// after it (cposix.c, a GNU extension like pipe2).
int cposix_accept4(int listener, int flags);

/// The process environment (`environ`, declared by unistd.h only with _GNU_SOURCE).
char **cposix_environ(void);

// The process's arguments. Embedded Swift's standard library has no CommandLine, so the Embedded
// atm-handler's C main (embedded/main.c) hands argc and argv over here before Swift's entry point runs;
// the standard build reads CommandLine instead and never sets them.
void cposix_set_arguments(int count, char **values);
int cposix_argument_count(void);
const char *cposix_argument(int index);

/// getsockopt(SO_PEERCRED): the process, user and group of a Unix socket's peer as the kernel recorded
/// them at connect(2) (cposix.c: `struct ucred` is a GNU extension). 0 on success, -1 with errno.
int cposix_peer_credentials(int fd, int *pid, unsigned int *uid, unsigned int *gid);

/// Starts `start(context)` on a new detached thread with a stack of `stack_size` bytes: pthread_create(3)
/// without the thread's id, which glibc declares as an integer and musl as a pointer. 0 or an errno value.
int cposix_start_detached_thread(void *(*start)(void *), void *context, size_t stack_size);

/// Initializes a read-write lock that lets a waiting writer in before new readers (a GNU extension:
/// glibc's default prefers readers, so a steady stream of them could keep a writer out for ever).
/// ENOTSUP on musl, which has no such preference (cposix.c).
int cposix_rwlock_init_preferring_writers(pthread_rwlock_t *lock);

/// Asks for SIGTERM when the parent process ends (prctl PR_SET_PDEATHSIG, Linux); then -1 if the parent,
/// `parent`, has already gone (the request came too late to be told), else 0 or -1 with errno.
int cposix_terminate_with_parent(pid_t parent);

/// Restores `number`'s default action: signal(number, SIG_DFL).
static inline int cposix_default_signal(int number) { return signal(number, SIG_DFL) == SIG_ERR ? -1 : 0; }

/// Catches `number` with a handler that only records its arrival, without SA_RESTART, so a blocking call
/// it interrupts returns EINTR (cposix.c: sigaction's handler field is spelled differently in glibc and musl).
int cposix_record_signal(int number);

/// Whether `number` arrived since the last call (recorded by cposix_record_signal); clears the record.
int cposix_take_signal(int number);

/// Blocks (`block` 1) or unblocks (0) the signals `first`, `second` and `third` for the calling thread.
int cposix_block_signals(int block, int first, int second, int third);

/// poll(2) with no signal blocked while it waits (ppoll with an empty mask, a GNU extension): a signal kept
/// blocked otherwise can only arrive inside the wait, which it ends with EINTR, so none is missed.
int cposix_poll_unblocked(struct pollfd *entries, nfds_t count, int timeout_milliseconds);

#endif
