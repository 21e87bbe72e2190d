#ifndef KLIPSO_CLIBPQ_SHIM_H
#define KLIPSO_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
