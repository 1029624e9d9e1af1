"""Synthetic inbound messages: many ways to say each intent, for training only.

The hand-written sets in ``adapters/messaging/data`` are what the classifier is judged on;
this grammar widens what it learns from (other reasons, other words, typos, greetings).
"""

from __future__ import annotations

import random

_GREET = {
    "nl": ["", "Hallo, ", "Goedemorgen, ", "Beste, ", "Hoi, ", "Geachte heer/mevrouw, ", "Dag, "],
    "en": ["", "Hello, ", "Hi, ", "Good morning, ", "Dear team, ", "Hey, "],
}
_CLOSE = {
    "nl": ["", " Groet, Piet", " Met vriendelijke groet.", " Alvast bedankt.", " Mvg", " Gr. Els"],
    "en": ["", " Regards, Pat", " Kind regards.", " Thanks in advance.", " Cheers, Jo", " Best"],
}
_CORE = {
    ("reschedule", "nl"): [
        "kan de afspraak naar {day}?",
        "ik wil graag een ander moment kiezen",
        "kunnen we het bezoek verplaatsen?",
        "de afspraak komt niet uit, {reason}",
        "graag verzetten naar {day}",
        "is er een later tijdstip vrij?",
        "kan de monteur eerder komen?",
        "ik moet de afspraak omzetten, {reason}",
        "liever {day} dan de huidige datum",
        "kunnen we de afspraak een week opschuiven?",
        "ik wil de datum wijzigen",
        "{reason}, dus graag een nieuwe afspraak",
        "de datum past niet meer, kan het {day}?",
        "zou het bezoek naar de middag kunnen?",
        "ik zoek een ander tijdvak",
        "kunnen we ruilen naar {day}?",
        "door {reason2} moet ik de afspraak verschuiven",
    ],
    ("reschedule", "en"): [
        "can we move the appointment to {day}?",
        "I'd like to pick another time",
        "could we reschedule the visit?",
        "the appointment doesn't suit me, {reason}",
        "please change it to {day}",
        "is a later slot available?",
        "could the engineer come sooner?",
        "I need to rearrange the appointment, {reason}",
        "I'd rather have {day} than the current date",
        "can we push it back a week?",
        "I want to change the date",
        "{reason}, so I need a new appointment",
        "the date no longer works, can it be {day}?",
        "could the visit be in the afternoon?",
        "I'm looking for a different slot",
        "can we swap to {day}?",
        "because of {reason2} I have to postpone the appointment",
    ],
    ("cancel", "nl"): [
        "de afspraak mag geannuleerd worden",
        "ik zeg de afspraak af",
        "het bezoek is niet meer nodig, {fixed}",
        "annuleer de afspraak maar, {fixed}",
        "de monteur hoeft niet te komen",
        "wij zien af van het bezoek",
        "graag de afspraak schrappen",
        "de afspraak kan vervallen, {gone}",
        "niet meer komen alstublieft",
        "ik trek de opdracht in",
        "{gone}, dus de afspraak kan weg",
        "we hebben geen onderhoud meer nodig",
        "stop de afspraak maar, {fixed}",
        "wilt u het bezoek annuleren?",
    ],
    ("cancel", "en"): [
        "the appointment can be cancelled",
        "I'm cancelling the appointment",
        "the visit is no longer needed, {fixed}",
        "please cancel it, {fixed}",
        "the engineer doesn't need to come",
        "we don't want the visit any more",
        "please drop the appointment",
        "the appointment can go, {gone}",
        "please don't come",
        "I withdraw the job",
        "{gone}, so the appointment can be removed",
        "we no longer need servicing",
        "call off the appointment please, {fixed}",
        "would you cancel the visit?",
    ],
    ("refund", "nl"): [
        "ik wil mijn geld terug",
        "graag het bedrag terugstorten",
        "ik heb {money} te veel betaald",
        "waar blijft de terugbetaling?",
        "mijn {voucher} werkt niet",
        "ik heb recht op een vergoeding, {reason3}",
        "er is {money} afgeschreven zonder reden",
        "kan ik compensatie krijgen? {reason3}",
        "stuur mij een creditnota",
        "de {voucher} is nooit aangekomen",
        "dubbel betaald voor één bezoek",
        "wanneer wordt de restitutie uitgekeerd?",
        "de korting staat niet op de factuur",
        "ik verwacht {money} terug",
    ],
    ("refund", "en"): [
        "I want my money back",
        "please refund the amount",
        "I paid {money} too much",
        "where is my refund?",
        "my {voucher} doesn't work",
        "I'm entitled to compensation, {reason3}",
        "{money} was taken without reason",
        "can I get compensated? {reason3}",
        "send me a credit note",
        "the {voucher} never arrived",
        "charged twice for one visit",
        "when will the refund be paid?",
        "the discount isn't on the invoice",
        "I expect {money} back",
    ],
    ("complaint", "nl"): [
        "ik ben zeer ontevreden",
        "dit is echt schandalig",
        "ik wil een klacht indienen over {bad}",
        "{bad}, onacceptabel",
        "wat een slechte service",
        "ik ben boos over {bad}",
        "ik voel me niet gehoord",
        "dit is de zoveelste keer dat het misgaat",
        "{bad}. Heel teleurstellend.",
        "ik ben het echt zat",
    ],
    ("complaint", "en"): [
        "I'm very unhappy",
        "this is outrageous",
        "I want to complain about {bad}",
        "{bad}, unacceptable",
        "what poor service",
        "I'm angry about {bad}",
        "I don't feel heard",
        "this is the umpteenth time it goes wrong",
        "{bad}. Very disappointing.",
        "I'm really fed up",
    ],
    ("question", "nl"): [
        "hoe werkt {topic}?",
        "wat kost {topic}?",
        "kunt u uitleggen {topic}?",
        "ik heb een vraag over {topic}",
        "weet u of {topic} mogelijk is?",
        "waar vind ik informatie over {topic}?",
        "is {topic} inbegrepen?",
        "moet ik iets doen voor {topic}?",
    ],
    ("question", "en"): [
        "how does {topic} work?",
        "what does {topic} cost?",
        "could you explain {topic}?",
        "I have a question about {topic}",
        "do you know if {topic} is possible?",
        "where can I find information on {topic}?",
        "is {topic} included?",
        "do I need to do anything for {topic}?",
    ],
    ("other", "nl"): [
        "bedankt voor de hulp",
        "prima, tot dan",
        "ik ben afwezig tot {day}",
        "mijn {detail} is gewijzigd",
        "graag afmelden voor {mailing}",
        "compliment voor de monteur",
        "wij bieden {offer}",
        "dit bericht was niet voor u bedoeld",
        "ontvangen, dank",
        "fijn weekend!",
    ],
    ("other", "en"): [
        "thanks for the help",
        "fine, see you then",
        "I'm away until {day}",
        "my {detail} has changed",
        "please unsubscribe me from {mailing}",
        "compliments to the engineer",
        "we offer {offer}",
        "this message wasn't meant for you",
        "received, thanks",
        "have a nice weekend!",
    ],
}
_FILL = {
    "nl": {
        "day": [
            "maandag",
            "dinsdagmiddag",
            "volgende week",
            "eind van de maand",
            "na de vakantie",
            "vrijdagochtend",
            "de 14e",
        ],
        "reason": [
            "ik moet werken",
            "we zijn op vakantie",
            "ik ben ziek",
            "mijn kind is jarig",
            "ik heb een afspraak bij de dokter",
            "de auto is kapot",
        ],
        "reason2": ["een verbouwing", "een bruiloft", "werk", "ziekte", "een verhuizing"],
        "fixed": [
            "het werkt weer",
            "de buurman heeft het gemaakt",
            "we hebben een nieuwe ketel",
            "het probleem is opgelost",
        ],
        "gone": [
            "we zijn verhuisd",
            "het huis is verkocht",
            "de ketel is vervangen",
            "het toestel is weggegooid",
        ],
        "money": ["45 euro", "€120", "het voorrijtarief", "twee keer de factuur"],
        "voucher": ["tegoedbon", "kortingscode", "cadeaubon", "voucher"],
        "reason3": [
            "niemand kwam opdagen",
            "de reparatie mislukte",
            "ik zat dagen zonder warm water",
        ],
        "bad": [
            "de monteur",
            "de vertraging",
            "de klantenservice",
            "de rommel die is achtergelaten",
            "de hoge rekening",
            "het lange wachten",
        ],
        "topic": [
            "het onderhoudscontract",
            "de garantie",
            "een nieuwe thermostaat",
            "de app",
            "betalen in termijnen",
            "de keuring",
        ],
        "detail": ["telefoonnummer", "e-mailadres", "adres", "achternaam"],
        "mailing": ["de nieuwsbrief", "de aanbiedingen"],
        "offer": ["zonnepanelen", "marketingdiensten", "kantoorartikelen"],
    },
    "en": {
        "day": [
            "Monday",
            "Tuesday afternoon",
            "next week",
            "the end of the month",
            "after the holidays",
            "Friday morning",
            "the 14th",
        ],
        "reason": [
            "I have to work",
            "we're on holiday",
            "I'm ill",
            "it's my kid's birthday",
            "I have a doctor's appointment",
            "my car broke down",
        ],
        "reason2": ["a renovation", "a wedding", "work", "illness", "a house move"],
        "fixed": [
            "it works again",
            "the neighbour fixed it",
            "we got a new boiler",
            "the problem is solved",
        ],
        "gone": [
            "we moved house",
            "the house was sold",
            "the boiler was replaced",
            "the appliance was thrown out",
        ],
        "money": ["45 euros", "€120", "the call-out fee", "the invoice twice"],
        "voucher": ["voucher", "discount code", "gift card", "credit"],
        "reason3": ["nobody showed up", "the repair failed", "I had no hot water for days"],
        "bad": [
            "the engineer",
            "the delay",
            "customer service",
            "the mess left behind",
            "the high bill",
            "the long wait",
        ],
        "topic": [
            "the maintenance contract",
            "the warranty",
            "a new thermostat",
            "the app",
            "paying in instalments",
            "the inspection",
        ],
        "detail": ["phone number", "email address", "address", "surname"],
        "mailing": ["the newsletter", "the offers"],
        "offer": ["solar panels", "marketing services", "office supplies"],
    },
}


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 12 or rng.random() > 0.2:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def generate(per_intent: int = 150, seed: int = 3) -> list[tuple[str, str, str]]:
    """(text, intent, language) triples, ``per_intent`` per intent and language."""
    rng = random.Random(seed)
    found = []
    for (intent, language), cores in _CORE.items():
        fill = _FILL[language]
        for _ in range(per_intent):
            core = rng.choice(cores)
            core = core.format(**{k: rng.choice(v) for k, v in fill.items()})
            greeting, closing = rng.choice(_GREET[language]), rng.choice(_CLOSE[language])
            text = f"{greeting}{core[0].upper()}{core[1:]}{closing}"
            found.append((_typo(text, rng), intent, language))
    return found
