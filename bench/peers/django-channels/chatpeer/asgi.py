"""HTTP to Django, WebSockets to the chat (/) and echo (/echo) consumers."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatpeer.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path, re_path  # noqa: E402

from chatpeer.consumers import ChatConsumer, EchoConsumer, RefusingConsumer  # noqa: E402

application = ProtocolTypeRouter({
    "http": django_application,
    "websocket": URLRouter([
        path("", ChatConsumer.as_asgi()),
        path("echo", EchoConsumer.as_asgi()),
        # Without a catch-all, an unknown path is an exception (HTTP 500).
        re_path(r"", RefusingConsumer.as_asgi()),
    ]),
})
