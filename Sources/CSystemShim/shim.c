#include "CSystemShim.h"

int klipso_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

int klipso_errno(void) { return errno; }
