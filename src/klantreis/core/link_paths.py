"""Where each kind of link opens: one path prefix per page, spelled here only.

Customers' pages take a personal link (``klantreis.core.links``). Staff sign in to the
console (``/staff``); the paths of their signed links from before it only redirect there.
Routers, redirects, messages and the CLI all build their paths and addresses with
``path_of`` and ``address_of``."""

from __future__ import annotations

from enum import StrEnum

from klantreis.core.links import PersonalLinks, Purpose


class Page(StrEnum):
    BOOKING = "b"  # choose, move or cancel the visit (personal link, MANAGE)
    PREFERENCES = "v"  # how to be addressed and reached (personal link, MANAGE)
    TRACKING = "t"  # where the technician is (personal link, TRACK)
    SURVEY = "s"  # rate the visit (personal link, SURVEY)
    CONTACT = "c"  # confirm a new address (the secret of that request)
    TECHNICIAN = "m"  # the technician's day (an old staff link: now /staff/technician)
    PLANNER = "p"  # the planner's day (an old staff link: now /staff/planner)
    ANALYST = "a"  # the analysts' page (an old staff link: now /staff/analytics)

    @property
    def prefix(self) -> str:
        return f"/{self.value}"


# What a customer's personal link for each of their pages is made for.
PURPOSE = {
    Page.BOOKING: Purpose.MANAGE,
    Page.PREFERENCES: Purpose.MANAGE,
    Page.TRACKING: Purpose.TRACK,
    Page.SURVEY: Purpose.SURVEY,
}
LINKED_PAGES = tuple(f"{page.prefix}/" for page in Page if page is not Page.CONTACT)


def path_of(page: Page, token: str) -> str:
    return f"{page.prefix}/{token}"


def address_of(base_url: str, page: Page, token: str) -> str:
    """The full address, as a message or the CLI gives it."""
    return f"{base_url.rstrip('/')}{path_of(page, token)}"


def case_address(base_url: str, links: PersonalLinks, page: Page, case_id: str) -> str:
    """A customer's own address for ``page`` of their case, its link made for that page."""
    return address_of(base_url, page, links.token_for(case_id, PURPOSE[page]))
