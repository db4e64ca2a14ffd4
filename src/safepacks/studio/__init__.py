"""safepacks studio: a PSHE lead customises, checks, previews, reviews and downloads packs in
the browser, on the workspace's own files. It is a second front end over the same library
as the command line (`service.py`), served on this computer only (`security.py`)."""

from __future__ import annotations

import socket
import threading
import webbrowser

from ..workspace import Workspace


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(workspace: Workspace, *, port: int | None = None, open_browser: bool = True, announce=print) -> None:  # noqa: ANN001
    """Run the studio until Ctrl-C; prints (and opens) the address with its token."""
    import uvicorn

    from .app import create_app
    from .security import new_token
    from .service import Studio

    port = port or free_port()
    token = new_token()
    studio = Studio(workspace)
    app = create_app(studio, token=token, port=port)
    address = f"http://127.0.0.1:{port}/?token={token}"
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))

    def started() -> None:
        while not server.started:
            threading.Event().wait(0.05)
        announce(f"safepacks studio for {workspace.root} is at\n  {address}\nPress Ctrl-C to stop it.")
        if open_browser:
            webbrowser.open(address)
        studio.entries()  # start checking every lesson in the background, once the page can be served

    threading.Thread(target=started, daemon=True).start()
    try:
        server.run()
    finally:
        studio.close()
