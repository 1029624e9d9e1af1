"""How to address a customer: as they asked, by the rules of Dutch (and English) letters.

Dutch capitalises the first word of a tussenvoegsel when no first name or initials precede it:
"Geachte heer Van der Berg", but "Jan van der Berg" and "J. van der Berg".
"""

from __future__ import annotations

from klantreis.core.common import Language
from klantreis.core.customer import Customer, Salutation

_TITLE = {
    (Language.NL, Salutation.HEER): "heer",
    (Language.NL, Salutation.MEVROUW): "mevrouw",
    (Language.EN, Salutation.HEER): "Mr",
    (Language.EN, Salutation.MEVROUW): "Ms",
}


def surname_alone(customer: Customer) -> str:
    """The surname as written without anything before it: 'Van der Berg'."""
    if not customer.tussenvoegsel:
        return customer.surname
    first, *rest = customer.tussenvoegsel.split()
    return " ".join([first[:1].upper() + first[1:], *rest, customer.surname])


def full_name(customer: Customer) -> str:
    """'Jan van der Berg', or 'J. van der Berg' when only initials are known."""
    given = customer.first_name or customer.initials
    return f"{given} {customer.full_surname}".strip() if given else surname_alone(customer)


def salutation(customer: Customer, language: Language | None = None) -> str:
    """The opening line: 'Geachte heer Van der Berg', 'Beste Anna', 'Dear Ms Jansen'."""
    language = language or customer.language
    dear_formal, dear_informal = (
        ("Geachte", "Beste") if language is Language.NL else ("Dear", "Dear")
    )
    if customer.salutation is Salutation.FIRST_NAME:
        return f"{dear_informal} {customer.first_name}"
    if (
        customer.salutation is Salutation.NEUTRAL
        and customer.organisation
        and customer.contact_role
    ):
        # A business or institution contact who asked to be addressed by role, not by name.
        joiner = "van" if language is Language.NL else "of"
        return f"{dear_formal} {customer.contact_role} {joiner} {customer.organisation}"
    title = _TITLE.get((language, customer.salutation))
    if title:
        return f"{dear_formal} {title} {surname_alone(customer)}"
    return f"{dear_formal} {full_name(customer)}"
