#include "CSystemShim.h"

int klipso_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

int klipso_errno(void) { return errno; }

static _Thread_local uintptr_t klipso_tag = 0;
void klipso_set_thread_tag(uintptr_t tag) { klipso_tag = tag; }
uintptr_t klipso_thread_tag(void) { return klipso_tag; }
