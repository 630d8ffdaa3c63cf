#ifndef CEPOLL_SHIM_H
#define CEPOLL_SHIM_H
/* Linux interfaces that `import Glibc` does not expose to Swift: epoll, eventfd,
   timerfd, signalfd, accept4 and the CPU affinity mask. Variadic or macro-only
   calls get small inline wrappers, because Swift cannot call them directly. */
/* No _GNU_SOURCE here: the headers must expand exactly as they do inside
   SwiftGlibc, or the two modules disagree about shared types. The GNU
   functions needed are declared by hand instead, with glibc's prototypes. */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

extern int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
extern int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
extern int pthread_setname_np(pthread_t thread, const char *name);

static inline int cepoll_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

/* Number of CPUs this process may run on (honours taskset and cgroup cpusets). */
static inline int cepoll_available_cpus(void) {
    cpu_set_t set;
    __builtin_memset(&set, 0, sizeof(set));
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return 1;
    int count = 0;
    const unsigned char *bytes = (const unsigned char *)&set;
    for (size_t i = 0; i < sizeof(set); i++) count += __builtin_popcount(bytes[i]);
    return count > 0 ? count : 1;
}

/* Bytes waiting in a socket's receive queue (ioctl is variadic in C). */
static inline int cepoll_unread_bytes(int fd) {
    int count = 0;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : 0;
}

/* Block SIGINT and SIGTERM (and SIGHUP with `hangup`) in the calling thread
   and every thread it starts afterwards, so shutdown (and a certificate
   reload) arrives through a signalfd and never interrupts. */
static inline int cepoll_block_signals(sigset_t *out) {
    sigemptyset(out);
    sigaddset(out, SIGINT);
    sigaddset(out, SIGTERM);
    sigaddset(out, SIGHUP);
    return pthread_sigmask(SIG_BLOCK, out, NULL);
}
#endif
