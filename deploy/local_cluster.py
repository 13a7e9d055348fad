"""The compose topology without Docker: N `streamlit run app.py` replicas behind Debian's nginx, on localhost.

nginx runs in the foreground (``daemon off``) with its own prefix, config, pid and temp files in a temporary
folder, using ``deploy/nginx/dsconv.conf`` (the same file compose mounts) with the upstream servers and the
listen address filled in. Nothing is installed or written outside that folder.

    python deploy/local_cluster.py --replicas 2 --port 8080     # then open http://127.0.0.1:8080
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_CONF = ROOT / "deploy" / "nginx" / "dsconv.conf"
NGINX = os.environ.get("DSCONV_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"

MAIN_CONF = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/dsconv.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Stop one server process: terminate, wait ``timeout`` seconds, then kill."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


def site_conf(upstreams: list[str], listen: str) -> str:
    """deploy/nginx/dsconv.conf with these upstream servers and this listen address."""
    text = SITE_CONF.read_text()
    servers = "\n".join(f"    server {u} max_fails=0;" for u in upstreams)
    text, n1 = re.subn(r"^\s*server [^;]+;\s*# @UPSTREAMS@.*$", servers, text, flags=re.M)
    text, n2 = re.subn(r"^\s*listen \S+;\s*# @LISTEN@.*$", f"    listen {listen};", text, flags=re.M)
    assert n1 == n2 == 1, "deploy/nginx/dsconv.conf lost its @UPSTREAMS@ / @LISTEN@ markers"
    return text


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} not healthy within {seconds:.0f} s")


@dataclass
class Cluster:
    """``replicas`` app processes behind one nginx; use as a context manager (stops everything on exit)."""

    replicas: int = 2
    port: int = 0  # nginx's port (0: a free one)
    env: dict = field(default_factory=dict)
    tmp: Path = field(init=False)
    apps: list[subprocess.Popen] = field(default_factory=list, init=False)
    app_ports: list[int] = field(default_factory=list, init=False)
    nginx: subprocess.Popen | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pids(self) -> tuple[int, ...]:
        return tuple(p.pid for p in self.apps)

    def start(self) -> "Cluster":
        if not Path(NGINX).exists():
            raise FileNotFoundError(f"nginx not found at {NGINX} (apt-get install -y nginx)")
        self.tmp = Path(tempfile.mkdtemp(prefix="dsconv-cluster-"))
        self.tmp.chmod(0o755)  # nginx workers may run as another user when started by root
        self.port = self.port or free_port()
        try:
            for i in range(self.replicas):
                port = free_port()
                log = self.tmp / f"app{i}.log"
                proc = subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                     "--server.address", "127.0.0.1", "--server.headless", "true",
                     "--browser.gatherUsageStats", "false"],
                    cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, env={**os.environ, **self.env})
                self.apps.append(proc)
                self.app_ports.append(port)
            for proc, port in zip(self.apps, self.app_ports):
                wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc, self.tmp / f"app{self.apps.index(proc)}.log")
            (self.tmp / "dsconv.conf").write_text(site_conf([f"127.0.0.1:{p}" for p in self.app_ports],
                                                            f"127.0.0.1:{self.port}"))
            (self.tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=self.tmp))
            log = self.tmp / "nginx.out"
            self.nginx = subprocess.Popen([NGINX, "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf"),
                                           "-g", "daemon off;"], stdout=log.open("w"), stderr=subprocess.STDOUT)
            wait_healthy(f"{self.url}/_stcore/health", self.nginx, log, 30)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for proc in ([self.nginx] if self.nginx else []) + self.apps:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM if proc is not self.nginx else signal.SIGQUIT)
        for proc in ([self.nginx] if self.nginx else []) + self.apps:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def logs(self) -> str:
        """Every replica's and nginx's log (for a failing test's message)."""
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.tmp.glob("*.log")) + sorted(self.tmp.glob("*.out")) if p.exists())

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="app processes (default 2; about one per CPU core)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1 (default 8080)")
    args = parser.parse_args()
    with Cluster(args.replicas, args.port) as cluster:
        print(f"{args.replicas} replicas on ports {cluster.app_ports} behind nginx: open {cluster.url}", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
