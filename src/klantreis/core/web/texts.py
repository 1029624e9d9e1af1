"""The words on the customer's pages, in Dutch and English (one voice: warm, short, clear)."""

from __future__ import annotations

from klantreis.core.common import Language

TEXTS: dict[str, dict[Language, str]] = {
    "title": {Language.NL: "Kies uw moment", Language.EN: "Choose your moment"},
    "intro": {
        Language.NL: "Onze monteur komt graag langs voor uw {device}.",
        Language.EN: "Our technician would like to visit you for your {device}.",
    },
    "reason": {Language.NL: "Reden", Language.EN: "Reason"},
    "choose": {
        Language.NL: "Kies alle momenten die u passen",
        Language.EN: "Tick every moment that suits you",
    },
    "choose_help": {
        Language.NL: "Elk moment is een tijdvak van 2 uur; de monteur komt binnen dat tijdvak. "
        "Vinkt u er meer aan, dan houden wij het beste voor u vast. Tot de avond twee dagen "
        "vooraf kunnen we uw bezoek nog naar een ander moment verzetten dat u aanvinkte, en "
        "dan hoort u dat meteen.",
        Language.EN: "Each moment is a 2-hour window; the technician arrives within it. If "
        "you tick more than one, we keep the best one for you. Until the evening two days "
        "before, we may still move your visit to another moment you ticked, and then you "
        "hear from us at once.",
    },
    "books_for_me": {Language.NL: "Boek voor mij", Language.EN: "Book for me"},
    "books_for_me_help": {
        Language.NL: "Als er onderhoud of een reparatie nodig is, boeken wij zelf het beste moment "
        "dat uw gekoppelde agenda en uw afwezigheid vrijlaten, en laten het u meteen weten. "
        "Met één tik verzet of annuleert u het.",
        Language.EN: "When maintenance or a repair is due, we book the best moment your linked "
        "calendar and your absences leave free, and tell you at once. One tap moves or "
        "cancels it.",
    },
    "books_for_me_needs_calendar": {
        Language.NL: "Koppel eerst uw agenda: zonder agenda weten we niet wanneer u thuis bent.",
        Language.EN: "Please link your calendar first: without it we cannot tell when you are "
        "home.",
    },
    "tick_one": {
        Language.NL: "U vinkte nog geen moment aan. Kies ten minste één moment uit de lijst.",
        Language.EN: "You did not tick a moment yet. Please tick at least one from the list.",
    },
    "flexible_booked": {
        Language.NL: "U vinkte ook {others} aan. Tot {cutoff} kunnen we uw bezoek nog naar een "
        "van die momenten verzetten; u hoort dat dan meteen.",
        Language.EN: "You also ticked {others}. Until {cutoff} we may still move your visit to "
        "one of those; you will hear from us at once.",
    },
    "eco": {
        Language.NL: "zuinig: er is dan al een monteur in de buurt",
        Language.EN: "efficient: a technician is already nearby",
    },
    "book": {Language.NL: "Bevestig mijn keuze", Language.EN: "Confirm my choice"},
    "move": {Language.NL: "Verzet naar mijn keuze", Language.EN: "Move to my choice"},
    "booked": {Language.NL: "Uw afspraak", Language.EN: "Your appointment"},
    "booked_at": {
        Language.NL: "De monteur komt op {window}.",
        Language.EN: "The technician comes on {window}.",
    },
    "add_calendar": {
        Language.NL: "Zet in mijn agenda (.ics)",
        Language.EN: "Add to my calendar (.ics)",
    },
    "cancel": {Language.NL: "Annuleer de afspraak", Language.EN: "Cancel the appointment"},
    "cancelled": {
        Language.NL: "Uw afspraak is geannuleerd. Wilt u toch een afspraak? Neem "
        "contact met ons op.",
        Language.EN: "Your appointment has been cancelled. Changed your mind? Contact us.",
    },
    "none_suit": {
        Language.NL: "Geen van deze momenten past?",
        Language.EN: "None of these suit you?",
    },
    "callback_help": {
        Language.NL: "Kies een moment waarop we u mogen bellen; dan spreken we samen iets af.",
        Language.EN: "Choose when we may call you; we will agree on a time together.",
    },
    "callback_field": {
        Language.NL: "Wanneer mogen we u bellen?",
        Language.EN: "When may we call you?",
    },
    "callback_note": {
        Language.NL: "Wat moeten we weten? (niet verplicht)",
        Language.EN: "Anything we should know? (optional)",
    },
    "callback_send": {Language.NL: "Bel mij terug", Language.EN: "Call me back"},
    "callback_invalid": {
        Language.NL: "Dat moment kunnen we niet bellen. Kies een tijdvak uit de lijst.",
        Language.EN: "We cannot call at that moment. Please choose a window from the list.",
    },
    "callback_done": {
        Language.NL: "Dank u. We bellen u in het tijdvak dat u koos.",
        Language.EN: "Thank you. We will call you in the window you chose.",
    },
    "calendar": {Language.NL: "Uw agenda koppelen", Language.EN: "Link your calendar"},
    "calendar_help": {
        Language.NL: "Dan bieden we geen momenten aan waarop u al iets hebt.",
        Language.EN: "Then we will not offer times when you are busy.",
    },
    "calendar_linked": {
        Language.NL: "Uw agenda is gekoppeld.",
        Language.EN: "Your calendar is linked.",
    },
    "calendar_file": {Language.NL: "Agendabestand (.ics)", Language.EN: "Calendar file (.ics)"},
    "calendar_url": {
        Language.NL: "Of: adres van uw agenda (https:// of webcal://)",
        Language.EN: "Or: your calendar's address (https:// or webcal://)",
    },
    "caldav_url": {Language.NL: "Of: CalDAV-server", Language.EN: "Or: CalDAV server"},
    "username": {Language.NL: "Gebruikersnaam", Language.EN: "Username"},
    "password": {Language.NL: "Wachtwoord", Language.EN: "Password"},
    "link": {Language.NL: "Koppel", Language.EN: "Link"},
    "unlink": {Language.NL: "Ontkoppel mijn agenda", Language.EN: "Unlink my calendar"},
    "recommended": {
        Language.NL: "Onze tips voor u",
        Language.EN: "Our suggestions for you",
    },
    "recommended_help": {
        Language.NL: "Deze momenten passen het best in de route van onze monteurs.",
        Language.EN: "These moments fit our technicians' routes best.",
    },
    "show_all": {Language.NL: "Toon alle tijden", Language.EN: "Show all times"},
    "all_times": {Language.NL: "Alle tijden", Language.EN: "All times"},
    "why_nearby": {
        Language.NL: "er is die dag al een monteur bij u in de buurt",
        Language.EN: "a technician is already working near you that day",
    },
    "why_area_day": {
        Language.NL: "die dag werken onze monteurs in uw regio",
        Language.EN: "our technicians work in your area that day",
    },
    "off_area": {
        Language.NL: "buiten de vaste dagen voor uw regio: de monteur rijdt extra om",
        Language.EN: "outside the set days for your area: the technician drives further",
    },
    "whole_day": {Language.NL: "De hele dag past mij", Language.EN: "The whole day suits me"},
    "whole_day_help": {
        Language.NL: "Bent u die dag de hele dag thuis? Dan kiest de monteur het moment dat in "
        "zijn route past, en krijgt u bericht zodra hij onderweg is.",
        Language.EN: "Are you home all that day? Then the technician picks the moment that "
        "fits the route, and you hear from us as soon as they are on the way.",
    },
    "whole_day_field": {Language.NL: "Welke dag?", Language.EN: "Which day?"},
    "whole_day_book": {Language.NL: "Bevestig deze dag", Language.EN: "Confirm this day"},
    "day_not_bookable": {
        Language.NL: "Die dag kunnen we niet de hele dag voor u vrijhouden (te snel, of u bent "
        "dan weg). Kies een andere dag of een tijdvak.",
        Language.EN: "We cannot keep that whole day for you (too soon, or you are away then). "
        "Please choose another day or a window.",
    },
    "not_a_window": {
        Language.NL: "Dat tijdvak kennen we niet. Kies een tijdvak uit de lijst.",
        Language.EN: "We do not know that window. Please choose one from the list.",
    },
    "refused": {
        Language.NL: "Dat lukte niet. Kies een tijdvak uit de lijst of bel ons.",
        Language.EN: "That did not work. Please choose a window from the list or call us.",
    },
    "your_appliance": {Language.NL: "apparaat", Language.EN: "appliance"},
    "reason_periodic_maintenance": {
        Language.NL: "het periodieke onderhoud van uw {device}",
        Language.EN: "the periodic service of your {device}",
    },
    "fix_before": {
        Language.NL: "Wij komen graag vóór {date}, voordat de storing er is: daarom ziet u "
        "alleen momenten tot dan.",
        Language.EN: "We would like to come before {date}, before the fault arrives: that is "
        "why you see only moments until then.",
    },
    "reason_predicted": {
        Language.NL: "onze controle op afstand ziet dat uw {device} binnenkort aandacht "
        "nodig heeft",
        Language.EN: "our remote check sees that your {device} will soon need attention",
    },
    "reason_fault_reported": {
        Language.NL: "uw {device} meldde een storing",
        Language.EN: "your {device} reported a fault",
    },
    "reason_customer_request": {
        Language.NL: "u meldde een storing aan uw {device}",
        Language.EN: "you reported a fault with your {device}",
    },
    "taken": {
        Language.NL: "Dat tijdvak is net door iemand anders gekozen. Kies een ander moment.",
        Language.EN: "That window was just taken. Please choose another.",
    },
    "no_offers": {
        Language.NL: "Er zijn op dit moment geen tijdvakken vrij.",
        Language.EN: "There are no windows available right now.",
    },
    "refused_title": {
        Language.NL: "Deze link werkt niet (meer)",
        Language.EN: "This link does not work (any more)",
    },
    "expired": {Language.NL: "Deze link is verlopen.", Language.EN: "This link has expired."},
    "invalid": {Language.NL: "Deze link is niet geldig.", Language.EN: "This link is not valid."},
    "renew": {Language.NL: "Stuur mij een nieuwe link", Language.EN: "Send me a new link"},
    "renewed": {
        Language.NL: "Als wij u kunnen bereiken, sturen we u een nieuwe link via uw vaste "
        "kanaal (e-mail, sms of post).",
        Language.EN: "If we can reach you, we send you a new link on your usual channel "
        "(e-mail, text message or post).",
    },
    "not_bookable": {
        Language.NL: "Deze afspraak kan niet meer online worden gewijzigd.",
        Language.EN: "This appointment can no longer be changed online.",
    },
    "language": {Language.NL: "In English", Language.EN: "In het Nederlands"},
    "track_title": {Language.NL: "Uw monteur", Language.EN: "Your technician"},
    "track_booked": {
        Language.NL: "Uw afspraak staat: {window}.",
        Language.EN: "Your appointment is booked: {window}.",
    },
    "track_planned": {
        Language.NL: "De monteur komt naar verwachting tussen {eta}.",
        Language.EN: "The technician is expected between {eta}.",
    },
    "track_en_route": {
        Language.NL: "Uw monteur is onderweg en komt tussen {eta}.",
        Language.EN: "Your technician is on the way, arriving {eta}.",
    },
    "track_on_site": {
        Language.NL: "De monteur is bij u.",
        Language.EN: "The technician is with you.",
    },
    "track_done": {
        Language.NL: "Het bezoek is afgerond. Dank u wel!",
        Language.EN: "The visit is complete. Thank you!",
    },
    "track_cancelled": {
        Language.NL: "Deze afspraak is geannuleerd.",
        Language.EN: "This appointment was cancelled.",
    },
    "track_open": {
        Language.NL: "Er is nog geen afspraak.",
        Language.EN: "There is no appointment yet.",
    },
    "window_promised": {Language.NL: "Afgesproken tijdvak", Language.EN: "Agreed window"},
    "manage": {
        Language.NL: "Afspraak verzetten of annuleren",
        Language.EN: "Move or cancel the appointment",
    },
}

DEVICE_NAMES: dict[str, dict[Language, str]] = {
    "boiler": {Language.NL: "cv-ketel", Language.EN: "boiler"},
    "heat_pump": {Language.NL: "warmtepomp", Language.EN: "heat pump"},
    "dishwasher": {Language.NL: "vaatwasser", Language.EN: "dishwasher"},
    "washing_machine": {Language.NL: "wasmachine", Language.EN: "washing machine"},
    "dryer": {Language.NL: "droger", Language.EN: "dryer"},
}


PREFERENCE_TEXTS: dict[str, dict[Language, str]] = {
    "prefs_title": {Language.NL: "Uw voorkeuren", Language.EN: "Your preferences"},
    "prefs_intro": {
        Language.NL: "Zo spreken we u aan en zo bereiken we u. U kunt het altijd hier wijzigen.",
        Language.EN: "How we address you and how we reach you. You can change it here any time.",
    },
    "prefs_saved": {
        Language.NL: "Uw voorkeuren zijn opgeslagen.",
        Language.EN: "Your preferences are saved.",
    },
    "prefs_waiting_email": {
        Language.NL: "Wij stuurden een bevestiging naar het nieuwe e-mailadres. De wijziging gaat "
        "in zodra u die bevestigt; tot dan schrijven wij naar het adres dat we al hadden.",
        Language.EN: "We sent a confirmation to the new e-mail address. The change takes effect "
        "once you confirm it; until then we keep writing to the address we had.",
    },
    "prefs_waiting_phone": {
        Language.NL: "Wij stuurden een sms ter bevestiging naar het nieuwe nummer. De wijziging "
        "gaat in zodra u die bevestigt.",
        Language.EN: "We sent a text message to the new number to confirm it. The change takes "
        "effect once you confirm it.",
    },
    "prefs_too_many_changes": {
        Language.NL: "U heeft vandaag al vaak uw contactgegevens gewijzigd. Probeer het morgen "
        "opnieuw; de rest is wel opgeslagen.",
        Language.EN: "You have changed your contact details many times today. Please try again "
        "tomorrow; everything else is saved.",
    },
    "confirm_title": {Language.NL: "Nieuw adres bevestigen", Language.EN: "Confirm a new address"},
    "confirm_email": {
        Language.NL: "Wilt u dat wij onze berichten voortaan sturen naar {address}?",
        Language.EN: "Would you like us to send our messages to {address} from now on?",
    },
    "confirm_phone": {
        Language.NL: "Wilt u dat wij u voortaan bereiken op {address}?",
        Language.EN: "Would you like us to reach you on {address} from now on?",
    },
    "confirm_remove": {
        Language.NL: "Wilt u dat wij {address} niet meer gebruiken?",
        Language.EN: "Would you like us to stop using {address}?",
    },
    "confirm_approve": {
        Language.NL: "Wilt u dat wij onze berichten voortaan sturen naar {address}, in plaats "
        "van naar het adres waarop u dit bericht kreeg?",
        Language.EN: "Would you like us to send our messages to {address} from now on, instead "
        "of to the address this message reached you at?",
    },
    "confirm_waiting": {
        Language.NL: "Bedankt. De wijziging gaat in zodra ook het andere adres het bevestigt "
        "(binnen 24 uur).",
        Language.EN: "Thank you. The change takes effect once the other address confirms it "
        "too (within 24 hours).",
    },
    "confirm_button": {Language.NL: "Ja, bevestigen", Language.EN: "Yes, confirm"},
    "confirm_done": {
        Language.NL: "Bevestigd. Wij gebruiken vanaf nu het nieuwe adres.",
        Language.EN: "Confirmed. We use the new address from now on.",
    },
    "confirm_not_waiting": {
        Language.NL: "Deze link is niet meer geldig: hij is al gebruikt, verlopen of vervangen "
        "door een nieuwere wijziging. Er is niets veranderd.",
        Language.EN: "This link is no longer valid: it was used, has expired or was replaced by "
        "a newer change. Nothing has changed.",
    },
    "confirm_unknown": {
        Language.NL: "Deze bevestigingslink kennen wij niet.",
        Language.EN: "We do not know this confirmation link.",
    },
    "prefs_error": {
        Language.NL: "Dit kon niet worden opgeslagen:",
        Language.EN: "This could not be saved:",
    },
    "prefs_address": {Language.NL: "Aanspreken", Language.EN: "How to address you"},
    "prefs_salutation": {Language.NL: "Aanhef", Language.EN: "Salutation"},
    "salutation_heer": {Language.NL: "heer", Language.EN: "Mr"},
    "salutation_mevrouw": {Language.NL: "mevrouw", Language.EN: "Ms"},
    "salutation_neutral": {
        Language.NL: "geen (voorletters en naam)",
        Language.EN: "none (initials and name)",
    },
    "salutation_first_name": {Language.NL: "met mijn voornaam", Language.EN: "by my first name"},
    "prefs_first_name": {Language.NL: "Voornaam", Language.EN: "First name"},
    "prefs_initials": {Language.NL: "Voorletters", Language.EN: "Initials"},
    "prefs_tussenvoegsel": {Language.NL: "Tussenvoegsel", Language.EN: "Name prefix (van, de)"},
    "prefs_surname": {Language.NL: "Achternaam", Language.EN: "Surname"},
    "prefs_language": {Language.NL: "Taal", Language.EN: "Language"},
    "prefs_channels": {
        Language.NL: "Hoe wilt u bericht krijgen?",
        Language.EN: "How would you like to hear from us?",
    },
    "prefs_email": {Language.NL: "E-mailadres", Language.EN: "E-mail address"},
    "prefs_phone": {Language.NL: "Mobiel nummer", Language.EN: "Mobile number"},
    "prefs_choice": {Language.NL: "Keuze", Language.EN: "Choice"},
    "prefs_consents": {
        Language.NL: "Waarvoor mogen we u benaderen?",
        Language.EN: "What may we contact you about?",
    },
    "purpose_service": {
        Language.NL: "Afspraken en service",
        Language.EN: "Appointments and service",
    },
    "purpose_survey": {
        Language.NL: "Korte vragen over ons bezoek",
        Language.EN: "Short questions about our visit",
    },
    "purpose_marketing": {Language.NL: "Aanbiedingen", Language.EN: "Offers"},
    "channel_email": {Language.NL: "e-mail", Language.EN: "e-mail"},
    "channel_sms": {Language.NL: "sms", Language.EN: "text message"},
    "channel_whatsapp": {Language.NL: "WhatsApp", Language.EN: "WhatsApp"},
    "channel_push": {Language.NL: "melding in de app", Language.EN: "app notification"},
    "channel_letter": {Language.NL: "brief", Language.EN: "letter"},
    "prefs_quiet": {
        Language.NL: "Liever geen berichten tussen",
        Language.EN: "No messages between",
    },
    "prefs_from": {Language.NL: "van", Language.EN: "from"},
    "prefs_until": {Language.NL: "tot", Language.EN: "until"},
    "prefs_away": {
        Language.NL: "Afwezig (we wachten met berichten)",
        Language.EN: "Away (messages wait)",
    },
    "prefs_save": {Language.NL: "Opslaan", Language.EN: "Save"},
}
TEXTS.update(PREFERENCE_TEXTS)
TEXTS.update(
    {
        "survey_title": {Language.NL: "Hoe was ons bezoek?", Language.EN: "How was our visit?"},
        "survey_nps": {
            Language.NL: "Hoe waarschijnlijk is het dat u ons aanbeveelt? "
            "(0 = zeker niet, 10 = zeker wel)",
            Language.EN: "How likely are you to recommend us? (0 = not at all, 10 = certainly)",
        },
        "survey_ces": {
            Language.NL: "Hoe makkelijk was het om dit te regelen? "
            "(1 = heel moeilijk, 7 = heel makkelijk)",
            Language.EN: "How easy was it to arrange? (1 = very hard, 7 = very easy)",
        },
        "survey_comment": {Language.NL: "Wilt u nog iets kwijt?", Language.EN: "Anything else?"},
        "survey_better_company": {
            Language.NL: "Heeft een ander bedrijf u ooit beter geholpen? Welk?",
            Language.EN: "Has another company ever served you better? Which?",
        },
        "survey_better_how": {Language.NL: "En wat deden zij beter?", Language.EN: "And how?"},
        "survey_send": {Language.NL: "Versturen", Language.EN: "Send"},
        "survey_thanks": {
            Language.NL: "Dank u wel. We lezen alles, ook wat beter kan.",
            Language.EN: "Thank you. We read everything, including what could be better.",
        },
    }
)


def texts_for(language: Language) -> dict[str, str]:
    return {key: value[language] for key, value in TEXTS.items()}
