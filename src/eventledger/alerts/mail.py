"""Email behind a small interface: ``Mailer`` (send one message), ``SmtpMailer`` the real one.

SMTP errors and socket errors are translated into ``FetchError`` here, so the dispatcher treats a
refused mail like a refused webhook: retried with back-off, then marked failed.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from eventledger.errors import FetchError
from eventledger.settings import Settings


class Mailer(Protocol):
    def send(self, to: str, subject: str, text: str) -> None: ...


class SmtpMailer:
    """One SMTP connection per message (alerts are few; no idle connection to keep alive)."""

    def __init__(self, settings: Settings) -> None:
        self.host = settings.smtp_host
        self.port = settings.smtp_port
        self.user = settings.smtp_user
        self.password = settings.smtp_password
        self.sender = settings.smtp_sender
        self.starttls = settings.smtp_starttls
        self.timeout = settings.alert_timeout_s

    def send(self, to: str, subject: str, text: str) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content(text)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise FetchError(f"SMTP {self.host}:{self.port}: {exc.__class__.__name__}: {exc}") from None


def mailer_from(settings: Settings) -> Mailer | None:
    """The SMTP mailer when ``smtp_host`` is set, else None (email channels wait)."""
    return SmtpMailer(settings) if settings.smtp_host else None
