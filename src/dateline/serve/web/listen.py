"""Serving with several worker processes, without the 40 ms each answer would otherwise wait.

`uvicorn.run(…, workers=N)` binds its listening socket as `socket.socket(family, SOCK_STREAM)` — protocol 0 — and
the workers inherit it. asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets whose protocol says TCP,
so on those workers every answer written in two parts (headers, then body) waited for the client's delayed
acknowledgement: 40 ms a request, measured (48 ms against 5 with one worker). Binding the socket with
`IPPROTO_TCP` here, and handing it to uvicorn's own supervisor, gives the workers sockets asyncio recognizes.
"""

from __future__ import annotations

import socket


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to (host, port), its protocol said, ready to be shared by worker processes."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                          proto=socket.IPPROTO_TCP)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.set_inheritable(True)
    return sock


def serve_in_processes(app: str, *, host: str, port: int, workers: int) -> None:
    """Run the application factory `app` ("module:function") in `workers` processes sharing one TCP socket."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(app, factory=True, host=host, port=port, workers=workers, log_level="warning")
    Multiprocess(config, sockets=[listening_socket(host, port)]).run()
