#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
/* Only the SHA-1 that the opening handshake needs (RFC 6455 section 4.2.2),
   the SHA-256 of the chat page's Content-Security-Policy hashes, and
   OpenSSL's CSPRNG for client keys and masks. */
#include <openssl/sha.h>
#include <openssl/rand.h>
#endif
