"""Send messages through SMTP with aiosmtplib, classing failures as permanent or transient."""

from email.message import EmailMessage

import aiosmtplib

from vigie.settings import Settings


class PermanentDeliveryError(Exception):
    """Raised when the server rejected the recipients or the message: retrying will not help."""


class TransientDeliveryError(Exception):
    """Raised when the server was unreachable or answered 4xx: retry later."""


async def send_email(settings: Settings, message: EmailMessage) -> None:
    password = settings.SMTP_PASSWORD.get_secret_value() if settings.SMTP_PASSWORD else None
    try:
        await aiosmtplib.send(
            message,
            hostname=settings.SMTP_HOST,
            port=settings.SMTP_PORT,
            username=settings.SMTP_USERNAME,
            password=password,
            start_tls=settings.SMTP_STARTTLS,
            timeout=settings.SMTP_TIMEOUT_SECONDS,
        )
    except (aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPSenderRefused, aiosmtplib.SMTPDataError) as exc:
        code = getattr(exc, "code", None)
        if isinstance(code, int) and 400 <= code < 500:
            raise TransientDeliveryError(str(exc)) from exc
        raise PermanentDeliveryError(str(exc)) from exc
    except (aiosmtplib.SMTPException, OSError) as exc:
        raise TransientDeliveryError(str(exc)) from exc
