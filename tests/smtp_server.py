#!/usr/bin/python3
"""A loopback SMTP server for the mail tests (Debian's python3-aiosmtpd).

    smtp_server.py DIR [--refuse rcpt|data] [--port N]

Prints "listening on 127.0.0.1:PORT" once ready, then saves every message it
accepts as DIR/NNN.eml (the raw DATA bytes) and its envelope as DIR/NNN.json.
--refuse rcpt answers 550 to every RCPT TO, --refuse data answers 554 after DATA.
Runs until killed (SIGTERM) or for --seconds (default 120) at most.
"""
import argparse
import json
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = refuse
        self.n = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse == "rcpt":
            return "550 5.1.1 <%s>: recipient refused by the test server" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse == "data":
            return "554 5.7.1 message refused by the test server"
        with self.lock:
            self.n += 1
            base = os.path.join(self.folder, "%03d" % self.n)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted for delivery"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--refuse", choices=["rcpt", "data"])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--seconds", type=float, default=120)
    a = ap.parse_args()
    os.makedirs(a.folder, exist_ok=True)
    port = a.port or free_port()
    ctl = Controller(Saver(a.folder, a.refuse), hostname="127.0.0.1", port=port,
                     data_size_limit=64 << 20)
    ctl.start()
    print("listening on 127.0.0.1:%d" % port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait(a.seconds)
    ctl.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
