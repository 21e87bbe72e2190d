#ifndef KLIPSO_CSQLITE_SHIM_H
#define KLIPSO_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
