#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
/* Only the SHA-1 that the opening handshake needs (RFC 6455 section 4.2.2),
   the SHA-256 of the chat page's Content-Security-Policy hashes, OpenSSL's
   CSPRNG for client keys and masks, and the HMAC-SHA256 and constant-time
   comparison that authentication tokens (JWS HS256) are checked with. */
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#endif
