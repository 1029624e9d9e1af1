"""The composition root: the one place where ports meet their adapters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import lru_cache, partial
from pathlib import Path

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import Engine

from klantreis.app.config import Settings
from klantreis.app.ports import AppUnit
from klantreis.app.unit_of_work import SqlAlchemyUnitOfWork
from klantreis.core.clock import SystemClock
from klantreis.core.common import Channel
from klantreis.core.crypto import (
    ANALYST_PSEUDONYMS,
    BOOKING_LINKS,
    STAFF_FORMS,
    STAFF_OIDC,
    KeyRing,
    derive,
)
from klantreis.core.customer import Persona
from klantreis.core.db.engine import make_engine, make_session_factory
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.link_paths import Page, address_of, case_address
from klantreis.core.links import PersonalLinks
from klantreis.core.ports import Clock, Gazetteer, HolidayCalendar
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.pseudonyms import Pseudonyms
from klantreis.messaging.outbox_service import Messenger
from klantreis.messaging.ports import IntentReader, Sender, Templates
from klantreis.planning.photo_store import FolderPhotoStore
from klantreis.planning.solvers.pyvrp_day import PlanCosts
from klantreis.scheduling.area_days_service import AreaDays
from klantreis.scheduling.booking_service import BookingContext
from klantreis.scheduling.calendars.holidays import DutchHolidays
from klantreis.scheduling.calendars.sources import CalendarSources
from klantreis.scheduling.offers import OfferSettings
from klantreis.scheduling.plan_cache import PlanCache
from klantreis.scheduling.ports import (
    CalendarSource,
    Cipher,
    TravelTimes,
)
from klantreis.scheduling.slots import OfferPolicy, SlotGrid
from klantreis.scheduling.travel import HaversineTravel
from klantreis.staff.csrf import CsrfTokens
from klantreis.staff.model import SessionPolicy
from klantreis.staff.oidc import OidcClient, OidcSettings
from klantreis.staff.throttle import Throttle
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.telemetry.fleet.catalogue import load_catalogue
from klantreis.telemetry.ports import ModelCodec
from klantreis.telemetry.predicted_visits import VisitEconomics
from klantreis.telemetry.scoring import ScanPolicy


@dataclass
class Container:
    settings: Settings
    engine: Engine
    clock: Clock
    gazetteer: Gazetteer
    uow_factory: Callable[..., AppUnit] = field(repr=False)  # read_only: bool = False
    travel: TravelTimes = field(default_factory=HaversineTravel)
    holidays: HolidayCalendar = field(default_factory=DutchHolidays)
    calendars: CalendarSource = field(init=False)
    offer_settings: OfferSettings = field(init=False)
    plan_cache: PlanCache = field(default_factory=PlanCache)
    area_days: AreaDays = field(init=False)
    cipher: Cipher = field(init=False)
    links: PersonalLinks = field(init=False)
    staff_sessions: SessionPolicy = field(init=False)
    staff_forms: CsrfTokens = field(init=False)
    oidc_attempts: URLSafeTimedSerializer = field(init=False)
    sign_in_throttle: Throttle = field(default_factory=Throttle)
    pseudonyms: Pseudonyms = field(init=False)
    appliances: Catalogue = field(init=False)

    def __post_init__(self) -> None:
        self.offer_settings = offer_settings(self.settings)
        # Checked whole here: a catalogue that does not add up stops the start, named.
        given = self.settings.appliance_catalogue
        self.appliances = load_catalogue(Path(given) if given else None)
        self.calendars = CalendarSources(
            self.settings.calendar_fetch_seconds, self.settings.calendar_allowed_hosts
        )
        self.area_days = AreaDays(self.clock, enabled=self.settings.offer_area_days)
        keys = KeyRing(self.settings.secret_key, self.settings.previous_secret_keys)
        self.cipher = keys.cipher()
        # Links signed before keys were derived per purpose stay valid until they expire.
        self.links = PersonalLinks(
            [*(s.encode() for s in reversed(keys.secrets)), *keys.signing_keys(BOOKING_LINKS)],
            self.clock,
            self.settings.link_max_age_days,
        )
        self.pseudonyms = Pseudonyms(derive(self.settings.secret_key, ANALYST_PSEUDONYMS))
        self.staff_sessions = SessionPolicy(
            idle=timedelta(minutes=self.settings.staff_idle_minutes),
            absolute=timedelta(hours=self.settings.staff_session_hours),
        )
        self.staff_forms = CsrfTokens(keys.signing_keys(STAFF_FORMS))
        # What a sign-in at the identity provider carries there and back (state, nonce, PKCE).
        self.oidc_attempts = URLSafeTimedSerializer(keys.signing_keys(STAFF_OIDC), salt="oidc")

    @property
    def public_base_url(self) -> str:
        return self.settings.public_base_url

    @property
    def photos(self) -> FolderPhotoStore:
        return FolderPhotoStore(Path(self.settings.photo_dir))

    @property
    def plan_costs(self) -> PlanCosts:
        return PlanCosts.priced(self.settings.plan_euro_per_hour, self.settings.plan_euro_per_km)

    @property
    def identity_provider(self) -> OidcClient | None:
        return _oidc_client(
            self.settings.oidc_issuer,
            self.settings.oidc_client_id,
            self.settings.oidc_client_secret,
        )

    def scan_policy(self) -> ScanPolicy:
        """The risk scan's policy from the settings; ``InvalidValue`` names a bad rate."""
        s = self.settings
        default = VisitEconomics()
        try:
            economics = VisitEconomics(
                visit_euro=_or(s.predict_visit_euro, default.visit_euro),
                repair_premium_euro=_or(s.predict_repair_premium_euro, default.repair_premium_euro),
                downtime_days=_or(s.predict_downtime_days, default.downtime_days),
            )
            if s.predict_downtime_euro_per_day is not None:
                try:
                    rates = {Persona(k): v for k, v in s.predict_downtime_euro_per_day.items()}
                except ValueError as error:
                    raise InvalidValue("downtime_euro_per_day", str(error)) from None
                economics = replace(economics, downtime_euro_per_day=rates)
        except InvalidValue as invalid:  # named as the setting that holds it
            raise InvalidValue(f"predict_{invalid.field}", invalid.message) from None
        return ScanPolicy(economics)

    @property
    def booking(self) -> BookingContext:
        return BookingContext(
            self.clock, self.travel, self.holidays, self.offer_settings, self.messenger
        )

    @property
    def messenger(self) -> Messenger:
        from klantreis.scheduling.calendars.sending import dutch_sending_calendar

        year = self.clock.now().year
        base = self.settings.public_base_url.rstrip("/")
        return Messenger(
            templates=_catalog(),
            calendar=dutch_sending_calendar(year - 1, year + 2),
            link_for=partial(case_address, base, self.links, Page.BOOKING),
            survey_link_for=partial(case_address, base, self.links, Page.SURVEY),
            tracking_link_for=partial(case_address, base, self.links, Page.TRACKING),
            confirm_link_for=partial(address_of, base, Page.CONTACT),
        )

    def senders(self) -> dict[Channel, Sender]:
        from klantreis.messaging.apprise_sender import AppriseSender
        from klantreis.messaging.letters import LetterSender
        from klantreis.messaging.smtp import SmtpSender

        s = self.settings
        found: dict[Channel, Sender] = {
            Channel.EMAIL: SmtpSender(s.smtp_host, s.smtp_port, s.mail_from),
            Channel.LETTER: LetterSender(
                Path(s.letter_dir), ("Klantreis", "Postbus 1234", "3500 AA  Utrecht")
            ),
        }
        for channel, url in (
            (Channel.SMS, s.sms_url),
            (Channel.WHATSAPP, s.whatsapp_url),
            (Channel.PUSH, s.push_url),
        ):
            if url:
                found[channel] = AppriseSender(url)
        return found

    @property
    def intent_reader(self) -> IntentReader:
        return _intent_reader()

    @property
    def model_codec(self) -> ModelCodec:
        # Imported on first use: scikit-learn costs a second at start-up the API rarely needs.
        from klantreis.telemetry.fleet.telemetry_model import SklearnModelCodec

        return SklearnModelCodec()

    def dispose(self) -> None:
        self.engine.dispose()


def _or(given: float | None, default: float) -> float:
    return default if given is None else given


@lru_cache(maxsize=1)
def _catalog() -> Templates:
    from klantreis.messaging.catalog import TemplateCatalog

    return TemplateCatalog.packaged()


@lru_cache(maxsize=1)
def _intent_reader() -> IntentReader:
    # Trained from the packaged labelled set on first use (about two seconds), once per process.
    from klantreis.inbound.triage_model import IntentClassifier

    return IntentClassifier.packaged()


def bootstrap(settings: Settings | None = None, clock: Clock | None = None) -> Container:
    settings = settings or Settings()
    engine = make_engine(settings.database_url, settings.database_busy_seconds)
    session_factory = make_session_factory(engine)
    return Container(
        settings=settings,
        engine=engine,
        clock=clock or SystemClock(),
        gazetteer=Pc4Gazetteer.packaged(),
        uow_factory=lambda read_only=False: SqlAlchemyUnitOfWork(session_factory, read_only),
    )


def offer_settings(settings: Settings) -> OfferSettings:
    return OfferSettings(
        grid=SlotGrid(
            settings.slot_first_start, settings.slot_last_end, settings.slot_step_minutes
        ),
        policy=OfferPolicy(
            eco_minutes=settings.offer_eco_minutes,
            max_added_minutes=settings.offer_max_added_minutes,
            off_area_premium_minutes=settings.offer_off_area_premium_minutes,
            recommended=settings.offer_recommended,
            recommended_min_days=settings.offer_recommended_min_days,
        ),
        horizon_days=settings.offer_horizon_days,
        lead_hours=settings.offer_lead_hours,
    )


@lru_cache(maxsize=4)
def _oidc_client(issuer: str, client_id: str, client_secret: str) -> OidcClient | None:
    """One client per provider (it keeps the provider's discovered configuration)."""
    if not (issuer and client_id and client_secret):
        return None
    return OidcClient(OidcSettings(issuer, client_id, client_secret))
