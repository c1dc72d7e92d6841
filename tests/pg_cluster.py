#!/usr/bin/env python3
"""A throwaway PostgreSQL 15 cluster for the tests: initdb into a directory, a server on
a Unix socket in that directory and a free port, no TCP listener, fsync off (the tests
never survive a power cut), and one superuser, samizdat, with no password.

As a module: start(directory) -> URL, stop(directory), restart(directory) (the same data
and port again, for tests that take the database away and bring it back), url(directory).
From the shell (the CTest fixture of tests/unit/store uses it):
    pg_cluster.py start DIR    # prints the URL of database "samizdat", also in DIR/url
    pg_cluster.py start --durable DIR   # the same with fsync and synchronous commit on
    pg_cluster.py stop DIR     # stops the server and removes DIR

initdb and the server refuse to run as root; as root they run as the postgres user that
Debian's postgresql package creates, and DIR is handed to it.
"""
import glob
import os
import shutil
import socket
import subprocess
import sys


def _bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        sys.exit(f"pg_cluster: {name} not found; install Debian's postgresql package "
                 "(scripts/install-deps.sh does)")
    return found[-1]


def _as_server_user(argv):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + argv
    return argv


def _run(argv, **kwargs):
    result = subprocess.run(_as_server_user(argv), capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def url(directory, database="samizdat"):
    """The libpq URL of `database` on the cluster in `directory`."""
    with open(os.path.join(directory, "port")) as f:
        port = f.read().strip()
    return f"postgresql:///{database}?host={directory}&port={port}&user=samizdat"


def _pg_ctl_start(directory):
    with open(os.path.join(directory, "port")) as f:
        port = f.read().strip()
    options = f"-p {port} -k {directory} -c listen_addresses='' -c max_connections=200"
    if not os.path.exists(os.path.join(directory, "durable")):
        options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    _run([_bin("pg_ctl"), "start", "-w", "-t", "60", "-D", os.path.join(directory, "data"),
          "-l", os.path.join(directory, "server.log"), "-o", options])


def start(directory, durable=False):
    """Makes a new cluster in `directory` (wiping any old one there), starts it, creates
    the database "samizdat" and returns its URL. durable=True keeps PostgreSQL's own
    settings (fsync, full page writes, synchronous commit): a commit waits for its fsync,
    as a production server's does (for benchmarks that compare commit costs)."""
    if os.path.isdir(os.path.join(directory, "data")):
        stop(directory)
    os.makedirs(directory, exist_ok=True)
    if durable:
        open(os.path.join(directory, "durable"), "w").close()  # restart() keeps it
    os.chmod(directory, 0o755)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    _run([_bin("initdb"), "-D", os.path.join(directory, "data"), "-U", "samizdat",
          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
    with open(os.path.join(directory, "port"), "w") as f:
        f.write(str(_free_port()))
    _pg_ctl_start(directory)
    subprocess.run([_bin("psql"), url(directory, "postgres"), "-q", "-c",
                    "CREATE DATABASE samizdat"], check=True, capture_output=True)
    with open(os.path.join(directory, "url"), "w") as f:
        f.write(url(directory) + "\n")
    return url(directory)


def halt(directory):
    """Stops the server at once (connections are cut), keeping its data for restart()."""
    _run([_bin("pg_ctl"), "stop", "-w", "-m", "immediate", "-D",
          os.path.join(directory, "data")])


def restart(directory):
    """Starts the server of `directory` again on its port, after halt()."""
    _pg_ctl_start(directory)


def stop(directory):
    """Stops the server (if running) and removes `directory`."""
    data = os.path.join(directory, "data")
    if os.path.isdir(data):
        subprocess.run(_as_server_user([_bin("pg_ctl"), "stop", "-w", "-m", "immediate",
                                        "-D", data]), capture_output=True)
    shutil.rmtree(directory, ignore_errors=True)


def main(argv):
    durable = "--durable" in argv[2:3]
    if durable:
        argv = argv[:2] + argv[3:]
    if len(argv) != 3 or argv[1] not in ("start", "stop") or (durable and argv[1] != "start"):
        sys.exit("usage: pg_cluster.py start [--durable] DIR | stop DIR")
    directory = os.path.abspath(argv[2])
    if argv[1] == "start":
        print(start(directory, durable))
    else:
        stop(directory)


if __name__ == "__main__":
    main(sys.argv)
