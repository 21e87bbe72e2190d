#ifndef KLIPSO_CSYSTEMSHIM_H
#define KLIPSO_CSYSTEMSHIM_H
// Linux-only calls and constants that Glibc, as imported by Swift, does not expose.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdint.h>

int klipso_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int klipso_errno(void);

/* A per-thread tag (the owning event loop's identity), so code can tell in one
   load whether it runs on a given loop's thread without racing on pthread_t. */
void klipso_set_thread_tag(uintptr_t tag);
uintptr_t klipso_thread_tag(void);
#endif
