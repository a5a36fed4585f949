"""Decide, for one alert, which channels it goes to, when, and whether it opens or updates an incident email."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from contracts.events import AlertRaised
from services.notifier.alert_email import IncidentUpdate, build_alert_email
from services.notifier.i18n import render
from services.notifier.incidents import Decision, IncidentLedger
from services.notifier.ledger import DeliveryLedger
from services.notifier.mailer import EmailOutcome, send_to
from services.notifier.policy import URGENT_CATEGORIES, quiet_hours_end
from services.notifier.preferences import Preferences, build_preferences, load_preferences
from services.notifier.smtp import TransientDeliveryError
from services.notifier.webhooks import WebhookQueue
from vigie.logs import get_logger
from vigie.metrics import ALERTS_SENT
from vigie.mongo import Document
from vigie.settings import Settings

log = get_logger(__name__)

EMAIL = "email"
WEBHOOK = "webhook"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class AlertDispatcher:
    def __init__(self, settings: Settings, database, webhooks: WebhookQueue | None = None,  # type: ignore[no-untyped-def]
                 clock: Clock = utc_now):
        self._settings = settings
        self._database = database
        self._ledger = DeliveryLedger(database)
        self._incidents = IncidentLedger(database, timedelta(seconds=settings.ALERT_UPDATE_INTERVAL_SECONDS))
        self._webhooks = webhooks or WebhookQueue(database)
        self._clock = clock

    async def dispatch(self, alert: AlertRaised, batch: Sequence[AlertRaised] = ()) -> None:
        """Handle one alert from the topic; raise TransientDeliveryError to have it redelivered.

        `batch` contains the alerts consumed with this one. A first email also lists the alerts of the batch on
        the same review and incident (scoring raises one alert per flagged category), so that a defamation
        alert also shows, say, the personal data found in the same review.
        """
        preferences = await load_preferences(self._database, alert.tenant_id, alert.practice_ref)
        if not preferences.accepts(alert.category.value, alert.severity):
            if await self._ledger.claim(alert, EMAIL):
                await self._ledger.mark(alert.alert_id, EMAIL, "below_threshold",
                                        f"severity {alert.severity.value} is below the practice's minimum")
                ALERTS_SENT.labels(EMAIL, "below_threshold").inc()
            return

        if WEBHOOK in preferences.channels:
            queued = await self._webhooks.enqueue(alert)
            ALERTS_SENT.labels(WEBHOOK, "queued" if queued else "duplicate").inc()
        if EMAIL not in preferences.channels:
            return
        if not await self._ledger.claim(alert, EMAIL):
            ALERTS_SENT.labels(EMAIL, "duplicate").inc()
            log.debug("alert already handled", alert_id=alert.alert_id)
            return
        companions = [other for other in batch if other.alert_id != alert.alert_id
                      and other.review_id == alert.review_id and other.incident_key == alert.incident_key
                      and other.tenant_id == alert.tenant_id and preferences.accepts(other.category.value,
                                                                                     other.severity)]
        await self._email(alert, preferences, companions)

    async def release_deferred(self) -> int:
        """Send the deferred alerts whose quiet hours are over; return how many were released."""
        released = 0
        while (alert := await self._ledger.release_due(EMAIL, self._clock())) is not None:
            preferences = await load_preferences(self._database, alert.tenant_id, alert.practice_ref)
            try:
                await self._email(alert, preferences)
            except TransientDeliveryError as exc:
                await self._ledger.defer(alert.alert_id, EMAIL, self._clock())
                log.warning("deferred alert not sent; retrying on the next tick", alert_id=alert.alert_id,
                            error=str(exc))
                break
            released += 1
        return released

    async def send_due_updates(self) -> int:
        """Send the incident updates held back by the hourly limit; return how many went out."""
        sent = 0
        for record in await self._incidents.due_updates(self._clock()):
            preferences = await load_preferences(self._database, str(record["tenant_id"]),
                                                 str(record["practice_ref"]))
            alerts = await self._ledger.alerts(list(record["alert_ids"]), EMAIL)  # type: ignore[call-overload]
            if not alerts or self._is_quiet(alerts[-1], preferences):
                continue
            claimed = await self._incidents.claim_update(record, self._clock())
            if claimed is None:
                continue
            try:
                await self._send_incident_email(alerts[-1], preferences, claimed, Decision.UPDATE)
            except TransientDeliveryError as exc:
                await self._incidents.release_update(claimed)
                log.warning("incident update not sent; retrying on the next tick",
                            incident_key=record["incident_key"], error=str(exc))
                break
            sent += 1
        return sent

    def _is_quiet(self, alert: AlertRaised, preferences: Preferences) -> bool:
        if alert.category in URGENT_CATEGORIES:
            return False
        return quiet_hours_end(preferences.quiet_hours, self._clock()) is not None

    async def _email(self, alert: AlertRaised, preferences: Preferences,
                     companions: Sequence[AlertRaised] = ()) -> None:
        if not preferences.emails:
            await self._ledger.mark(alert.alert_id, EMAIL, "no_recipient", "the practice has no alert email")
            ALERTS_SENT.labels(EMAIL, "no_recipient").inc()
            log.warning("alert has no recipient", alert_id=alert.alert_id, practice_ref=alert.practice_ref)
            return

        if alert.category not in URGENT_CATEGORIES:
            quiet_end = quiet_hours_end(preferences.quiet_hours, self._clock())
            if quiet_end is not None:
                await self._ledger.defer(alert.alert_id, EMAIL, quiet_end)
                ALERTS_SENT.labels(EMAIL, "deferred").inc()
                log.info("alert deferred to the end of quiet hours", alert_id=alert.alert_id,
                         deliver_after=quiet_end.isoformat())
                return

        incident = await self._incidents.record(alert, EMAIL, self._clock())
        if incident.decision is Decision.GROUPED:
            await self._ledger.mark(alert.alert_id, EMAIL, "grouped", "joined an incident already notified",
                                    incident_key=alert.incident_key)
            ALERTS_SENT.labels(EMAIL, "grouped").inc()
            log.info("alert grouped into its incident", alert_id=alert.alert_id, incident_key=alert.incident_key)
            return
        try:
            outcome = await self._send_incident_email(alert, preferences, incident.record, incident.decision,
                                                      companions)
        except TransientDeliveryError:
            if incident.decision is Decision.UPDATE:
                await self._incidents.release_update(incident.record)
            raise
        await self._ledger.mark(alert.alert_id, EMAIL, outcome.status, outcome.detail,
                                incident_key=alert.incident_key, **outcome.ledger_fields())

    async def _send_incident_email(self, alert: AlertRaised, preferences: Preferences, record: Document,
                                   decision: Decision, companions: Sequence[AlertRaised] = ()) -> EmailOutcome:
        update = None
        related = list(companions)
        if decision is Decision.UPDATE:
            alerts = await self._ledger.alerts(list(record["alert_ids"]), EMAIL)  # type: ignore[call-overload]
            # Newest first, so the latest evidence leads each finding.
            related = [other for other in reversed(alerts) if other.alert_id != alert.alert_id]
            update = IncidentUpdate(len(record["alert_ids"]), record.get("first_sent_at") or alert.raised_at)  # type: ignore[arg-type]

        def build(recipients: tuple[str, ...]) -> EmailMessage:
            message = build_alert_email(alert, preferences, self._settings.MAIL_FROM, recipients, update, related)
            if update is not None:
                # A new id per update, so mail clients do not drop it as a copy of the first email.
                del message["Message-ID"]
                message["Message-ID"] = make_msgid(idstring=f"{alert.alert_id}.update", domain="vigie.localhost")
            return message

        outcome = await send_to(self._settings, build, preferences.emails)
        covered = [alert.alert_id, *(other.alert_id for other in related)]
        await self._incidents.mark(record, outcome.status, self._clock(), covered)
        label = {"sent": "sent" if update is None else "updated", "invalid_recipient": "invalid"}
        ALERTS_SENT.labels(EMAIL, label.get(outcome.status, outcome.status)).inc()
        log_method = log.info if outcome.status == "sent" else log.warning
        log_method("alert email handled", alert_id=alert.alert_id, outcome=outcome.status,
                   decision=decision.value, category=alert.category.value)
        return outcome


async def notify_endpoint_disabled(settings: Settings, database, endpoint: Document, error: str) -> None:  # type: ignore[no-untyped-def]
    """Email the tenant that one of its webhook endpoints was disabled."""
    tenant = await database.tenants.find_one({"_id": endpoint["tenant_id"]}) or {}
    preferences = build_preferences(tenant, {}, str(endpoint["tenant_id"]), "")
    addresses = preferences.emails
    if not addresses:
        practices = database.practices.find({"tenant_id": endpoint["tenant_id"]})
        addresses = tuple(sorted({str(e) async for p in practices for e in (p.get("notify") or {}).get("emails", [])}))
    context = {"language": preferences.language, "url": endpoint["url"], "last_error": error,
               "failures": int(str(endpoint["consecutive_failures"]))}
    subject = " ".join(render(preferences.language, "endpoint_disabled_subject.txt", **context).split())

    def build(recipients: tuple[str, ...]) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = settings.MAIL_FROM
        message["To"] = ", ".join(recipients)
        message["X-Vigie-Webhook-Endpoint"] = str(endpoint["_id"])
        message.set_content(render(preferences.language, "endpoint_disabled.txt", subject=subject, **context))
        message.add_alternative(render(preferences.language, "endpoint_disabled.html", subject=subject, **context),
                                subtype="html")
        return message

    try:
        outcome = await send_to(settings, build, addresses)
    except TransientDeliveryError as exc:
        # NOTE: this email is not retried; the disabled endpoint stays visible in webhook_endpoints.
        log.error("endpoint-disabled email not sent", endpoint_id=endpoint["_id"], error=str(exc))
        return
    await database.webhook_endpoints.update_one(
        {"_id": endpoint["_id"]},
        {"$set": {"disabled_notice": outcome.status, "disabled_notice_detail": outcome.detail}},
    )
