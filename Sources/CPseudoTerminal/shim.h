#ifndef CPSEUDOTERMINAL_SHIM_H
#define CPSEUDOTERMINAL_SHIM_H
/* Pseudo-terminal and process calls for the ws-client tests. `import Glibc`
   hides these XOPEN/GNU ones, and defining _GNU_SOURCE here would make the
   headers disagree with SwiftGlibc about shared types (see CEpoll), so
   glibc's prototypes are declared by hand. */
#include <stddef.h>

extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buf, size_t buflen);
/* pipe() then FD_CLOEXEC would leave a window in which a child spawned by a
   test running in parallel inherits the pipe and holds it open. */
extern int pipe2(int fds[2], int flags);
struct sockaddr;
extern int accept4(int fd, struct sockaddr *addr, unsigned int *len, int flags);

/* glibc's POSIX_SPAWN_SETSID (<spawn.h> under _GNU_SOURCE, glibc 2.26+):
   the child starts a session, so the terminal it opens becomes its
   controlling terminal and a window-size change sends it SIGWINCH. */
static const short cpty_spawn_setsid = 0x80;
#endif
