"""Under hostile load (issue 28, item 5): the README's production recipe, nginx in front of gunicorn's sync
workers, as the README writes both, holds against slow clients. Clients that send a request a byte at a
time hold a gunicorn worker each when they reach it directly (the control, which shows what the test
can catch); through nginx, which reads whole requests before passing them on, a citizen's search is
answered at once."""

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS
from samples import news

README = (ROOT / "README.md").read_text(encoding="utf-8")
SLOW_CLIENTS = 8  # four times gunicorn's workers in the README's command
PATIENCE = 3.0  # seconds a citizen's search may take here (it takes milliseconds)

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (invoke tools)")


def gunicorn_command(output: Path, sock: Path) -> tuple[list[str], dict]:
    """The README's gunicorn command, on this test's output and socket."""
    block = re.search(r"```sh\n(PORTAL_SITEURL=\S+ PORTAL_OUTPUT=\S+ \S*gunicorn .*?)```", README, re.DOTALL).group(1)
    words = shlex.split(block.replace("\\\n", " "))
    env = dict(word.split("=", 1) for word in words[:2])
    command = [str(Path(sys.executable).parent / "gunicorn"), *words[3:]]
    command = [
        w.replace("unix:/run/portal.sock", f"unix:{sock}").replace("/srv/portal/plugins", str(ROOT / "plugins"))
        for w in command
    ]
    command = [w.replace("/srv/portal,", f"{ROOT},") for w in command]
    return command, {**env, "PORTAL_OUTPUT": str(output), "PORTAL_SETTINGS": str(SETTINGS)}


def nginx_config(output: Path, sock: Path, port: int, folder: Path) -> str:
    """The README's production nginx server (the one that proxies to gunicorn), on plain HTTP and `port`,
    with the two maps of the static site's block it names."""
    static = re.search(r"```nginx\n(# Debian: apt install nginx.*?)```", README, re.DOTALL).group(1)
    maps = "\n".join(line for line in static.splitlines() if line.startswith(("map", "map_hash")))
    server = re.search(r"```nginx\n# the two maps of the static site above.*?\n(server \{.*?)```", README, re.DOTALL)
    block = server.group(1).replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    block = "\n".join(line for line in block.splitlines() if "ssl_certificate" not in line)
    block = block.replace("unix:/run/portal.sock", f"unix:{sock}").replace("/srv/portal/output", str(output))
    maps = maps.replace("/srv/portal/output", str(output))
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\nhttp {{\n"
        f"include /etc/nginx/mime.types;\naccess_log off;\nclient_body_temp_path {folder}/body;\n"
        f"proxy_temp_path {folder}/proxy;\n{maps}\n{block}\n}}\n"
    )


def wait_for(connect, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connect().close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


def slow_client(connect, stop: threading.Event) -> None:
    """A request sent a byte every 0.2 s, never finished (what a slowloris does)."""
    try:
        client = connect()
    except OSError:
        return
    request = b"GET /api/search?q=van+ban HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"x" * 10_000
    try:
        for byte in request:
            if stop.is_set():
                break
            client.send(bytes([byte]))
            time.sleep(0.2)
    except OSError:
        pass
    finally:
        client.close()


def searched_in(connect) -> float:
    """Seconds a normal search takes, or PATIENCE when it did not come back in that time."""
    started = time.monotonic()
    client = connect()
    client.settimeout(PATIENCE)
    try:
        client.sendall(b"GET /api/search?q=van+ban HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    except TimeoutError:
        return PATIENCE
    finally:
        client.close()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    return time.monotonic() - started


def test_slow_clients_do_not_stop_search_behind_the_readmes_nginx(site, tmp_path_factory):
    for n in range(3):
        site.write(f"tin-tuc/tin-{n}.md", news(f"Văn bản điện tử số {n}"))
    assert site.build().ok, site.messages()
    folder = tmp_path_factory.mktemp("recipe")
    sock = folder / "portal.sock"
    command, env = gunicorn_command(site.output, sock)
    assert "--workers" in command and command[command.index("--workers") + 1] == "2"
    gunicorn = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (folder / "nginx.conf").write_text(nginx_config(site.output, sock, port, folder), encoding="utf-8")
    nginx = subprocess.Popen(["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"])

    def direct():
        client = socket.socket(socket.AF_UNIX)
        client.connect(str(sock))
        return client

    def through_nginx():
        return socket.create_connection(("127.0.0.1", port), timeout=5)

    stop = threading.Event()
    try:
        wait_for(direct)
        wait_for(through_nginx)
        assert searched_in(through_nginx) < PATIENCE

        # the control: slow clients straight at gunicorn hold its sync workers, and search stops
        holders = [threading.Thread(target=slow_client, args=(direct, stop)) for _ in range(SLOW_CLIENTS)]
        for holder in holders:
            holder.start()
        time.sleep(1.0)
        assert searched_in(direct) == PATIENCE
        stop.set()
        for holder in holders:
            holder.join()
        wait_for(direct)
        time.sleep(1.0)

        # the recipe: the same clients at nginx, and a citizen's search answers at once
        stop.clear()
        holders = [threading.Thread(target=slow_client, args=(through_nginx, stop)) for _ in range(SLOW_CLIENTS)]
        for holder in holders:
            holder.start()
        time.sleep(1.0)
        took = [searched_in(through_nginx) for _ in range(5)]
        assert max(took) < 1.0, took
    finally:
        stop.set()
        nginx.terminate()
        gunicorn.terminate()
        nginx.wait(10)
        gunicorn.wait(30)
