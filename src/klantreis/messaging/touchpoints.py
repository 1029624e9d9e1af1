"""The moments we write to a customer, and what each may say."""

from __future__ import annotations

from enum import StrEnum

from klantreis.core.customer import Purpose


class Touchpoint(StrEnum):
    INVITATION = "invitation"
    CONFIRMATION = "confirmation"
    BOOKED_FOR_YOU = "booked_for_you"  # booked on the customer's standing permission
    REMINDER = "reminder"
    ON_THE_WAY = "on_the_way"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    SURVEY = "survey"
    APOLOGY = "apology"
    CALLBACK = "callback"
    REPLY = "reply"  # the automatic answer to a reschedule or cancel request
    NEW_LINK = "new_link"  # a fresh personal link, asked for from an expired one
    CONTACT_CONFIRM = "contact_confirm"  # to a new address: confirm it is yours
    CONTACT_NOTICE = "contact_notice"  # to the address of today: a change was asked for
    PASSWORD_RESET = "password_reset"  # to a staff member (no customer): choose a new password


# Messages to the firm's own people: on nobody's customer journey.
STAFF_TOUCHPOINTS = frozenset({Touchpoint.PASSWORD_RESET})


class Urgency(StrEnum):
    """How a message weighs the customer's calendar against its own timeliness."""

    NOW = "now"  # the technician is coming: quiet hours only
    PROMPT = "prompt"  # answers to what the customer did: quiet hours and absences
    DEFERRABLE = "deferrable"  # may wait for holidays, Sundays and school breaks too


PURPOSE = {t: Purpose.SURVEY if t is Touchpoint.SURVEY else Purpose.SERVICE for t in Touchpoint}
URGENCY = {
    Touchpoint.INVITATION: Urgency.DEFERRABLE,
    Touchpoint.SURVEY: Urgency.DEFERRABLE,
    Touchpoint.REMINDER: Urgency.PROMPT,
    Touchpoint.CONFIRMATION: Urgency.PROMPT,
    Touchpoint.BOOKED_FOR_YOU: Urgency.PROMPT,
    Touchpoint.RESCHEDULED: Urgency.PROMPT,
    Touchpoint.CANCELLED: Urgency.PROMPT,
    Touchpoint.APOLOGY: Urgency.PROMPT,
    Touchpoint.CALLBACK: Urgency.PROMPT,
    Touchpoint.REPLY: Urgency.PROMPT,
    Touchpoint.NEW_LINK: Urgency.PROMPT,
    Touchpoint.CONTACT_CONFIRM: Urgency.NOW,  # its link is valid for a day only
    Touchpoint.CONTACT_NOTICE: Urgency.NOW,  # the customer must hear before it is confirmed
    Touchpoint.ON_THE_WAY: Urgency.NOW,
    Touchpoint.PASSWORD_RESET: Urgency.NOW,  # its link is valid for an hour
}

# Placeholders every template may use, and those only some touchpoints can fill.
COMMON = frozenset({"salutation", "name", "organisation", "device", "link"})
PLACEHOLDERS: dict[Touchpoint, frozenset[str]] = {
    Touchpoint.INVITATION: COMMON | {"reason", "deadline"},  # deadline: "" or "; ... before"
    Touchpoint.CONFIRMATION: COMMON | {"date", "start", "end"},
    Touchpoint.BOOKED_FOR_YOU: COMMON | {"date", "start", "end"},
    Touchpoint.REMINDER: COMMON | {"date", "start", "end"},
    Touchpoint.ON_THE_WAY: COMMON | {"eta_start", "eta_end", "technician"},
    Touchpoint.RESCHEDULED: COMMON | {"date", "start", "end", "old_date", "old_start"},
    Touchpoint.CANCELLED: COMMON | {"date", "start"},
    Touchpoint.SURVEY: COMMON,
    Touchpoint.APOLOGY: COMMON | {"reason"},
    Touchpoint.CALLBACK: COMMON | {"date", "start", "end"},
    Touchpoint.REPLY: COMMON | {"request"},
    Touchpoint.NEW_LINK: COMMON,
    Touchpoint.CONTACT_CONFIRM: COMMON | {"address"},
    Touchpoint.CONTACT_NOTICE: COMMON | {"address"},
    Touchpoint.PASSWORD_RESET: COMMON,
}
