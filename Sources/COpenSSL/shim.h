#ifndef KLIPSO_COPENSSL_SHIM_H
#define KLIPSO_COPENSSL_SHIM_H
// OpenSSL 3 headers, plus static inline wrappers for the macros Swift cannot import.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>

static inline long klipso_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int v) { return SSL_CTX_set_min_proto_version(ctx, v); }
static inline long klipso_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int v) { return SSL_CTX_set_max_proto_version(ctx, v); }
static inline long klipso_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }
static inline long klipso_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_session_cache_mode(ctx, mode); }
static inline long klipso_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) { return SSL_CTX_set1_groups_list(ctx, list); }
static inline long klipso_SSL_CTX_add_extra_chain_cert(SSL_CTX *ctx, X509 *x509) { return SSL_CTX_add_extra_chain_cert(ctx, x509); }
static inline int klipso_SSL_set_app_data(SSL *ssl, void *arg) { return SSL_set_app_data(ssl, arg); }
static inline void *klipso_SSL_get_app_data(const SSL *ssl) { return SSL_get_app_data(ssl); }
static inline int klipso_SSL_want_read(const SSL *ssl) { return SSL_want_read(ssl); }
static inline long klipso_BIO_pending(BIO *b) { return BIO_pending(b); }
static inline long klipso_BIO_set_mem_eof_return(BIO *b, int v) { return BIO_set_mem_eof_return(b, v); }
static inline int klipso_BIO_should_retry(BIO *b) { return BIO_should_retry(b); }
static inline void klipso_OPENSSL_free(void *p) { OPENSSL_free(p); }
static inline unsigned long klipso_OPENSSL_VERSION_NUMBER(void) { return OPENSSL_VERSION_NUMBER; }

static inline uint64_t klipso_SSL_OP_NO_RENEGOTIATION(void) { return SSL_OP_NO_RENEGOTIATION; }
static inline uint64_t klipso_SSL_OP_NO_COMPRESSION(void) { return SSL_OP_NO_COMPRESSION; }
static inline uint64_t klipso_SSL_OP_CIPHER_SERVER_PREFERENCE(void) { return SSL_OP_CIPHER_SERVER_PREFERENCE; }
static inline uint64_t klipso_SSL_OP_IGNORE_UNEXPECTED_EOF(void) { return SSL_OP_IGNORE_UNEXPECTED_EOF; }
static inline uint64_t klipso_SSL_OP_ALL(void) { return SSL_OP_ALL; }

static inline long klipso_SSL_MODE_RELEASE_BUFFERS(void) { return SSL_MODE_RELEASE_BUFFERS; }
static inline long klipso_SSL_MODE_ENABLE_PARTIAL_WRITE(void) { return SSL_MODE_ENABLE_PARTIAL_WRITE; }
static inline long klipso_SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER(void) { return SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER; }
static inline long klipso_SSL_SESS_CACHE_SERVER(void) { return SSL_SESS_CACHE_SERVER; }

// Added for TLSTransport: session cache sizing, SNI on test clients, memory-BIO capacity, ticket opt-out.
static inline long klipso_SSL_CTX_sess_set_cache_size(SSL_CTX *ctx, long size) { return SSL_CTX_sess_set_cache_size(ctx, size); }
static inline long klipso_SSL_set_tlsext_host_name(SSL *ssl, const char *name) { return SSL_set_tlsext_host_name(ssl, name); }
static inline long klipso_BIO_get_mem_ptr(BIO *b, BUF_MEM **pp) { return BIO_get_mem_ptr(b, pp); }
static inline uint64_t klipso_SSL_OP_NO_TICKET(void) { return SSL_OP_NO_TICKET; }

#endif
