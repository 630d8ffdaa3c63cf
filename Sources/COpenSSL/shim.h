#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
/* libcrypto: the SHA-1 that the opening handshake needs (RFC 6455 section
   4.2.2), the SHA-256 of the chat page's Content-Security-Policy hashes,
   OpenSSL's CSPRNG for client keys and masks, and the HMAC-SHA256 and
   constant-time comparison that authentication tokens (JWS HS256) are
   checked with. libssl: TLS for wss:// and https:// (Sources/TLS).

   Swift cannot call OpenSSL's function-like macros, nor write the C
   callbacks below, so they get small inline wrappers here. */
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <errno.h>
#include <sys/socket.h>

/* SSL_OP_BIT's casts keep these from Swift as macros. */
static const uint64_t copenssl_option_no_renegotiation = SSL_OP_NO_RENEGOTIATION;
static const uint64_t copenssl_option_ignore_unexpected_eof = SSL_OP_IGNORE_UNEXPECTED_EOF;

static inline int copenssl_set_min_protocol(SSL_CTX *context, int version) {
    return (int)SSL_CTX_set_min_proto_version(context, version);
}

static inline void copenssl_set_mode(SSL_CTX *context, long mode) {
    SSL_CTX_set_mode(context, mode);
}

/* With read-ahead, one read(2) takes every record the socket holds (up to
   OpenSSL's buffer), instead of one read for each record header and one
   for each body. */
static inline void copenssl_enable_read_ahead(SSL_CTX *context) {
    SSL_CTX_set_read_ahead(context, 1);
}

static inline void copenssl_disable_session_cache(SSL_CTX *context) {
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
}

static inline int copenssl_set_server_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/* ALPN (RFC 7301) in wire format: the one protocol spoken here. */
static const unsigned char copenssl_alpn_http11[] = { 8, 'h', 't', 't', 'p', '/', '1', '.', '1' };

/* The server's choice: http/1.1 when the client offers it; RFC 7301 section
   3.2: "In the event that the server supports no protocols that the client
   advertises, then the server SHALL respond with a fatal
   'no_application_protocol' alert." */
static inline int copenssl_select_http11(SSL *ssl, const unsigned char **out, unsigned char *out_length,
                                         const unsigned char *offered, unsigned int offered_length, void *argument) {
    (void)ssl;
    (void)argument;
    unsigned char *selected = NULL;
    if (SSL_select_next_proto(&selected, out_length, copenssl_alpn_http11, sizeof copenssl_alpn_http11,
                              offered, offered_length) != OPENSSL_NPN_NEGOTIATED) {
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    }
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}

static inline void copenssl_serve_http11(SSL_CTX *context) {
    SSL_CTX_set_alpn_select_cb(context, copenssl_select_http11, NULL);
}

/* 1 on success (SSL_CTX_set_alpn_protos itself returns 0 on success). */
static inline int copenssl_offer_http11(SSL_CTX *context) {
    return SSL_CTX_set_alpn_protos(context, copenssl_alpn_http11, sizeof copenssl_alpn_http11) == 0;
}

/* OpenSSL's socket BIO writes with write(2), which raises SIGPIPE when the
   peer has reset the connection; ws-client does not ignore SIGPIPE. These
   writes use send(2) with MSG_NOSIGNAL, so a vanished peer is an error. */
static inline int copenssl_send_without_signal(BIO *bio, const char *data, int length) {
    int fd = (int)BIO_get_fd(bio, NULL);
    BIO_clear_retry_flags(bio);
    ssize_t sent;
    do {
        sent = send(fd, data, (size_t)length, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) BIO_set_retry_write(bio);
    return (int)sent;
}

/* The socket BIO with the write above; every other operation is the
   socket BIO's own. Make it once (it is never freed). */
static inline BIO_METHOD *copenssl_make_socket_method(void) {
    const BIO_METHOD *socket_method = BIO_s_socket();
    BIO_METHOD *method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR,
                                      "socket with MSG_NOSIGNAL");
    if (method == NULL) return NULL;
    BIO_meth_set_write(method, copenssl_send_without_signal);
    BIO_meth_set_read(method, BIO_meth_get_read(socket_method));
    BIO_meth_set_ctrl(method, BIO_meth_get_ctrl(socket_method));
    BIO_meth_set_create(method, BIO_meth_get_create(socket_method));
    BIO_meth_set_destroy(method, BIO_meth_get_destroy(socket_method));
    return method;
}

/* Connects `ssl` to the socket `fd` through `method`; the socket stays open
   when the SSL object is freed. 1 on success. */
static inline int copenssl_attach_socket(SSL *ssl, BIO_METHOD *method, int fd) {
    BIO *bio = BIO_new(method);
    if (bio == NULL) return 0;
    BIO_set_fd(bio, fd, BIO_NOCLOSE);
    SSL_set_bio(ssl, bio, bio);
    return 1;
}
#endif
