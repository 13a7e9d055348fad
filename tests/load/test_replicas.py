"""Two app replicas behind Debian's nginx (deploy/local_cluster.py, the compose topology without Docker).

Simulated students (loadsim) spread over both replicas and each stays on its own: every rerun's reply and
every reconnect comes from the same replica and the same server session, and shows that student's values.
"""

from __future__ import annotations

import os
import subprocess
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from deploy.local_cluster import NGINX, SITE_CONF, Cluster, site_conf
from loadsim.students import run_class, summary

ROOT = Path(__file__).resolve().parents[2]


def need_nginx() -> None:
    if not Path(NGINX).exists():
        msg = f"nginx not found at {NGINX} (apt-get install -y nginx)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


def test_site_config_is_the_one_compose_mounts_and_nginx_accepts_it(tmp_path):
    need_nginx()
    compose = (ROOT / "compose.yaml").read_text()
    assert "./deploy/nginx/dsconv.conf:/etc/nginx/conf.d/default.conf" in compose
    text = site_conf(["127.0.0.1:1", "127.0.0.1:2"], "127.0.0.1:3")
    assert "server 127.0.0.1:1 max_fails=0;" in text and "listen 127.0.0.1:3;" in text
    # sticky by cookie (not ip_hash: a class behind one NAT address would all land on one replica)
    conf = SITE_CONF.read_text()
    directives = "\n".join(line.split("#")[0] for line in conf.splitlines())
    assert "hash $dsconv_route consistent;" in directives and "ip_hash" not in directives
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    (tmp_path / "dsconv.conf").write_text(text)
    from deploy.local_cluster import MAIN_CONF

    (tmp_path / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp_path))
    out = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


@pytest.mark.slow
def test_two_replicas_keep_every_student_on_their_own():
    need_nginx()
    with Cluster(2) as cluster:
        # a new browser is given a route cookie; the same cookie always reaches the same replica
        with urllib.request.urlopen(f"{cluster.url}/_stcore/health") as resp:
            cookie = next(c.split(";")[0] for c in resp.headers.get_all("Set-Cookie") if c.startswith("dsconv_route="))
        seen = set()
        for _ in range(5):
            req = urllib.request.Request(f"{cluster.url}/_stcore/health", headers={"Cookie": cookie})
            with urllib.request.urlopen(req) as resp:
                seen.add(resp.headers["X-Dsconv-Replica"])
        assert len(seen) == 1
        with ThreadPoolExecutor(max_workers=1) as pool:  # own thread: an earlier Playwright test may own a loop
            result = pool.submit(run_class, cluster.url, 12, 30.0, period=5.0, ramp=5.0, timeout=120.0,
                                 reconnect_every=2, server_pids=cluster.pids).result()
        print("\n" + summary(result))
        assert result.errors == [], cluster.logs()
    # every student acted and reconnected, always on one replica and one server session
    assert len(result.page_load) == 12 and result.resumes >= 12
    assert all(len(replicas) == 1 and "" not in replicas for replicas in result.replicas.values())
    assert all(len(sessions) == 1 for sessions in result.sessions.values())
    # both replicas got students (12 students on 2 replicas: all on one has probability 2 / 4096)
    used = {r for replicas in result.replicas.values() for r in replicas}
    assert used == {f"127.0.0.1:{p}" for p in cluster.app_ports}
