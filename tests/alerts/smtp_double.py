"""A tiny SMTP server for the email tests: enough of RFC 5321 for ``smtplib`` (no TLS, no auth),
keeping every message it accepts. Listens on 127.0.0.1 only."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

from tests.threaded_server import running


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    refuse_next: int = 0  # answer 451 to this many DATA commands
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(box: Mailbox) -> type[socketserver.StreamRequestHandler]:
    class Handler(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write(line.encode("ascii") + b"\r\n")

        def handle(self) -> None:
            self.reply("220 localhost test SMTP")
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    self.reply("250 localhost")
                elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                    self.reply("250 OK")
                elif verb == "DATA":
                    self._data()
                elif verb == "QUIT":
                    self.reply("221 bye")
                    return
                else:
                    self.reply("502 not implemented")

        def _data(self) -> None:
            self.reply("354 end with .")
            chunks: list[bytes] = []
            while (line := self.rfile.readline()) not in (b".\r\n", b""):
                chunks.append(line[1:] if line.startswith(b"..") else line)
            with box.lock:
                if box.refuse_next:
                    box.refuse_next -= 1
                    self.reply("451 try again later")
                    return
                box.messages.append(message_from_bytes(b"".join(chunks)))
            self.reply("250 queued")

    return Handler


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    box = Mailbox()
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _handler(box))
    box.port = server.server_address[1]
    with running(server):
        yield box
