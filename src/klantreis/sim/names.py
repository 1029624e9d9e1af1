"""Dutch names and streets for synthetic customers (common names, no real people)."""

FIRST_NAMES_F = (
    "Anna", "Emma", "Sophie", "Julia", "Lotte", "Sanne", "Fleur", "Eva", "Lisa", "Iris",
    "Maria", "Johanna", "Cornelia", "Wilhelmina", "Elisabeth", "Ingrid", "Marieke", "Annelies",
    "Fatima", "Yasmina", "Noor", "Sara", "Femke", "Anouk", "Els", "Truus", "Ria", "Joke",
)
FIRST_NAMES_M = (
    "Jan", "Pieter", "Kees", "Henk", "Willem", "Johan", "Dirk", "Bram", "Daan", "Sem",
    "Lucas", "Thijs", "Jeroen", "Sander", "Ruud", "Gerrit", "Hendrik", "Cornelis", "Mohamed",
    "Ahmed", "Youssef", "Bas", "Wouter", "Koen", "Joost", "Frits", "Theo", "Ad",
)
# (tussenvoegsel, surname)
SURNAMES = (
    ("", "Jansen"), ("de", "Jong"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
    ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
    ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("de", "Beer"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"),
    ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"),
    ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("", "Yilmaz"),
    ("", "El Amrani"), ("", "Kaya"), ("", "Pranoto"),
)
STREETS = (
    "Kerkstraat", "Schoolstraat", "Molenweg", "Dorpsstraat", "Stationsweg", "Julianalaan",
    "Beatrixstraat", "Wilhelminastraat", "Nieuwstraat", "Marktplein", "Lindelaan", "Eikenlaan",
    "Industrieweg", "Parallelweg", "Kastanjelaan", "Prinses Irenestraat", "Oranjestraat",
    "Sportlaan", "Burgemeester de Withstraat", "Tulpstraat", "Rozenstraat", "Havenweg",
)
BUSINESSES = (
    "Bakkerij", "Kapsalon", "Tandartspraktijk", "Restaurant", "Fysiotherapie", "Garage",
    "Hotel", "Installatiebedrijf", "Accountantskantoor", "Bloemenhuis",
)
INSTITUTIONS = (
    "Basisschool De Regenboog", "Zorgcentrum De Linde", "Kinderopvang Het Kasteel",
    "Gemeentehuis", "Sporthal De Pijl", "Woonzorg Het Anker", "Bibliotheek", "Huisartsenpost",
)
ROLES_NL = ("facilitair manager", "beheerder", "office manager", "eigenaar", "conciërge")
