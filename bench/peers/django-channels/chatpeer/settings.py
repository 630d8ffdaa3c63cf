"""Settings for the Django Channels peer: no database, no middleware, the
Redis channel layer named by the start script (CHAT_PEER_LAYER, REDIS_URL)."""

import os

SECRET_KEY = "bench-peer-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["daphne", "channels"]
MIDDLEWARE = []
DATABASES = {}
ROOT_URLCONF = "chatpeer.urls"
ASGI_APPLICATION = "chatpeer.asgi.application"
USE_TZ = True

LAYERS = {
    "core": "channels_redis.core.RedisChannelLayer",
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
}
_layer = os.environ.get("CHAT_PEER_LAYER", "core")
_config = {"hosts": [os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")]}
if _layer == "core":
    # The default capacity (100 per channel) drops group messages under
    # load; the other peers never drop, so give it room.
    _config["capacity"] = 10000
CHANNEL_LAYERS = {"default": {"BACKEND": LAYERS[_layer], "CONFIG": _config}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
