"""The content of the praatplaat, from "Het Gronings model voor wijk- en dorpsdemocratie".

Dutch text is taken from the document; the English text is our translation. Loaded into the
database by migration 0002 (``laad_inhoud``); idempotent, keyed by code.
"""

from __future__ import annotations

from typing import Any

# (code, soort, volgorde, naam_nl, naam_en, toelichting_nl, toelichting_en)
ONDERDELEN = [
    (
        "dna",
        "bouwsteen",
        1,
        "DNA: het eigene van de wijk/het dorp",
        "DNA: the neighbourhood's own character",
        "Vertrekken vanuit wat er is. Sterkten, zwakten, kansen en bedreigingen van/voor de "
        "wijk vormen het vertrekpunt voor gezamenlijke inzet.",
        "Start from what is there. The strengths, weaknesses, opportunities and threats of the "
        "neighbourhood are the starting point for working together.",
    ),
    (
        "zeggenschap-rolverdeling",
        "bouwsteen",
        2,
        "Zeggenschap en rol- en taakverdeling (inclusief rol van de gemeenteraad)",
        "Say and a clear division of roles and tasks (including the council's role)",
        "In samenspraak en op maat bepalen wie waarover gaat, wie wat doet en op welke wijze "
        "het proces vorm krijgt.",
        "Decide together and tailored to the neighbourhood who decides what, who does what and "
        "how the process is shaped.",
    ),
    (
        "democratische-waarden",
        "bouwsteen",
        3,
        "Democratische waarden",
        "Democratic values",
        "Inclusie, transparantie, efficiency, deliberatie, democratische vaardigheden en "
        "zeggenschap, vertaald naar het kompas voor wijkdemocratie.",
        "Inclusion, transparency, efficiency, deliberation, democratic skills and say, "
        "translated into the compass for neighbourhood democracy.",
    ),
    (
        "realisatiekracht",
        "bouwsteen",
        4,
        "Realisatiekracht",
        "Capacity to deliver",
        "Gemeente, bewoners, bedrijven en organisaties slagen er samen in maatschappelijke "
        "opgaven zo slagvaardig, goed en efficiënt mogelijk te realiseren.",
        "The municipality, residents, businesses and organisations together manage to deliver "
        "on shared challenges as decisively, well and efficiently as possible.",
    ),
    (
        "samen-leren",
        "bouwsteen",
        5,
        "Samen leren",
        "Learning together",
        "Ruimte voor vragen stellen, fouten durven maken, successen vieren, durven twijfelen "
        "en experimenteren.",
        "Room to ask questions, dare to make mistakes, celebrate successes, dare to doubt and "
        "experiment.",
    ),
    (
        "ieders-stem-telt",
        "kompas",
        1,
        "Ieders stem telt (inclusie en democratische vaardigheden)",
        "Everyone's voice counts (inclusion and democratic skills)",
        "",
        "",
    ),
    ("transparantie", "kompas", 2, "Transparantie", "Transparency", "", ""),
    ("zeggenschap", "kompas", 3, "Zeggenschap", "Say", "", ""),
    (
        "goede-gesprek",
        "kompas",
        4,
        "Het goede gesprek (deliberatie en efficiency)",
        "The good conversation (deliberation and efficiency)",
        "",
        "",
    ),
]

# (onderdeel, code, volgorde, label_nl, label_en, tekst_nl, tekst_en)
VRAGEN = [
    (
        "dna",
        "dna-1",
        1,
        "",
        "",
        "Wat is het eigene, 'het DNA' van onze wijk/dorp, waar vanuit we samenwerken? Hoe kan "
        "de gemeente daarbij aansluiten?",
        "What is the own character, the 'DNA' of our neighbourhood/village, from which we work "
        "together? How can the municipality connect to it?",
    ),
    (
        "zeggenschap-rolverdeling",
        "rol-1",
        1,
        "",
        "",
        "Hoe werken we samen met raad, college, ambtenaren, bewoners, organisaties, "
        "ondernemers, belanghebbenden? Wie zit wanneer aan tafel?",
        "How do we work together with the council, the executive, civil servants, residents, "
        "organisations, entrepreneurs and stakeholders? Who is at the table, and when?",
    ),
    (
        "zeggenschap-rolverdeling",
        "rol-2",
        2,
        "",
        "",
        "Wie, wat, waar, wanneer, waarom en hoe? Dit (samen denken, beslissen, doen en leren) "
        "kan variëren per onderwerp en fase (voorbereiding, uitvoering en evaluatie) waarin het "
        "zich bevindt.",
        "Who, what, where, when, why and how? This (thinking, deciding, doing and learning "
        "together) can vary per subject and per phase (preparation, implementation and "
        "evaluation).",
    ),
    (
        "zeggenschap-rolverdeling",
        "rol-3-raad",
        3,
        "Rol van de gemeenteraad",
        "Role of the council",
        "Welke rol wenst de gemeenteraad zelf te spelen: sturen op inhoud of sturen op proces; "
        "kaderstellend, controlerend, meedoen of volksvertegenwoordigend?",
        "Which role does the council itself wish to play: steering on content or on process; "
        "setting frameworks, scrutinising, taking part or representing the people?",
    ),
    (
        "democratische-waarden",
        "waarden-1",
        1,
        "",
        "",
        "Hoe zorgen we voor transparantie, inclusie, efficiency, deliberatie, democratische "
        "vaardigheden en zeggenschap (zie de vragen in het kompas voor wijkdemocratie)?",
        "How do we ensure transparency, inclusion, efficiency, deliberation, democratic skills "
        "and say (see the questions in the compass for neighbourhood democracy)?",
    ),
    (
        "realisatiekracht",
        "realisatie-financieel",
        1,
        "Financieel",
        "Financial",
        "Hoeveel geld is er? Is de begroting inzichtelijk?",
        "How much money is there? Is the budget open to inspection?",
    ),
    (
        "realisatiekracht",
        "realisatie-organisatorisch",
        2,
        "Organisatorisch",
        "Organisational",
        "Wie doet wat? Hoe is de gemeente en hoe is de wijk/het dorp georganiseerd?",
        "Who does what? How is the municipality organised, and how the neighbourhood/village?",
    ),
    (
        "realisatiekracht",
        "realisatie-planvorming",
        3,
        "Planvorming & uitvoering",
        "Planning & implementation",
        "Hoe ziet ons proces eruit? Wie regisseert, organiseert, beslist en voert uit?",
        "What does our process look like? Who directs, organises, decides and implements?",
    ),
    (
        "samen-leren",
        "leren-1",
        1,
        "",
        "",
        "Hoe zorgen we voor een omgeving waarin we constructief samenwerken en samen leren? "
        "Hoe betrekken we kennis van binnen en buiten de wijk?",
        "How do we create an environment in which we work together constructively and learn "
        "together? How do we bring in knowledge from inside and outside the neighbourhood?",
    ),
    # Kompas: ieders stem telt
    (
        "ieders-stem-telt",
        "stem-1",
        1,
        "",
        "",
        "Hoe laten we ieders stem tellen? Als niet iedereen meedoet: wie representeert "
        "diegene(n)? Handelt die formeel namens de ander (na het uitbrengen van een stem, geven "
        "van mandaat, lidmaatschap o.i.d.)? Herkent de vertegenwoordigde zich in zijn "
        "vertegenwoordiger? Zijn alle groepen goed vertegenwoordigd? Worden de belangen van "
        "iedereen goed vertegenwoordigd?",
        "How do we make everyone's voice count? If not everyone takes part: who represents "
        "them? Do they formally act on the other's behalf (after a vote, a mandate, membership "
        "or the like)? Do the represented recognise themselves in their representative? Are all "
        "groups well represented? Are everyone's interests well represented?",
    ),
    (
        "ieders-stem-telt",
        "stem-2",
        2,
        "",
        "",
        "Hoe betrekken we zoveel mogelijk mensen/groepen bij denken, doen en beslissen? Hoe "
        "betrekken we bijzondere groepen, zoals niet vertegenwoordigde, afzijdige of boze "
        "inwoners? Hoe zorgen we dat zij zich gehoord weten? Hebben we aandacht voor jongeren, "
        "verschillende culturen, lager opgeleiden, 'stille groepen'?",
        "How do we involve as many people/groups as possible in thinking, doing and deciding? "
        "How do we involve particular groups, such as unrepresented, aloof or angry residents? "
        "How do we make sure they know they are heard? Do we pay attention to young people, "
        "different cultures, people with less formal education, 'silent groups'?",
    ),
    (
        "ieders-stem-telt",
        "stem-3",
        3,
        "",
        "",
        "Welke vormen passen het beste om bewoners mee te laten doen en praten? Om te bouwen "
        "aan draagvlak en eigenaarschap? Denk aan digitale wijkpanels, straatberaden, "
        "inloopmarkten, kampvuurbijeenkomsten, online participatie, loting, buurtbijeenkomsten.",
        "Which forms suit residents best to take part and have their say? To build support and "
        "ownership? Think of digital neighbourhood panels, street meetings, drop-in markets, "
        "campfire meetings, online participation, sortition, neighbourhood meetings.",
    ),
    (
        "ieders-stem-telt",
        "stem-4",
        4,
        "",
        "",
        "Hoe gaan we om met afwijkende meningen en de mening van de minderheid? Hoe kan het "
        "minderheidsstandpunt een plek krijgen in het besluit?",
        "How do we deal with dissenting opinions and the opinion of the minority? How can the "
        "minority position find a place in the decision?",
    ),
    (
        "ieders-stem-telt",
        "stem-5",
        5,
        "",
        "",
        "Hoe gaan we om met verschillen tussen bijv. hoog- en laagopgeleide mensen, mensen van "
        "verschillende generaties of mensen uit verschillende culturen of andere verschillen?",
        "How do we deal with differences between, for example, people with more and less "
        "formal education, different generations, different cultures or other differences?",
    ),
    (
        "ieders-stem-telt",
        "stem-6",
        6,
        "",
        "",
        "Is iedereen voldoende toegerust om mee te kunnen doen en verantwoordelijkheid te "
        "dragen? Wat is daar extra voor nodig?",
        "Is everyone sufficiently equipped to take part and bear responsibility? What extra is "
        "needed for that?",
    ),
    # Kompas: transparantie
    (
        "transparantie",
        "transparantie-1",
        1,
        "",
        "",
        "Welke informatie is nodig en gewenst? Hoe zorgen we voor de goede informatie? Welke "
        "communicatie(-middelen) gebruiken we?",
        "Which information is needed and wanted? How do we provide the right information? Which "
        "communication (channels) do we use?",
    ),
    (
        "transparantie",
        "transparantie-2",
        2,
        "",
        "",
        "Hoe hebben en geven we inzicht in het geld dat rondgaat in de wijk en het dorp?",
        "How do we gain and give insight into the money spent in the neighbourhood and village?",
    ),
    (
        "transparantie",
        "transparantie-3",
        3,
        "",
        "",
        "Hoe maken we zichtbaar hoe het proces rondom de verdeling van (gemeentelijk) geld en "
        "beslissingen over beleid in elkaar steekt?",
        "How do we make visible how the process of allocating (municipal) money and deciding "
        "on policy works?",
    ),
    (
        "transparantie",
        "transparantie-4",
        4,
        "",
        "",
        "Hoe maken we zichtbaar wanneer en hoe er in dit proces besluiten worden genomen?",
        "How do we make visible when and how decisions are taken in this process?",
    ),
    (
        "transparantie",
        "transparantie-5",
        5,
        "",
        "",
        "Hoe verantwoorden we aan gemeentebestuur en aan de bewoners van de wijk/het dorp?",
        "How do we account to the municipal government and to the residents of the "
        "neighbourhood/village?",
    ),
    (
        "transparantie",
        "transparantie-6",
        6,
        "",
        "",
        "Wie bewaakt de democratische kwaliteit van het proces?",
        "Who safeguards the democratic quality of the process?",
    ),
    # Kompas: zeggenschap
    (
        "zeggenschap",
        "zeggenschap-1",
        1,
        "",
        "",
        "Waar kunnen en willen de bewoners over adviseren, aan meedelen en over "
        "(mee-)beslissen? (bijv. de wijkagenda, stedelijke vraagstukken, specifieke thema's)",
        "What can and do residents want to advise on, share in and (co-)decide on? (e.g. the "
        "neighbourhood agenda, city-wide issues, specific themes)",
    ),
    (
        "zeggenschap",
        "zeggenschap-2",
        2,
        "",
        "",
        "Hoe is (het delen van) zeggenschap en eigenaarschap over de agenda van de eigen wijk "
        "of het dorp geregeld? Wie zet de agenda?",
        "How is (shared) say and ownership of the agenda of the neighbourhood or village "
        "arranged? Who sets the agenda?",
    ),
    # Kompas: het goede gesprek
    (
        "goede-gesprek",
        "gesprek-1",
        1,
        "",
        "",
        "Wat maakt een wijk of dorp democratisch? Hoe kan iedereen invloed uitoefenen op zijn "
        "leefomgeving op wijk- en dorpsniveau?",
        "What makes a neighbourhood or village democratic? How can everyone influence their "
        "living environment at neighbourhood and village level?",
    ),
    (
        "goede-gesprek",
        "gesprek-2",
        2,
        "",
        "",
        "Hoe zorgen we voor een eerlijk, open gesprek met alle belanghebbenden?",
        "How do we ensure a fair, open conversation with all stakeholders?",
    ),
    (
        "goede-gesprek",
        "gesprek-3",
        3,
        "",
        "",
        "Hoe organiseren we 'een goed gesprek' waarin deelnemers meer begrip voor verschillende "
        "perspectieven krijgen?",
        "How do we organise 'a good conversation' in which participants gain more understanding "
        "of different perspectives?",
    ),
    (
        "goede-gesprek",
        "gesprek-4",
        4,
        "",
        "",
        "Hoe draagt het gesprek bij aan constructieve samenwerking?",
        "How does the conversation contribute to constructive cooperation?",
    ),
    (
        "goede-gesprek",
        "gesprek-5",
        5,
        "",
        "",
        "Hoe zorgen we ervoor dat we besluiten kunnen nemen die worden gedragen door alle "
        "betrokkenen?",
        "How do we make sure we can take decisions that are supported by everyone involved?",
    ),
    (
        "goede-gesprek",
        "gesprek-6",
        6,
        "",
        "",
        "Hoeveel geld, tijd en energie vraagt het? Weegt de investering op tegen de opbrengst "
        "(voor inwoners, ondernemers, belanghebbenden)?",
        "How much money, time and energy does it take? Does the investment outweigh the return "
        "(for residents, entrepreneurs, stakeholders)?",
    ),
]

# (nummer, naam_nl, naam_en, beschrijving_nl, beschrijving_en)
ARCHETYPEN = [
    (
        1,
        "Adviseren en inspreken",
        "Advise and speak up",
        "Dit model ligt het dichtst bij de aard van het huidige convenant met de "
        "bewonersorganisaties. Bewoners kunnen advies uitbrengen over de zaken die de wijk "
        "aangaan en gebruik maken van de formele inspraakmogelijkheden. Hierbij telt minder "
        "zwaar namens wie de betrokkenen spreken en of de hele wijk geraadpleegd is. De status "
        "is helder: advies. College en raad betrekken de adviezen bij hun afwegingen en doen "
        "zelf ook moeite meer geluiden uit de wijk te betrekken. De zeggenschap blijft primair "
        "bij de raad.",
        "Closest to the current covenant with the residents' associations. Residents can give "
        "advice on matters that concern the neighbourhood and use the formal ways to speak up. "
        "Who the participants speak for, and whether the whole neighbourhood was consulted, "
        "weighs less. The status is clear: advice. The executive and council take the advice "
        "into account and make their own effort to hear more voices from the neighbourhood. "
        "Say stays primarily with the council.",
    ),
    (
        2,
        "Aanjagen en initiëren",
        "Initiate and drive",
        "(Collectieven van) wijkbewoners nemen het voortouw in het aanjagen van het gesprek "
        "over (onderdelen van) de wijkagenda. Ze agenderen, benoemen en analyseren "
        "vraagstukken, brengen mensen bijeen, mobiliseren en ontwikkelen initiatieven. De "
        "gemeente (gebiedsteams) sluit aan en ondersteunt waar gewenst, zorgt dat de gewenste "
        "expertise aan tafel komt en vertaalt naar de uitvoering. Zo wordt gezamenlijk een zo "
        "breed mogelijk gedragen gebiedsprogramma ontwikkeld en uitgevoerd.",
        "(Collectives of) residents take the lead in driving the conversation about (parts of) "
        "the neighbourhood agenda. They put issues on the agenda, name and analyse them, bring "
        "people together, mobilise and develop initiatives. The municipality (area teams) joins "
        "and supports where wanted, brings the needed expertise to the table and translates it "
        "into implementation. Together an area programme with the broadest possible support is "
        "developed and carried out.",
    ),
    (
        3,
        "Verdelen en besluiten",
        "Allocate and decide",
        "De wijk of het dorp heeft de zeggenschap over (delen van) de wijk- en dorpsagenda (niet "
        "over wijkoverstijgende vraagstukken) of over specifieke thema's. Dat stelt stevige "
        "eisen aan de democratische kwaliteit van het proces en de organisatie in de wijk. "
        "Daarover worden met de gemeente afspraken gemaakt, zodat de gemeente in vertrouwen de "
        "zeggenschap aan de wijk kan laten. De wijk legt verantwoording af aan gemeente en wijk.",
        "The neighbourhood or village has the say over (parts of) its agenda (not over issues "
        "beyond the neighbourhood) or over specific themes. That makes strong demands on the "
        "democratic quality of the process and of the organisation in the neighbourhood. "
        "Agreements about this are made with the municipality, so that it can leave the say to "
        "the neighbourhood in confidence. The neighbourhood accounts to the municipality and to "
        "its residents.",
    ),
]


def laad_inhoud(onderdeel_model: Any, vraag_model: Any, archetype_model: Any) -> None:
    """Create or update the standard content (used by the data migration and by tests)."""
    by_code = {}
    for code, soort, volgorde, naam_nl, naam_en, t_nl, t_en in ONDERDELEN:
        obj, _ = onderdeel_model.objects.update_or_create(
            code=code,
            defaults={
                "soort": soort,
                "volgorde": volgorde,
                "naam_nl": naam_nl,
                "naam_en": naam_en,
                "toelichting_nl": t_nl,
                "toelichting_en": t_en,
            },
        )
        by_code[code] = obj
    for onderdeel, code, volgorde, l_nl, l_en, t_nl, t_en in VRAGEN:
        vraag_model.objects.update_or_create(
            code=code,
            defaults={
                "onderdeel": by_code[onderdeel],
                "volgorde": volgorde,
                "label_nl": l_nl,
                "label_en": l_en,
                "tekst_nl": t_nl,
                "tekst_en": t_en,
                "wijk": None,
            },
        )
    for nummer, naam_nl, naam_en, b_nl, b_en in ARCHETYPEN:
        archetype_model.objects.update_or_create(
            nummer=nummer,
            defaults={
                "naam_nl": naam_nl,
                "naam_en": naam_en,
                "beschrijving_nl": b_nl,
                "beschrijving_en": b_en,
            },
        )
