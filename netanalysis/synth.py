"""Deterministic synthetic LinkedIn exports: a seeded world of fictional people, written byte-exact.

A *world* is a population of invented people (French/Québec and English names) grouped in planted
communities (a sector in a city), working for invented companies. Some of them are *owners*: they
"export their data". Each owner's ties are sampled mostly inside their own circles, weighted by a
heavy-tailed popularity so that owners of the same community share many contacts; a tie between two
owners appears in both owners' ``Connections.csv``. Merging a cohort's exports therefore shows the
planted communities. Every tie carries a truth: met in person or online only. In-person ties are
messaged more, for longer and more recently, are endorsed and recommended more often.

Files follow ``shared/knowledge/linkedin-export.md`` byte for byte (the ``Notes:`` preamble, header
variants, date shapes, minimal quoting, no final newline in ``Connections.csv``…). The same seed
always gives the same bytes, zip archives included (fixed entry timestamps).

Every person, company, school and event here is fictional.
"""

import base64
import calendar
import functools
import io
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote
from urllib.parse import unquote as _unquote

import numpy as np
import pandas as pd

from .errors import InputError
from .export import write_csv

__all__ = [
    "CONNECTIONS_PREAMBLE",
    "PERSONAS",
    "World",
    "answer_key",
    "export_files",
    "knows_table",
    "make_world",
    "sample_world",
    "ties_table",
    "write_export",
    "write_knows_file",
    "write_persona",
    "write_sample",
    "write_ties_file",
    "write_world",
]

#: The three lines above the header of every ``Connections.csv`` since 2021 (spec §2.1), byte-exact.
CONNECTIONS_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to "
    "see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)

#: Export formats :func:`write_export` can write (see there).
VARIANTS = ("2025", "2022", "2018", "excel")
_EXPORT_DATE = date(2026, 11, 2)
_EPOCH = date(1970, 1, 1)
_DAY = 86_400
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# ---------------------------------------------------------------------------------------------
# Personas: how a kind of LinkedIn user connects, meets and writes. Shares are probabilities.
# ---------------------------------------------------------------------------------------------
#: Behaviour of each kind of owner. ``in_person``: chance that a tie in their home circles was met
#: face to face (ties outside them: 60 % of it); ``talk_*``: chance that a tie has a conversation;
#: ``msgs_*``: mean messages in one; ``outgoing``: share of invitations they sent; ``home``: share of
#: contacts drawn from their own community; ``join``: year they joined LinkedIn; ``groups``: group
#: chats per 100 contacts; ``filled``: share of ``met`` answered in their ties.csv.
PERSONAS = {
    "networker": dict(in_person=0.62, talk_in=0.45, talk_on=0.08, msgs_in=6.0, msgs_on=1.8,
                      outgoing=0.55, home=0.40, join=2009, groups=0.8, filled=0.72, endorse=0.25),
    "collector": dict(in_person=0.14, talk_in=0.22, talk_on=0.015, msgs_in=2.5, msgs_on=1.3,
                      outgoing=0.08, home=0.15, join=2011, groups=0.03, filled=0.72, endorse=0.05),
    "cultivator": dict(in_person=0.92, talk_in=0.72, talk_on=0.30, msgs_in=9.0, msgs_on=2.5,
                       outgoing=0.70, home=0.30, join=2010, groups=1.2, filled=0.76, endorse=0.35),
    "member": dict(in_person=0.50, talk_in=0.40, talk_on=0.06, msgs_in=4.5, msgs_on=1.6,
                   outgoing=0.50, home=0.70, join=2012, groups=0.5, filled=0.70, endorse=0.15),
}

# ---------------------------------------------------------------------------------------------
# Vocabulary (all invented or generic).
# ---------------------------------------------------------------------------------------------
_CITIES = {  # city -> (share of French names, Geo Location, postal prefix)
    "Montréal": (0.66, "Montréal, Quebec, Canada", "H2X"),
    "Québec": (0.92, "Québec, Quebec, Canada", "G1R"),
    "Sherbrooke": (0.88, "Sherbrooke, Quebec, Canada", "J1H"),
    "Gatineau": (0.80, "Gatineau, Quebec, Canada", "J8X"),
    "Ottawa": (0.35, "Ottawa, Ontario, Canada", "K1P"),
    "Toronto": (0.12, "Toronto, Ontario, Canada", "M5V"),
    "Vancouver": (0.08, "Vancouver, British Columbia, Canada", "V6B"),
    "Trois-Rivières": (0.93, "Trois-Rivières, Quebec, Canada", "G9A"),
    "Laval": (0.78, "Laval, Quebec, Canada", "H7N"),
}
# (sector, industry for Profile.csv, company words, FR titles, EN titles, skills)
_SECTORS = {
    "Technology": (
        "Software Development",
        ["Logiciels", "Numérique", "Analytique", "Systems", "Labs", "Data", "Cloud", "Code"],
        ["Développeur logiciel|Développeuse logiciel", "Analyste de données", "Architecte de solutions",
         "Chef de produit|Cheffe de produit", "Scientifique des données", "Directeur technique|Directrice technique",
         "Ingénieur DevOps|Ingénieure DevOps", "Conseiller en TI|Conseillère en TI"],
        ["Software Engineer", "Data Analyst", "Product Manager", "Solutions Architect", "Data Scientist",
         "Engineering Manager", "DevOps Engineer", "UX Designer"],
        ["Python (Programming Language)", "Data Analysis", "Cloud Computing", "Agile Methodologies",
         "Machine Learning", "SQL", "Product Management", "Software Development"],
    ),
    "Health": (
        "Hospitals and Health Care",
        ["Santé", "Clinique", "Soins", "Health", "Médical", "Care"],
        ["Infirmier clinicien|Infirmière clinicienne", "Gestionnaire de programme", "Pharmacien|Pharmacienne",
         "Physiothérapeute", "Coordonnateur clinique|Coordonnatrice clinique", "Médecin de famille",
         "Conseiller en prévention|Conseillère en prévention"],
        ["Registered Nurse", "Program Manager", "Pharmacist", "Clinical Coordinator", "Physiotherapist",
         "Health Policy Analyst", "Family Physician"],
        ["Healthcare Management", "Patient Safety", "Clinical Research", "Public Health", "Nursing",
         "Quality Improvement"],
    ),
    "Public administration": (
        "Government Administration",
        ["Conseil", "Services publics", "Agence", "Bureau", "Office", "Secrétariat"],
        ["Conseiller en politiques|Conseillère en politiques", "Analyste des politiques",
         "Directeur de projet|Directrice de projet", "Agent de recherche|Agente de recherche",
         "Conseiller en communication|Conseillère en communication", "Gestionnaire de programme"],
        ["Policy Advisor", "Policy Analyst", "Project Director", "Research Officer",
         "Communications Advisor", "Program Manager"],
        ["Public Policy", "Government", "Stakeholder Engagement", "Policy Analysis", "Program Evaluation"],
    ),
    "Finance": (
        "Financial Services",
        ["Capital", "Finance", "Assurances", "Placements", "Wealth", "Partners"],
        ["Analyste financier|Analyste financière", "Conseiller en placement|Conseillère en placement",
         "Directeur des comptes|Directrice des comptes", "Actuaire", "Contrôleur financier|Contrôleuse financière",
         "Conseiller en sécurité financière|Conseillère en sécurité financière"],
        ["Financial Analyst", "Investment Advisor", "Account Director", "Actuary", "Controller",
         "Risk Manager", "Portfolio Manager"],
        ["Financial Analysis", "Risk Management", "Investments", "Accounting", "Financial Modeling",
         "Wealth Management"],
    ),
    "Education": (
        "Higher Education",
        ["Collège", "Institut", "Académie", "Learning", "Formation", "Savoirs"],
        ["Professeur agrégé|Professeure agrégée", "Conseiller pédagogique|Conseillère pédagogique",
         "Chargé de cours|Chargée de cours", "Directeur des études|Directrice des études",
         "Coordonnateur de la recherche|Coordonnatrice de la recherche", "Bibliothécaire"],
        ["Associate Professor", "Learning Designer", "Lecturer", "Research Coordinator",
         "Academic Director", "Librarian"],
        ["Teaching", "Research", "Curriculum Development", "Higher Education", "E-Learning",
         "Academic Writing"],
    ),
    "Culture": (
        "Performing Arts",
        ["Productions", "Médias", "Studio", "Théâtre", "Films", "Créations"],
        ["Producteur|Productrice", "Directeur artistique|Directrice artistique",
         "Chargé de projets culturels|Chargée de projets culturels", "Réalisateur|Réalisatrice",
         "Coordonnateur des communications|Coordonnatrice des communications", "Graphiste"],
        ["Producer", "Art Director", "Communications Coordinator", "Film Director", "Graphic Designer",
         "Festival Programmer"],
        ["Event Planning", "Storytelling", "Video Production", "Graphic Design", "Public Relations",
         "Arts Administration"],
    ),
    "Manufacturing": (
        "Industrial Machinery Manufacturing",
        ["Industries", "Métal", "Usinage", "Fabrication", "Composites", "Machines"],
        ["Ingénieur de procédés|Ingénieure de procédés", "Directeur des opérations|Directrice des opérations",
         "Technicien en maintenance|Technicienne en maintenance", "Acheteur principal|Acheteuse principale",
         "Superviseur de production|Superviseure de production", "Ingénieur qualité|Ingénieure qualité"],
        ["Process Engineer", "Operations Director", "Maintenance Technician", "Senior Buyer",
         "Production Supervisor", "Quality Engineer"],
        ["Lean Manufacturing", "Six Sigma", "Supply Chain Management", "Continuous Improvement",
         "Process Engineering", "AutoCAD"],
    ),
    "Non-profit": (
        "Non-profit Organizations",
        ["Fondation", "Alliance", "Réseau", "Collectif", "Centre", "Coalition"],
        ["Directeur général|Directrice générale", "Coordonnateur de bénévoles|Coordonnatrice de bénévoles",
         "Agent de développement|Agente de développement", "Responsable des collectes de fonds",
         "Intervenant communautaire|Intervenante communautaire"],
        ["Executive Director", "Volunteer Coordinator", "Development Officer", "Fundraising Manager",
         "Community Worker"],
        ["Fundraising", "Community Outreach", "Nonprofit Management", "Volunteer Management",
         "Grant Writing"],
    ),
    "Logistics": (
        "Transportation, Logistics, Supply Chain and Storage",
        ["Logistique", "Transport", "Distribution", "Freight", "Entrepôts", "Express"],
        ["Répartiteur|Répartitrice", "Directeur de la logistique|Directrice de la logistique",
         "Planificateur de la demande|Planificatrice de la demande",
         "Coordonnateur des expéditions|Coordonnatrice des expéditions", "Analyste chaîne d'approvisionnement"],
        ["Dispatcher", "Logistics Director", "Demand Planner", "Shipping Coordinator",
         "Supply Chain Analyst"],
        ["Logistics Management", "Supply Chain", "Inventory Management", "Transportation Planning",
         "Warehouse Operations"],
    ),
    "Energy": (
        "Utilities",
        ["Énergie", "Hydro", "Power", "Renouvelables", "Éolien", "Grid"],
        ["Ingénieur électrique|Ingénieure électrique", "Chargé de projets énergie|Chargée de projets énergie",
         "Analyste réglementaire", "Technicien de réseau|Technicienne de réseau",
         "Directeur de l'exploitation|Directrice de l'exploitation"],
        ["Electrical Engineer", "Energy Project Manager", "Regulatory Analyst", "Grid Technician",
         "Operations Manager"],
        ["Renewable Energy", "Power Systems", "Project Management", "Energy Efficiency",
         "Regulatory Affairs"],
    ),
}
_SAMPLE_COMMUNITIES = [  # the planted communities of the committed sample
    ("Technology", "Montréal"), ("Health", "Montréal"), ("Public administration", "Québec"),
    ("Finance", "Montréal"), ("Education", "Sherbrooke"), ("Finance", "Toronto"),
    ("Public administration", "Ottawa"), ("Culture", "Montréal"), ("Manufacturing", "Québec"),
    ("Non-profit", "Gatineau"), ("Logistics", "Laval"), ("Technology", "Toronto"),
]
_EXTRA_COMMUNITIES = [
    ("Energy", "Trois-Rivières"), ("Technology", "Vancouver"), ("Health", "Québec"),
    ("Education", "Montréal"), ("Logistics", "Toronto"), ("Culture", "Québec"),
    ("Manufacturing", "Sherbrooke"), ("Finance", "Québec"), ("Non-profit", "Montréal"),
    ("Health", "Ottawa"), ("Energy", "Montréal"), ("Technology", "Québec"),
]
_PLACE_WORDS = [
    "Boréal", "Laurentide", "Saint-Laurent", "Outremont", "Rivière-Noire", "Érablière", "Cap-Rouge",
    "Mont-Royal", "Fleuve", "Nordet", "Belvédère", "Grand-Pré", "Pointe-Claire", "Haute-Ville",
    "Maple Ridge", "Lakeshore", "Northbridge", "Bluewater", "Cedar Point", "Granite", "Harbourfront",
    "Kestrel", "Silverbirch", "Tamarack", "Aurore", "Ardoise", "Cèdre", "Héron", "Huard", "Pinède",
]
# Company names: French words lead ("Clinique Boréal inc."), English words follow ("Boréal Health Ltd.").
_COMPANY_FORMS = {
    "fr": ["{w} {p}", "{w} {p} inc.", "Groupe {p}", "{w} {p} ltée", "{w} {p}, S.E.N.C.", "{w} {p} & {q}"],
    "en": ["{p} {w}", "{p} {w} Inc.", "{p} Group", "{p} {w} Ltd.", "{p} {w}, LLC", "{p} & {q} {w}"],
}
_EN_WORDS = {"Systems", "Labs", "Data", "Cloud", "Code", "Health", "Care", "Wealth", "Partners", "Learning",
             "Studio", "Films", "Freight", "Express", "Power", "Grid", "Machines", "Capital"}
_SCHOOLS = ["Université Boréale", "Université du Haut-Fleuve", "Northbridge University",
            "Polytechnique des Laurentides", "Lakeshore Institute of Technology",
            "Cégep de la Rivière-aux-Pins", "Collège Tamarack", "École supérieure de gestion Cap-Rouge"]
_DEGREES = ["Baccalauréat - B.Sc.", "Maîtrise - M.Sc.", "Bachelor of Commerce - BCom",
            "Master of Business Administration - MBA", "DEC", "Bachelor of Arts - BA", "Doctorat - Ph.D."]

# French first names: feminine names first (titles agree with them), then masculine ones.
_FR_FIRST_F = """Marie-Ève Geneviève Chloé Émilie Mélanie Stéphanie Julie Isabelle Nathalie Élise Josée Hélène
Sylvie Léa Zoé Anaïs Amélie Noémie Catherine Véronique Annie Karine Valérie Caroline Mireille Ginette Lyne
Sophie Camille Laurence Rosalie Justine Océane Éloïse Jacinthe Manon Danielle Francine Brigitte Charlotte
Alice Florence Béatrice Audrey Marie-Claude Andrée-Anne Martine Chantal Mylène Maude Line Pascale Ariane
Clémence Marianne Sarah-Maude Jessica""".split()
_FR_FIRST_M = """Jean-François Mathieu Étienne Sébastien Frédéric Pierre-Luc Maxime Guillaume François Benoît
Louis Gabriel Félix Raphaël Olivier Samuel Alexandre Simon Patrick Marc-André Jérôme Yannick Luc Denis
Gaétan Réjean Thomas Antoine Ghislain Normand Vincent Philippe Hugo Jacob William Marc-Antoine
Jean-Philippe Kevin Joël Rémi Gilles Serge Émile Éric Louis-Philippe Dominique""".split()
_FR_FIRST = _FR_FIRST_F + _FR_FIRST_M
_FR_LAST = """Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger
Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier Fournier
Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin Landry Martel Bédard Grenier Lessard
Bernier Richard Michaud Hébert Desjardins Couture Turcotte Lachance Parent Blais Gosselin Savard Proulx
Beaudoin Demers Perreault Lemieux Dion Vaillancourt Charbonneau Lacroix Mercier Brisson Daigle Trudel
Labelle Jolicoeur Beauchemin Doucet Thériault Rivard Légaré Duchesne Ménard Boisvert Dufour Plante
Lemay Tardif Carrier Vézina Séguin Lalonde Provencher Bilodeau Gingras Rousseau Guay Lepage Lavallée
Champagne Allard Picard Vachon Marcoux Desrosiers Quirion Laflamme Blouin Houle Chénier D'Amours""".split()
_EN_FIRST = """Emily James Olivia Liam Sarah Michael Jessica Daniel Hannah Ryan Megan Andrew Lauren Kevin
Rachel Jason Amanda Brian Nicole Tyler Priya Arjun Wei Mei Aisha Omar Fatima Hiroshi Ana Diego Kwame
Grace Ethan Noah Ava Mia Lucas Benjamin Sophia Zoe Harper Owen Caleb Nathan Dylan Connor Erin Kayla Heather
Colin Graham Ian Fiona Siobhan Malcolm Rohan Anjali Harpreet Gurpreet Jun Min-jun Yuki Leila Samir Nadia
Tomasz Katarzyna Ifeoma Chidi Amara Tariq Elena Mateo Lucia Rafael Isabel Marcus Jordan Taylor Morgan
Hailey Brooke Madison Logan Mason Evan Spencer Alexis Devon Kira Sana Imran Zainab Mohammed Yusuf""".split()
_EN_LAST = """Smith Brown Wilson MacDonald Campbell Anderson Taylor Thompson Stewart Murray Robertson Clarke
Walsh O'Brien Patel Singh Nguyen Chen Wong Li Kim Ahmed Hassan Okafor Mensah Fernandes Silva Kowalski Novak
Schmidt Fraser Douglas Bennett Hughes Foster Gill Sandhu Lam Tran Grant Reid Morrison Henderson Mitchell
Ferguson Sinclair Kaur Dhillon Sharma Gupta Iyer Rahman Khan Ali Haddad Nasser Yamamoto Tanaka Park Lee
Zhang Liu Huang Santos Oliveira Romero Castillo Moreno Ortiz Adeyemi Boateng Asante Osei Kovacs Horvath
Petrov Ivanova Russo Esposito Moretti Keller Becker Larsen Lindqvist Berg Doyle Byrne Quinn Gallagher""".split()
_EMOJI = ["🌱", "🚀", "🌍", "✨", "📊", "🎯", "💡", "🌿", "🎨", "⚡"]
_CREDENTIALS = [", PhD", ", MBA", ", CPA", ", ing.", ", CRHA", ", PMP", ", Adm.A.", ", CFA", ", M.Sc.",
                ", PhD, PMP"]
_MAIL_DOMAINS = ["mail.example", "courriel.example", "poste.example", "inbox.example"]

_WHERE_MET = {
    "fr": ["5 à 7 de la chambre de commerce", "atelier de réseautage", "ancien collègue", "colloque annuel",
           "comité de bénévoles", "formation en gestion", "hackathon", "salon de l'emploi", "dîner-conférence"],
    "en": ["networking breakfast", "former colleague", "industry conference", "volunteer board",
           "alumni event", "workshop", "hackathon", "client meeting", "meetup"],
}
_EVENTS = {
    "fr": ["au 5 à 7 Boréal", "à l'atelier Réseaux et carrières", "au colloque Haute-Ville",
           "au déjeuner-causerie Cap-Rouge", "au salon Grand-Pré"],
    "en": ["the Lakeshore data meetup", "the Northbridge alumni night", "the Tamarack leadership workshop",
           "the Harbourfront innovation forum", "the Granite founders breakfast"],
}
_MSG_FR = [
    "Bonjour {first}, merci pour l'invitation!",
    "Salut {first}, as-tu deux minutes cette semaine pour un café?",
    "Merci pour ta présentation d'hier, c'était très pertinent.",
    "Parfait, jeudi me va.  Je t'envoie une invitation de calendrier.",
    "Chez {mine}, on cherche quelqu'un comme toi, est-ce que ça t'intéresserait?",
    "Félicitations pour le nouveau poste, {first}!",
    "On se voit au 5 à 7 mardi?",
    "Merci encore, ton conseil m'a beaucoup aidé.",
    "Je te présente quelqu'un qui cherche justement ton profil, je vous mets en contact.",
    "Bonne idée, on en reparle après les vacances.",
]
_MSG_EN = [
    "Hi {first}, thanks for connecting!",
    "Great to meet you at the workshop yesterday.",
    "Perfect, Thursday works.  I'll send a calendar invite.",
    "Congrats on the new role, {first}!",
    "Do you have 20 minutes next week to compare notes?",
    "Happy to introduce you to someone on my team at {mine}, let me know.",
    "Thanks, that was really helpful.",
    "Are you going to the meetup on Tuesday?",
    "Sounds good, talk soon.",
    "I saw the post about {yours}, impressive work!",
]
_PITCH = [
    "Hi {first}, I came across your profile and would love to tell you about what we do at {mine}.",
    "Bonjour {first}, je me permets de vous écrire : chez {mine}, nous aidons des équipes comme la vôtre.",
]
_GROUP_TITLES = ["Comité 5 à 7", "Cohorte atelier réseautage", "Platform guild", "Organisation colloque",
                 "Book club", "Projet conjoint"]
_REC_TEXT = [
    "{first} is the colleague everyone wants on a difficult project: calm, precise and generous with time.",
    "J'ai eu la chance de travailler avec {first} pendant plusieurs années. Rigueur, écoute et sens du "
    "service, je recommande sans hésiter.",
    "{first} turns messy problems into clear decisions, fast.",
    "Travailler avec {first}, c'est l'assurance d'un mandat livré à temps, et avec le sourire.",
]
_SPONSORS = ["Nuagique Pro", "Harbourfront Talent", "Formations Cap-Rouge"]


# ---------------------------------------------------------------------------------------------
# Small formatting helpers (locale-free: month names are spelled out here).
# ---------------------------------------------------------------------------------------------
def _q(value, sep=","):
    """Minimal RFC 4180 quoting, as LinkedIn does: only when the field needs it."""
    if not value:
        return ""
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if sep in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def _row(fields, sep=","):
    # Most fields need no quotes: test inline rather than pay a call per field.
    return sep.join([_q(f, sep) if (sep in f or '"' in f or "\n" in f or "\r" in f) else f for f in fields])


def _day(days):
    return _EPOCH + timedelta(days=int(days))


@functools.lru_cache(maxsize=16384)
def _dmy(days):
    d = _day(days)
    return f"{d.day:02d} {_MONTHS[d.month - 1]} {d.year}"


@functools.lru_cache(maxsize=16384)
def _iso(days):
    return _day(days).isoformat()


def _utc_many(seconds):
    """``YYYY-MM-DD HH:MM:SS UTC`` for an array of epoch seconds, vectorised."""
    text = np.datetime_as_string(np.asarray(seconds, dtype="int64").astype("datetime64[s]"), unit="s")
    return [t.replace("T", " ") + " UTC" for t in text.tolist()]


def _utc(seconds, sep="-"):
    t = time.gmtime(int(seconds))
    return (f"{t.tm_year:04d}{sep}{t.tm_mon:02d}{sep}{t.tm_mday:02d} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC")


def _us(seconds, *, pad=False):
    """``M/D/YY, h:mm AM`` (unpadded, Invitations and 2018 files) or ``MM/DD/YY, hh:mm AM`` (padded)."""
    t = time.gmtime(int(seconds))
    hour = t.tm_hour % 12 or 12
    half = "AM" if t.tm_hour < 12 else "PM"
    if pad:
        return f"{t.tm_mon:02d}/{t.tm_mday:02d}/{t.tm_year % 100:02d}, {hour:02d}:{t.tm_min:02d} {half}"
    return f"{t.tm_mon}/{t.tm_mday}/{t.tm_year % 100:02d}, {hour}:{t.tm_min:02d} {half}"


@functools.lru_cache(maxsize=65536)
def _ascii(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _days(d):
    return (d - _EPOCH).days


# ---------------------------------------------------------------------------------------------
# The world.
# ---------------------------------------------------------------------------------------------
@dataclass
class World:
    """A seeded population of fictional people, their ties and messages (columnar).

    People are indices ``0..n-1`` into the per-person lists; ``ties`` are undirected pairs
    ``(a, b)`` where ``a`` is the owner whose sampling created the tie. Build it with
    :func:`make_world`; write exports with :func:`write_export`; read the truth with
    :func:`answer_key`.

    Examples
    --------
    >>> w = make_world(100, owners=[{"persona": "member", "contacts": 20, "label": "me"}], seed=1)
    >>> w.n_people, w.owner_index("me"), w.owners[0]["persona"]
    (100, 0, 'member')
    """

    seed: int
    export_date: date
    communities: pd.DataFrame
    companies: pd.DataFrame
    people: dict
    owners: list
    ties: dict
    messages: dict
    groups: list
    endorsements: dict
    recommendations: dict
    owner_ties: dict = field(default_factory=dict)
    company_names: list = field(default_factory=list)

    @property
    def n_people(self):
        return len(self.people["name"])

    def owner_index(self, label):
        """The position in ``owners`` of the owner whose ``label`` (or persona) is given."""
        for i, owner in enumerate(self.owners):
            if owner["label"] == label:
                return i
        for i, owner in enumerate(self.owners):
            if owner["persona"] == label:
                return i
        raise InputError(f"this synthetic world has no owner called '{label}'.")


def _community_table(n_communities):
    specs = list(_SAMPLE_COMMUNITIES) + list(_EXTRA_COMMUNITIES)
    rows = []
    for c in range(n_communities):
        sector, city = specs[c % len(specs)]
        round_ = c // len(specs)
        label = f"{sector} — {city}" + (f" ({round_ + 1})" if round_ else "")
        rows.append({"community": c, "label": label, "sector": sector, "city": city})
    return pd.DataFrame(rows)


def _companies(rng, communities, sizes):
    rows, used = [], set()
    for c, size in zip(communities.itertuples(), sizes, strict=False):
        words = _SECTORS[c.sector][1]
        n = int(max(4, min(60, size // 45 + 3)))
        for _ in range(n):
            for _attempt in range(50):
                word = words[rng.integers(len(words))]
                forms = _COMPANY_FORMS["en" if word in _EN_WORDS else "fr"]
                form = forms[rng.integers(len(forms))]
                p, q = (_PLACE_WORDS[i] for i in rng.choice(len(_PLACE_WORDS), 2, replace=False))
                name = form.format(p=p, q=q, w=word)
                if name not in used:
                    break
            else:  # a large world exhausts the combinations: number them
                name = f"{name} {len(used)}"
            used.add(name)
            domain = "-".join(_ascii(p).lower().replace("'", "").split()) + ".example"
            rows.append({"company": name, "sector": c.sector, "city": c.city,
                         "community": c.community, "domain": domain})
    return pd.DataFrame(rows)


def _people(rng, n, communities, companies):
    n_comm = len(communities)
    weights = rng.lognormal(0.0, 0.35, n_comm)
    community = rng.choice(n_comm, n, p=weights / weights.sum())
    fr_share = np.array([_CITIES[c][0] for c in communities["city"]])
    french = rng.random(n) < fr_share[community]
    first_i = rng.integers(0, 1 << 30, n)
    last_i = rng.integers(0, 1 << 30, n)
    # Companies: Zipf-like sizes inside each community; 2 % have none.
    company = np.full(n, -1)
    by_comm = companies.groupby("community").indices
    for c in range(n_comm):
        members = np.flatnonzero(community == c)
        ids = np.asarray(by_comm[c])
        w = 1.0 / np.arange(1, len(ids) + 1) ** 1.05
        company[members] = ids[rng.choice(len(ids), len(members), p=w / w.sum())]
    company[rng.random(n) < 0.02] = -1
    title_i = rng.integers(0, 1 << 30, n)
    senior = rng.random(n)
    spaces = rng.random(n)
    emoji = rng.random(n)
    cred = rng.random(n)
    shape = rng.random(n)
    accents = rng.random(n)
    hexes = rng.integers(0, 1 << 32, n, dtype=np.uint64)
    nine = rng.random(n) < 0.3
    extra_i = rng.integers(0, 1 << 30, n)
    mail = rng.random(n)
    people = {k: [] for k in ("first", "last", "name", "slug", "url", "key", "email", "position")}
    slugs = set()
    sectors = communities["sector"].to_numpy()
    comp_domain = companies["domain"].tolist()
    parts = {}  # name -> (ascii slug part, accented slug part percent-encoded, has accent, e-mail part)

    def part(name):
        got = parts.get(name)
        if got is None:
            low = name.lower().replace("'", "").replace(".", "")
            plain = "-".join(_ascii(low).split())
            got = (plain, quote("-".join(low.split()), safe="-"), _ascii(name) != name,
                   _ascii(name).lower().replace(" ", "").replace("'", ""))
            parts[name] = got
        return got

    sector_of = sectors[community].tolist()
    french_l = french.tolist()
    first_l, last_l, extra_l, title_l = first_i.tolist(), last_i.tolist(), extra_i.tolist(), title_i.tolist()
    company_l = company.tolist()
    senior_l, spaces_l, emoji_l, cred_l = senior.tolist(), spaces.tolist(), emoji.tolist(), cred.tolist()
    shape_l, accents_l, hexes_l, nine_l, mail_l = (shape.tolist(), accents.tolist(), hexes.tolist(),
                                                   nine.tolist(), mail.tolist())
    for i in range(n):
        fr = french_l[i]
        firsts, lasts = (_FR_FIRST, _FR_LAST) if fr else (_EN_FIRST, _EN_LAST)
        fi = first_l[i] % len(firsts)
        first = firsts[fi]
        last = lasts[last_l[i] % len(lasts)]
        extra = extra_l[i]
        if fr and extra % 9 == 0:  # a double family name, common in Québec
            last = f"{last}-{_FR_LAST[(extra // 9) % len(_FR_LAST)]}"
        titles = _SECTORS[sector_of[i]][2 if fr else 3]
        position = titles[title_l[i] % len(titles)]
        if "|" in position:  # masculine|feminine forms, agreeing with the first name
            position = position.split("|")[int(fi < len(_FR_FIRST_F))]
        if senior_l[i] < 0.12:
            position = f"{position} senior" if fr else f"Senior {position}"
        raw_first, raw_last = first, last
        if emoji_l[i] < 0.012:
            raw_last = f"{raw_last} {_EMOJI[extra % len(_EMOJI)]}"
        if cred_l[i] < 0.03:
            raw_last = raw_last + _CREDENTIALS[extra % len(_CREDENTIALS)]
        if spaces_l[i] < 0.025:  # stray spaces typed into the profile (spec: 92 of 3,761 rows)
            if extra % 2:
                raw_first += " "
            else:
                raw_last += " "
        # Slug: lowercase; accents kept (percent-encoded) for about half of the accented names.
        pf, pl = part(first), part(last)
        keep = (pf[2] or pl[2]) and accents_l[i] < 0.5
        if keep:
            base, encoded_base = f"{pf[0]}-{pl[0]}", f"{pf[1]}-{pl[1]}"
            base = _unquote(encoded_base)
        else:
            base = encoded_base = f"{pf[0]}-{pl[0]}"
        if shape_l[i] < 0.18 and base not in slugs:
            slug, encoded = base, encoded_base
        elif shape_l[i] < 0.26 and base.replace("-", "") not in slugs:
            slug, encoded = base.replace("-", ""), encoded_base.replace("-", "")
        else:
            h = hexes_l[i]
            suffix = f"{h:08x}"
            if nine_l[i]:
                suffix = f"{h % 10**9:09d}"
                suffix = suffix[:2] + "b" + suffix[3:]  # digit-and-hex, like 01b9a7223
            slug = f"{base}-{suffix}"
            while slug in slugs:
                slug += "0"
            encoded = encoded_base + slug[len(base):]
        slugs.add(slug)
        people["first"].append(raw_first)
        people["last"].append(raw_last)
        people["name"].append(f"{raw_first.strip()} {raw_last.strip()}")
        people["slug"].append(encoded)
        people["url"].append("https://www.linkedin.com/in/" + encoded)
        people["key"].append("linkedin.com/in/" + slug)
        if mail_l[i] < 0.5 and company_l[i] >= 0:
            domain = comp_domain[company_l[i]]
        else:
            domain = _MAIL_DOMAINS[extra % len(_MAIL_DOMAINS)]
        people["email"].append(f"{pf[3]}.{pl[3]}@{domain}")
        people["position"].append(position)
    people["french"] = french
    people["community"] = community
    people["company"] = company
    people["propensity"] = rng.lognormal(0.0, 1.1, n)
    people["shares_email"] = rng.random(n) < 0.025
    people["hidden"] = rng.random(n) < 0.012
    return people


def _sampler(members, weights):
    cdf = np.cumsum(weights[members])
    return members, cdf / cdf[-1]


def _draw(rng, sampler, k, taken):
    """Draw ``k`` distinct untaken people, proportionally to popularity (rejection, then uniform)."""
    members, cdf = sampler
    out = []
    need = k
    for _round in range(12):
        if need <= 0:
            break
        idx = np.searchsorted(cdf, rng.random(int(need * 1.4) + 8), side="right")
        cand = members[np.minimum(idx, len(members) - 1)]
        cand, first = np.unique(cand, return_index=True)
        cand = cand[np.argsort(first)]  # keep the draw order: deterministic and unbiased
        cand = cand[~taken[cand]][:need]
        taken[cand] = True
        out.append(cand)
        need -= len(cand)
    if need > 0:  # the heavy tail is used up: fill uniformly from who is left
        rest = members[~taken[members]]
        cand = rest[rng.permutation(len(rest))[:need]]
        taken[cand] = True
        out.append(cand)
    return np.concatenate(out) if out else np.array([], dtype=int)


def _owner_circles(rng, owner, community, n_comm):
    circles = owner.get("circles")
    if circles:
        return {int(c): float(w) for c, w in circles.items()}
    params = PERSONAS[owner["persona"]]
    home = params["home"]
    second = int((community + 1 + rng.integers(n_comm - 1)) % n_comm) if n_comm > 1 else community
    if n_comm == 1:
        return {community: 1.0}
    return {community: home, second: (1 - home) * 0.35}


def make_world(n_people=9000, *, owners=None, links=(), n_communities=None, seed=0, export_date=None):
    """Build a seeded world of fictional people, owners and their ties.

    Parameters
    ----------
    n_people : int
        People in the world (at least 30).
    owners : list of dict, optional
        The members who export their data. Each dict has ``persona`` (a key of :data:`PERSONAS`),
        ``contacts`` (int), and optionally ``community`` (home community), ``circles``
        (``{community: share}``; what is left is drawn from anywhere), ``label`` and ``person``
        (an index to use as that owner). Default: one networker with 300 contacts.
    links : sequence of (int, int, bool)
        Extra ties between owners (positions in ``owners``) and whether they met in person.
    n_communities : int, optional
        Planted communities (default: about one per 750 people, at least 2, at most 24 for small worlds).
    seed : int
        Everything random derives from it.
    export_date : datetime.date, optional
        The day the exports were requested (default 2 Nov 2026); nothing is dated after it.

    Returns
    -------
    World

    Examples
    --------
    >>> w = make_world(300, owners=[{"persona": "networker", "contacts": 60}], seed=1)
    >>> len(w.owner_ties[0])
    60
    >>> w.people["key"][w.owners[0]["person"]].startswith("linkedin.com/in/")
    True
    """
    if n_people < 30:
        raise InputError(f"a synthetic world needs at least 30 people, not {n_people}.")
    owners = [dict(o) for o in (owners or [{"persona": "networker", "contacts": 300}])]
    for o in owners:
        if o.get("persona") not in PERSONAS:
            raise InputError(f"unknown persona '{o.get('persona')}'; use one of {', '.join(PERSONAS)}.")
        if int(o.get("contacts", 0)) < 1:
            raise InputError("every owner needs at least one contact.")
        if int(o["contacts"]) > 30_000:
            raise InputError(f"LinkedIn caps connections at 30,000; {o['contacts']} contacts is too many.")
    export_date = export_date or _EXPORT_DATE
    rng = np.random.default_rng(seed)
    if n_communities is None:
        n_communities = int(min(max(2, round(n_people / 750)), max(24, n_people // 1500)))
    communities = _community_table(n_communities)
    expected = np.full(n_communities, n_people / n_communities)
    companies = _companies(rng, communities, expected)
    people = _people(rng, n_people, communities, companies)
    n = n_people

    # Choose the owners' people: well-connected members of their home community.
    comm = people["community"]
    prop = people["propensity"]
    used = set()
    for i, o in enumerate(owners):
        if o.get("person") is None:
            c = int(o["community"]) if o.get("community") is not None else i % n_communities
            members = np.flatnonzero((comm == c) & ~people["hidden"] & (people["company"] >= 0))
            members = members[np.argsort(-prop[members], kind="stable")]
            # Distinct first names keep a cohort's story readable ("Sarah-Maude and Ryan").
            firsts = {people["first"][u].strip() for u in used}
            pool = [int(m) for m in members[i % 7:] if int(m) not in used]
            o["person"] = next((m for m in pool if people["first"][m].strip() not in firsts), pool[0])
        used.add(o["person"])
        o["community"] = int(comm[o["person"]])
        o.setdefault("label", f"{i + 1:02d}")
        o["key"] = people["key"][o["person"]]
        o["name"] = people["name"][o["person"]]
    people["hidden"][list(used)] = False
    owner_of = {o["person"]: i for i, o in enumerate(owners)}

    # Sample each owner's contacts, circle by circle.
    samplers = {c: _sampler(np.flatnonzero(comm == c), prop) for c in range(n_communities)}
    everyone = _sampler(np.arange(n), prop)
    pair_index = {}  # ties between two owners (the only pairs two samplings can both create)
    partners = {o["person"]: [] for o in owners}
    ta, tb = [], []

    def add(a, b):
        if b in partners:
            key = (min(a, b), max(a, b))
            if key in pair_index:
                return
            pair_index[key] = len(ta)
            partners[a].append(b)
            partners[b].append(a)
        ta.append(a)
        tb.append(b)

    for i, j, _met in links:
        add(owners[i]["person"], owners[j]["person"])
    taken = np.zeros(n, dtype=bool)
    for o in owners:
        me = o["person"]
        k = min(int(o["contacts"]), n - 1)
        circles = _owner_circles(rng, o, o["community"], n_communities)
        o["_circles"] = sorted(circles)
        shares = np.array([*list(circles.values()), max(0.0, 1.0 - sum(circles.values()))])
        quotas = rng.multinomial(k, shares / shares.sum())
        taken[:] = False
        taken[me] = True
        existing = partners[me]
        taken[existing] = True
        k -= len(existing)
        chosen = []
        spill = 0
        for (c, _share), q in zip(circles.items(), quotas[:-1], strict=False):
            members = samplers[c][0]
            room = int((~taken[members]).sum() * 0.85)
            q = min(int(q), room)
            spill += int(quotas[list(circles).index(c)]) - q
            chosen.append(_draw(rng, samplers[c], q, taken))
        rest = int(quotas[-1]) + spill
        room = int((~taken).sum())
        chosen.append(_draw(rng, everyone, min(rest, room), taken))
        picked = np.concatenate(chosen)[: max(k, 0)]
        for b in picked.tolist():
            add(me, b)

    a = np.array(ta, dtype=np.int64)
    b = np.array(tb, dtype=np.int64)
    T = len(a)
    # Tie attributes, vectorised; the creating owner's persona sets the behaviour.
    owner_pos = np.array([owner_of[x] for x in ta])
    par = {k: np.array([PERSONAS[o["persona"]][k] for o in owners])[owner_pos]
           for k in ("in_person", "talk_in", "talk_on", "msgs_in", "msgs_on", "outgoing", "endorse")}
    join = np.array([_days(date(PERSONAS[o["persona"]]["join"], 1, 1)) for o in owners])
    join_a = join[owner_pos]
    b_owner = np.array([owner_of.get(x, -1) for x in tb])
    join_b = np.where(b_owner >= 0, join[np.maximum(b_owner, 0)], join_a)
    today = _days(export_date)
    home = np.zeros(T, dtype=bool)
    for i, o in enumerate(owners):
        sel = owner_pos == i
        home[sel] = np.isin(comm[b[sel]], o.pop("_circles"))
    same_company = (people["company"][a] == people["company"][b]) & (people["company"][a] >= 0)
    p_in = np.where(home, par["in_person"], par["in_person"] * 0.6)
    p_in = np.where(same_company, np.maximum(p_in, 0.9), p_in)
    in_person = rng.random(T) < np.clip(p_in, 0.02, 0.98)
    for i, j, met in links:
        in_person[pair_index[(min(owners[i]["person"], owners[j]["person"]),
                              max(owners[i]["person"], owners[j]["person"]))]] = bool(met)
    lo = np.maximum(join_a, join_b)
    span = today - 1 - lo
    connected = lo + np.floor(span * rng.random(T) ** 0.7).astype(np.int64)
    inviter_a = rng.random(T) < par["outgoing"]
    invite_sec = rng.integers(7 * 3600, 23 * 3600, T)
    invite_lag = rng.integers(0, 4, T)

    talk = rng.random(T) < np.where(in_person, par["talk_in"], par["talk_on"])
    mean = np.where(in_person, par["msgs_in"], par["msgs_on"])
    n_msgs = np.where(talk, rng.geometric(1.0 / np.maximum(mean, 1.0001)), 0)
    conn_sec = connected * _DAY + invite_sec
    end_sec = today * _DAY
    recent = end_sec - (rng.exponential(110.0, T) * _DAY).astype(np.int64)
    early = conn_sec + (rng.exponential(70.0, T) * _DAY).astype(np.int64)
    last = np.where(in_person, recent, early)
    last = np.clip(last, conn_sec + 3600, end_sec - 60)
    window = np.where(in_person, 540, 60) * _DAY
    first_sec = np.maximum(conn_sec + 600, last - window)
    conv_bytes = rng.bytes(16 * T)
    conv_tail = rng.integers(0, 4, T)
    folder_archive = rng.random(T) < 0.07

    tie_of = np.repeat(np.arange(T), n_msgs)
    M = len(tie_of)
    frac = rng.random(M)
    msg_time = first_sec[tie_of] + (frac * (last - first_sec)[tie_of]).astype(np.int64)
    starts = np.cumsum(n_msgs) - n_msgs
    msg_time[starts[talk]] = last[talk]  # each conversation's newest message is its last contact
    order = np.lexsort((-msg_time, tie_of))
    tie_of, msg_time = tie_of[order], msg_time[order]
    messages = {
        "tie": tie_of, "time": msg_time,
        "from_a": rng.random(M) < 0.5,
        "template": rng.integers(0, 10, M),
    }
    # Endorsements and recommendations, each direction separately.
    e_lam = np.where(in_person, par["endorse"], par["endorse"] * 0.12)
    n_ab = rng.poisson(e_lam)
    n_ba = rng.poisson(e_lam)
    e_tie = np.concatenate([np.repeat(np.arange(T), n_ab), np.repeat(np.arange(T), n_ba)])
    e_dir = np.concatenate([np.ones(n_ab.sum(), bool), np.zeros(n_ba.sum(), bool)])
    e_time = conn_sec[e_tie] + (rng.random(len(e_tie)) * (end_sec - conn_sec[e_tie])).astype(np.int64)
    endorsements = {"tie": e_tie, "a_to_b": e_dir, "time": e_time,
                    "skill": rng.integers(0, 1 << 20, len(e_tie)), "accepted": rng.random(len(e_tie)) > 0.03}
    r_p = np.where(in_person & same_company, 0.08, np.where(in_person, 0.015, 0.0))
    r_ab = rng.random(T) < r_p
    r_ba = rng.random(T) < r_p
    r_tie = np.concatenate([np.flatnonzero(r_ab), np.flatnonzero(r_ba)])
    r_dir = np.concatenate([np.ones(r_ab.sum(), bool), np.zeros(r_ba.sum(), bool)])
    r_time = conn_sec[r_tie] + (rng.random(len(r_tie)) * (end_sec - conn_sec[r_tie])).astype(np.int64)
    recommendations = {"tie": r_tie, "a_to_b": r_dir, "time": r_time,
                       "text": rng.integers(0, len(_REC_TEXT), len(r_tie))}

    ties = {"a": a, "b": b, "in_person": in_person, "connected": connected, "inviter_a": inviter_a,
            "invite_sec": invite_sec, "invite_lag": invite_lag, "n_msgs": n_msgs,
            "last": np.where(talk, last, -1), "conv": conv_bytes, "conv_tail": conv_tail,
            "archived": folder_archive, "msg_start": starts, "same_company": same_company}

    # Which ties each owner's export lists, newest first (ties sorted by date, then key for stability).
    owner_ties = {}
    keys = np.array(people["key"], dtype=object)
    for i, o in enumerate(owners):
        me = o["person"]
        idx = np.flatnonzero((a == me) | (b == me))
        other = np.where(a[idx] == me, b[idx], a[idx])
        idx = idx[np.lexsort((keys[other], -connected[idx]))]
        owner_ties[i] = idx
    _fix_shares(rng, people, owners, owner_ties, a, b)

    # Group conversations: an owner and 2-4 of their in-person contacts from one community.
    groups = []
    for i, o in enumerate(owners):
        me = o["person"]
        idx = owner_ties[i]
        other = np.where(a[idx] == me, b[idx], a[idx])
        friends = other[in_person[idx] & ~people["hidden"][other]]
        n_groups = round(PERSONAS[o["persona"]]["groups"] * len(idx) / 100)
        if len(friends) >= 3:
            n_groups = max(n_groups, 1)
        for g in range(n_groups if len(friends) >= 3 else 0):
            size = int(rng.integers(2, 5))
            pool = friends[comm[friends] == comm[friends[rng.integers(len(friends))]]]
            if len(pool) < size:
                pool = friends
            members = sorted({me, *rng.choice(pool, min(size, len(pool)), replace=False).tolist()})
            n_g = int(rng.integers(2, 9))
            t_end = end_sec - int(rng.exponential(150.0) * _DAY)
            times = np.sort(t_end - (rng.random(n_g) * 200 * _DAY).astype(np.int64))[::-1]
            groups.append({
                "owner": i, "members": members,
                "title": _GROUP_TITLES[int(rng.integers(len(_GROUP_TITLES)))] if rng.random() < 0.6 else "",
                "conv": rng.bytes(16), "tail": int(rng.integers(0, 4)),
                "senders": rng.choice(members, n_g).tolist(), "times": times.tolist(),
                "templates": rng.integers(0, 10, n_g).tolist(),
                # The first group of each owner loses a member: a system event row.
                "left": next(x for x in reversed(members) if x != me) if g == 0 else None,
            })
    return World(seed=seed, export_date=export_date, communities=communities, companies=companies,
                 people=people, owners=owners, ties=ties, messages=messages, groups=groups,
                 endorsements=endorsements, recommendations=recommendations, owner_ties=owner_ties,
                 company_names=companies["company"].tolist())


def _fix_shares(rng, people, owners, owner_ties, a, b):
    """Keep each export's hidden-member (0.4–3 %) and e-mail (1–4 %) shares of rows in range.

    Both are properties of the contact (a deleted account, their privacy setting), so they are
    adjusted on people, owner by owner, a few sweeps; owners are never hidden. Exports under 25
    contacts are left alone (one row is already 4 %).
    """
    owner_people = np.array(sorted(o["person"] for o in owners))
    for flag, lo, hi in (("hidden", 0.004, 0.03), ("shares_email", 0.01, 0.04)):
        values = people[flag]
        for _sweep in range(4):
            changed = False
            for i, o in enumerate(owners):
                idx = owner_ties[i]
                n = len(idx)
                if n < 25:
                    continue
                other = np.where(a[idx] == o["person"], b[idx], a[idx])
                other = other[~np.isin(other, owner_people)]
                if flag == "shares_email":  # a hidden row shows no e-mail
                    other = other[~people["hidden"][other]]
                have = int(values[other].sum())
                least, most = int(np.ceil(lo * n)), int(np.floor(hi * n))
                if least <= have <= most:
                    continue
                want = round((lo + hi) / 2 * n)
                pool = other[values[other] != (want > have)]
                change = rng.choice(pool, min(abs(want - have), len(pool)), replace=False)
                values[change] = want > have
                changed = True
            if not changed:
                break


# ---------------------------------------------------------------------------------------------
# Writing one owner's export.
# ---------------------------------------------------------------------------------------------
def _conv_id(raw, tail):
    u = bytearray(raw)
    u[6] = (u[6] & 0x0F) | 0x40
    u[8] = (u[8] & 0x3F) | 0x80
    h = u.hex()
    text = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}_{('010', '012', '013', '000')[tail]}"
    return "2-" + base64.b64encode(text.encode()).decode()


def _clean_first(world, p):
    return world.people["first"][p].strip()


def _company_name(world, p):
    c = world.people["company"][p]
    return world.company_names[c] if c >= 0 else ""


def _text(world, template, sender, recipient, *, pitch=False):
    french = world.people["french"][sender]
    if pitch:
        t = _PITCH[1 if french else 0]
    else:
        t = (_MSG_FR if french else _MSG_EN)[template % 10]
    mine = _company_name(world, sender) or ("mon équipe" if french else "my team")
    yours = _company_name(world, recipient) or ("ton équipe" if french else "your team")
    return t.format(first=_clean_first(world, recipient), mine=mine, yours=yours)


def _connections(world, i, variant, rng):
    p, me = world.people, world.owners[i]["person"]
    t = world.ties
    idx = world.owner_ties[i]
    other = np.where(t["a"][idx] == me, t["b"][idx], t["a"][idx])
    companies = world.company_names
    rows = []
    blank_job = (rng.random(len(idx)) < 0.02).tolist()
    days, seconds = t["connected"][idx].tolist(), t["invite_sec"][idx].tolist()
    hidden, company_of, shares = (p["hidden"][other].tolist(), p["company"][other].tolist(),
                                  p["shares_email"][other].tolist())
    for k, o in enumerate(other.tolist()):
        day = days[k]
        if variant == "2018":
            when = _us(day * _DAY + seconds[k])
        elif variant == "excel":
            d = _day(day)
            when = f"{d.day}-{_MONTHS[d.month - 1]}-{d.year % 100:02d}"
        else:
            when = _dmy(day)
        if hidden[k]:
            fields = ["", "", "", "", "", "", when]
        else:
            c = company_of[k]
            company, position = (companies[c], p["position"][o]) if c >= 0 else ("", "")
            if blank_job[k]:
                company = position = ""
            email = p["email"][o] if (shares[k] or variant == "2018") else ""
            fields = [p["first"][o], p["last"][o], p["url"][o], email, company, position, when]
        if variant in ("2022", "2018"):
            del fields[2]
        rows.append(fields)
    header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    if variant in ("2022", "2018"):
        del header[2]
    if variant == "2018":  # the 2018 file was not sorted
        rows = [rows[j] for j in rng.permutation(len(rows))]
    if variant == "excel":  # re-saved in a French-locale spreadsheet: ';', CRLF, BOM, padded preamble
        width = len(header)
        pad = ";" * (width - 1)
        lines = ["Notes:" + pad, CONNECTIONS_PREAMBLE.split("\n")[1].strip('"') + pad, pad, _row(header, ";")]
        lines += [_row(r, ";") for r in rows]
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    text = "\n".join([_row(header)] + [_row(r) for r in rows])
    return ((CONNECTIONS_PREAMBLE if variant != "2018" else "") + text).encode("utf-8")


def _message_rows(world, i, rng):
    """Every messages.csv row of owner ``i`` as (conversation key, time, fields) tuples."""
    p, t, m = world.people, world.ties, world.messages
    me = world.owners[i]["person"]
    idx = world.owner_ties[i]
    conversations = []

    def person(x):
        if p["hidden"][x]:
            return "LinkedIn Member", ""
        return p["name"][x], p["url"][x]

    talk = idx[t["n_msgs"][idx] > 0]
    counts = t["n_msgs"][talk]
    # Every message of this export at once: dates, senders and templates as plain lists.
    ks = np.repeat(t["msg_start"][talk] - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    dates = _utc_many(m["time"][ks])
    times, from_a, templates = m["time"][ks].tolist(), m["from_a"][ks].tolist(), m["template"][ks].tolist()
    j = 0
    for tie, count in zip(talk.tolist(), counts.tolist(), strict=True):
        a, b = int(t["a"][tie]), int(t["b"][tie])
        cid = _conv_id(t["conv"][16 * tie:16 * tie + 16], int(t["conv_tail"][tie]))
        folder = "ARCHIVE" if t["archived"][tie] else "INBOX"
        in_person = bool(t["in_person"][tie])
        rows = []
        for k in range(count):
            sender, recipient = (a, b) if from_a[j] else (b, a)
            s_name, s_url = person(sender)
            r_name, r_url = person(recipient)
            # An online-only tie opens with a pitch; a few in-person threads share a file.
            pitch = not in_person and k == count - 1
            text = _text(world, templates[j], sender, recipient, pitch=pitch)
            attachment = ""
            if k == 0 and in_person and count >= 3 and t["conv_tail"][tie] == 3:
                attachment = "https://www.linkedin.com/dms/prv/image/v2/D4E06AQ" + cid[2:14] + "?m=AQ&e=1"
            rows.append((times[j], [cid, "", s_name, s_url, r_name, r_url, dates[j], "",
                                    text, folder, attachment, "No"]))
            j += 1
        conversations.append(rows)
    for g in world.groups:
        if me not in g["members"]:
            continue
        cid = _conv_id(g["conv"], g["tail"])
        rows = []
        for s, when, tpl in zip(g["senders"], g["times"], g["templates"], strict=False):
            others = [x for x in g["members"] if x != s]
            s_name, s_url = person(s)
            names, urls = zip(*[person(x) for x in others], strict=False)
            text = _text(world, tpl, s, others[0])
            rows.append((when, [cid, g["title"], s_name, s_url, ",".join(names), ",".join(u for u in urls if u),
                                _utc(when), "", text, "INBOX", "", "No"]))
        if g["left"] is not None:  # a system event: empty sender and recipients
            when = g["times"][0] + 3600
            rows.append((when, [cid, g["title"], "", "", "", "", _utc(when), "",
                                f"{p['name'][g['left']]} left the conversation.", "INBOX", "", "No"]))
        conversations.append(rows)
    # Owner-specific rows: a sponsored message, an out-of-network InMail, a request accepted, a draft.
    end = _days(world.export_date) * _DAY
    owner_name, owner_url = p["name"][me], p["url"][me]
    first = _clean_first(world, me)
    when = end - int(rng.integers(5, 60)) * _DAY - int(rng.integers(0, _DAY))
    sponsor = _SPONSORS[int(rng.integers(len(_SPONSORS)))]
    html = (f'<p class="spinmail-quill-editor__spin-break">Hi {first},</p>'
            '<p class="spinmail-quill-editor__spin-break"><br></p>'
            f'<p class="spinmail-quill-editor__spin-break">Grow your team with {sponsor}&nbsp;&amp; '
            "save 20&nbsp;% this month.</p>")
    conversations.append([(when, [_conv_id(rng.bytes(16), 1), "Sponsored Conversation", "LinkedIn Member", "",
                                  owner_name, owner_url, _utc(when), f"{first}, an offer from {sponsor}",
                                  html, "INBOX", "", "No"])])
    when = end - int(rng.integers(30, 300)) * _DAY - int(rng.integers(0, _DAY))
    inmail = ("Bonjour, je recrute pour un poste qui correspond à votre profil. Seriez-vous disponible "
              "pour un appel?") if p["french"][me] else \
        "Hello, I am hiring for a role that matches your profile. Would you be open to a call?"
    cid = _conv_id(rng.bytes(16), 2)
    conversations.append([
        (when + 7200, [cid, "", "", "", "", "", _utc(when + 7200), "", "Message request accepted", "INBOX", "", "No"]),
        (when, [cid, "", "LinkedIn Member", "", owner_name, owner_url, _utc(when), "Opportunité / Opportunity",
                inmail, "INBOX", "", "No"]),
    ])
    when = end - int(rng.integers(1, 20)) * _DAY - int(rng.integers(0, _DAY))
    draft = "Draft: félicitations pour le nouveau poste" if p["french"][me] else "Draft: congrats on the new role"
    conversations.append([(when, ["", "", owner_name, owner_url, "", "", _utc(when), "", draft, "", "", "Yes"])])
    for conv in conversations:
        conv.sort(key=lambda r: -r[0])
    conversations.sort(key=lambda rows: (-rows[0][0], rows[0][1][0]))
    return [fields for conv in conversations for _when, fields in conv]


def _messages(world, i, variant, rng):
    rows = _message_rows(world, i, rng)
    if variant == "2018":
        me = world.people["name"][world.owners[i]["person"]]
        lines = ["From,To,Date,Subject,Content,Direction,Folder"]
        for r in rows:
            if r[11] == "Yes" or not r[2]:
                continue
            seconds = _parse_utc(r[6])
            direction = "OUTGOING" if r[2] == me else "INCOMING"
            folder = "SENT" if direction == "OUTGOING" else "INBOX"
            lines.append(_row([r[2], r[4], _us(seconds), r[7], r[8], direction, folder]))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if variant == "2022":
        lines = ["CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER"]
        lines += [_row(r[:5] + r[6:10]) for r in rows if r[11] != "Yes"]
        return ("\n".join(lines) + "\n").encode("utf-8")
    header = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
              "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT")
    return ("\n".join([header] + [_row(r) for r in rows]) + "\n").encode("utf-8")


def _parse_utc(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%d %H:%M:%S UTC"))


def _invitations(world, i, variant, rng):
    p, t = world.people, world.ties
    o = world.owners[i]
    me = o["person"]
    idx = world.owner_ties[i]
    today = _days(world.export_date)
    start = today - 182  # LinkedIn keeps about six months of invitations
    rows = []
    for tie in idx.tolist():
        if t["connected"][tie] < start:
            continue
        a, b = int(t["a"][tie]), int(t["b"][tie])
        inviter, invitee = (a, b) if t["inviter_a"][tie] else (b, a)
        if p["hidden"][inviter] or p["hidden"][invitee]:
            continue
        sent = (int(t["connected"][tie]) - int(t["invite_lag"][tie])) * _DAY + int(t["invite_sec"][tie])
        if sent < start * _DAY:
            continue
        message = ""
        roll = rng.random()
        if t["in_person"][tie] and roll < 0.3:
            events = _EVENTS["fr" if p["french"][inviter] else "en"]
            event = events[int(rng.integers(len(events)))]
            if p["french"][inviter]:
                message = f"Bonjour {_clean_first(world, invitee)}, on s'est rencontrés {event}, au plaisir!"
            else:
                message = f"Hi {_clean_first(world, invitee)}, we met at {event}, would be great to connect."
        elif not t["in_person"][tie] and roll < 0.05:
            message = _text(world, 0, inviter, invitee, pitch=True)
        rows.append((sent, inviter, invitee, message))
    # Pending invitations: people not (yet) connected.
    pending_out = {"networker": 3, "cultivator": 2, "member": 1, "collector": 0}[o["persona"]]
    pending_in = {"networker": 3, "cultivator": 1, "member": 1, "collector": 0}[o["persona"]]
    contacts = set(np.where(t["a"][idx] == me, t["b"][idx], t["a"][idx]).tolist()) | {me}
    for direction, count in (("out", pending_out), ("in", pending_in)):
        for _ in range(count):
            x = int(rng.integers(world.n_people))
            if x in contacts or p["hidden"][x]:
                continue
            sent = (today - int(rng.integers(1, 170))) * _DAY + int(rng.integers(7 * 3600, 23 * 3600))
            rows.append((sent, me, x, "") if direction == "out" else (sent, x, me, ""))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    for k in range(1, len(rows) - 1, 7):  # "roughly newest first, not strictly sorted"
        if rng.random() < 0.5:
            rows[k], rows[k + 1] = rows[k + 1], rows[k]
    if variant in ("2022", "2018"):
        header = "From,To,Sent At,Message,Direction"
    else:
        header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
    lines = [header]
    for sent, inviter, invitee, message in rows:
        fields = [p["name"][inviter], p["name"][invitee], _us(sent), message,
                  "OUTGOING" if inviter == me else "INCOMING", p["url"][inviter], p["url"][invitee]]
        lines.append(_row(fields if header.endswith("Url") else fields[:5]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _endorsements(world, i, variant):
    p, t, e = world.people, world.ties, world.endorsements
    me = world.owners[i]["person"]
    sectors = world.communities["sector"].to_numpy()
    mine = np.isin(e["tie"], world.owner_ties[i])
    received, given = [], []
    for k in np.flatnonzero(mine).tolist():
        tie = int(e["tie"][k])
        a, b = int(t["a"][tie]), int(t["b"][tie])
        giver, taker = (a, b) if e["a_to_b"][k] else (b, a)
        other = taker if giver == me else giver
        if p["hidden"][other]:
            continue
        skills = _SECTORS[sectors[p["community"][taker]]][4]
        skill = skills[int(e["skill"][k]) % len(skills)]
        status = "ACCEPTED" if e["accepted"][k] else "PENDING"
        row = (int(e["time"][k]), [_utc(e["time"][k], "/"), skill, p["first"][other].strip(),
                                   p["last"][other].strip(), "www." + p["url"][other][len("https://www."):],
                                   status])
        (received if taker == me else given).append(row)
    files = {}
    for name, rows, who in (("Endorsement_Received_Info.csv", received, "Endorser"),
                            ("Endorsement_Given_Info.csv", given, "Endorsee")):
        rows.sort(key=lambda r: (-r[0], r[1][1]))
        header = ["Endorsement Date", "Skill Name", f"{who} First Name", f"{who} Last Name",
                  f"{who} Public Url", "Endorsement Status"]
        if variant in ("2022", "2018"):
            header = header[:4] + header[5:]
            rows = [(w, r[:4] + r[5:]) for w, r in rows]
        files[name] = ("\n".join([_row(header)] + [_row(r) for _w, r in rows]) + "\n").encode("utf-8")
    return files


def _recommendations(world, i):
    p, t, r = world.people, world.ties, world.recommendations
    me = world.owners[i]["person"]
    companies = world.companies["company"].to_numpy()
    mine = np.isin(r["tie"], world.owner_ties[i])
    received, given = [], []
    for k in np.flatnonzero(mine).tolist():
        tie = int(r["tie"][k])
        a, b = int(t["a"][tie]), int(t["b"][tie])
        author, subject = (a, b) if r["a_to_b"][k] else (b, a)
        other = subject if author == me else author
        if p["hidden"][other]:
            continue
        c = p["company"][other]
        text = _REC_TEXT[int(r["text"][k])].format(first=_clean_first(world, subject))
        row = [p["first"][other].strip(), p["last"][other].strip(), companies[c] if c >= 0 else "",
               p["position"][other] if c >= 0 else "", text, _us(r["time"][k], pad=True)]
        if subject == me:
            received.append((int(r["time"][k]), [*row, "VISIBLE"]))
        else:
            given.append((int(r["time"][k]), [*row, ""]))
    header = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"
    out = {}
    for name, rows in (("Recommendations_Received.csv", received), ("Recommendations_Given.csv", given)):
        rows.sort(key=lambda x: -x[0])
        out[name] = ("\n".join([header] + [_row(x) for _w, x in rows]) + "\n").encode("utf-8")
    return out


def _career(world, i, rng):
    """The owner's positions (current first) and schools, consistent with the world's companies."""
    p = world.people
    o = world.owners[i]
    me = o["person"]
    comp = world.companies
    own_company = int(p["company"][me])
    same = np.flatnonzero(comp["community"].to_numpy() == o["community"])
    same = same[same != own_company]
    join_year = PERSONAS[o["persona"]]["join"]
    start = date(join_year + 8, int(rng.integers(1, 13)), 1) if join_year + 8 < world.export_date.year \
        else date(world.export_date.year - 1, 1, 1)
    positions = [(own_company, p["position"][me], start, None)]
    n_past = int(rng.integers(1, 4))
    end = start
    for past in rng.choice(same, min(n_past, len(same)), replace=False).tolist():
        begin = date(end.year - int(rng.integers(2, 6)), int(rng.integers(1, 13)), 1)
        titles = _SECTORS[comp["sector"].iat[past]][2 if p["french"][me] else 3]
        title = titles[int(rng.integers(len(titles)))]
        if "|" in title:
            title = title.split("|")[p["first"][me].strip() in _FR_FIRST_F]
        positions.append((past, title, begin, end))
        end = begin
    return positions, end


def _ego_files(world, i, rng):
    p = world.people
    o = world.owners[i]
    me = o["person"]
    comm = world.communities.iloc[o["community"]]
    sector = _SECTORS[comm["sector"]]
    positions, first_start = _career(world, i, rng)
    fr = p["french"][me]
    headline = f"{p['position'][me]} | {sector[4][0]} & {sector[4][1]}"
    summary = ("Je crée des ponts entre les gens et les idées." if fr else
               "I connect people and ideas, and I like to meet in person.")
    month = _MONTHS[int(rng.integers(12))]
    zip_code = f"{_CITIES[comm['city']][2]} {int(rng.integers(1, 10))}{'ABCEGHJKLMNPRSTVXY'[int(rng.integers(18))]}" \
               f"{int(rng.integers(1, 10))}"
    profile = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
               "Geo Location,Twitter Handles,Websites,Instant Messengers\n")
    site = "".join(ch for ch in _ascii(p["name"][me]).lower() if ch.isalnum())[:20]
    profile += _row([p["first"][me].strip(), p["last"][me].strip(), "", "",
                     f"{month} {int(rng.integers(1, 29))}", headline, summary, sector[0], zip_code,
                     _CITIES[comm["city"]][1], "", f"[PERSONAL:https://{site}.example]", ""]) + "\n"
    companies = world.companies["company"].to_numpy()
    lines = ["Company Name,Title,Description,Location,Started On,Finished On"]
    for c, title, begin, finish in positions:
        description = ""
        if finish is None:
            description = ("• Diriger une équipe de 6 personnes. • Développer le réseau de partenaires." if fr
                           else "• Lead a team of 6. • Built the partner network.")
        lines.append(_row([companies[c], title, description, _CITIES[comm["city"]][1].rsplit(",", 1)[0],
                           f"{_MONTHS[begin.month - 1]} {begin.year}",
                           "" if finish is None else f"{_MONTHS[finish.month - 1]} {finish.year}"]))
    positions_csv = "\n".join(lines) + "\n"
    school = _SCHOOLS[int(rng.integers(len(_SCHOOLS)))]
    year = first_start.year
    education = ("School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
                 + _row([school, str(year - 4), str(year), "", _DEGREES[int(rng.integers(len(_DEGREES)))],
                         "Comité étudiant" if fr else "Student council"]) + "\n"
                 + _row([_SCHOOLS[(_SCHOOLS.index(school) + 5) % len(_SCHOOLS)], f"Sep {year - 7}",
                         f"Jun {year - 5}", "", "", ""]) + "\n")
    skills = "Name\n" + "\n".join(sector[4]) + "\n"
    follows = sorted({int(c) for c in rng.choice(len(companies), min(4, len(companies)), replace=False)})
    follow_lines = ["Organization,Followed On"]
    end = _days(world.export_date) * _DAY
    for k, c in enumerate(follows):
        t = time.gmtime(end - (k + 1) * 97 * _DAY - int(rng.integers(0, _DAY)))
        when = (f"{_WEEKDAYS[t.tm_wday]} {_MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} "
                f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC {t.tm_year}")
        follow_lines.append(_row([companies[c], when]))
    return {
        "Profile.csv": profile.encode("utf-8"),
        "Positions.csv": positions_csv.encode("utf-8"),
        "Education.csv": education.encode("utf-8"),
        "Skills.csv": skills.encode("utf-8"),
        "Company Follows.csv": "\n".join(follow_lines).encode("utf-8"),
    }


def export_files(world, owner=0, *, variant="2025"):
    """The files of one owner's export as ``{name: bytes}``, in archive order (see :func:`write_export`).

    Examples
    --------
    >>> w = make_world(150, owners=[{"persona": "member", "contacts": 30}], seed=8)
    >>> files = export_files(w, 0)
    >>> list(files)[:3]
    ['Connections.csv', 'messages.csv', 'Invitations.csv']
    >>> files["Connections.csv"].endswith(b"\\n")  # LinkedIn writes no final newline here
    False
    """
    if variant not in VARIANTS:
        raise InputError(f"unknown export variant '{variant}'; use one of {', '.join(VARIANTS)}.")
    i = world.owner_index(owner) if isinstance(owner, str) else int(owner)
    rng = np.random.default_rng([world.seed, 7919, i])
    files = {"Connections.csv": _connections(world, i, variant, rng)}
    files["Messages.csv" if variant == "2018" else "messages.csv"] = _messages(world, i, variant, rng)
    files["Invitations.csv"] = _invitations(world, i, variant, rng)
    files.update(_ego_files(world, i, rng))
    files.update(_endorsements(world, i, variant))
    files.update(_recommendations(world, i))
    return files


def write_export(world, owner, directory, *, variant="2025"):
    """Write one owner's export as ``Basic_LinkedInDataExport_MM-DD-YYYY.zip`` in ``directory``.

    The archive holds the CSV files at its root, DEFLATE-compressed, with fixed entry timestamps
    (the export day), so the same world always gives the same bytes.

    Parameters
    ----------
    world : World
    owner : int or str
        Position in ``world.owners``, or an owner's label or persona.
    directory : str or Path
    variant : {"2025", "2022", "2018", "excel"}
        ``2025``: the current format (Nov 2025 – 2026). ``2022``: 6-column Connections after the
        preamble, 9-column messages. ``2018``: no preamble, ``M/D/YY, h:mm AM`` dates, unsorted,
        ``Messages.csv``. ``excel``: the current export whose Connections.csv was re-saved by a
        spreadsheet (BOM, CRLF, ``;``, ``15-Feb-23`` dates).

    Returns
    -------
    pathlib.Path
        The archive's path.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> w = make_world(200, owners=[{"persona": "networker", "contacts": 50}], seed=3)
    >>> path = write_export(w, 0, tempfile.mkdtemp())
    >>> path.name
    'Basic_LinkedInDataExport_11-02-2026.zip'
    >>> zipfile.ZipFile(path).read("Connections.csv").startswith(b"Notes:\\n")
    True
    """
    files = export_files(world, owner, variant=variant)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    d = world.export_date
    path = directory / f"Basic_LinkedInDataExport_{d.month:02d}-{d.day:02d}-{d.year}.zip"
    stamp = (d.year, d.month, d.day, 9, 41, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data, compresslevel=6)
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)
    return path


# ---------------------------------------------------------------------------------------------
# Answer keys and annotation files.
# ---------------------------------------------------------------------------------------------
def _visible_exports(world):
    """For each tie, the owners whose export lists it with a name (hidden rows excluded)."""
    t, p = world.ties, world.people
    listed = [[] for _ in range(len(t["a"]))]
    for i, o in enumerate(world.owners):
        me = o["person"]
        for tie in world.owner_ties[i].tolist():
            other = t["b"][tie] if t["a"][tie] == me else t["a"][tie]
            if not p["hidden"][other]:
                listed[tie].append(o["key"])
    return listed


def _tie_pairs(world):
    """(keys, first, second, listed): each tie's ends ordered by key, and who lists it."""
    keys = np.array(world.people["key"], dtype=object)
    a, b = world.ties["a"], world.ties["b"]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    flip = keys[lo] > keys[hi]
    return keys, np.where(flip, hi, lo), np.where(flip, lo, hi), _visible_exports(world)


def _tie_frame(world, idx, pairs):
    """The answer-key rows of the ties ``idx`` (see :func:`answer_key`)."""
    p, t = world.people, world.ties
    keys, first, second, listed = pairs
    f, g = first[idx], second[idx]
    return pd.DataFrame({
        "a": keys[f], "b": keys[g],
        "a_name": [p["name"][x] for x in f], "b_name": [p["name"][x] for x in g],
        "met": np.where(t["in_person"][idx], "in_person", "online"),
        "connected_on": [_iso(d) for d in t["connected"][idx]],
        "messages": t["n_msgs"][idx],
        "last_contact": [_iso(s // _DAY) if s >= 0 else "" for s in t["last"][idx]],
        "evidence": "export",
        "exports": [";".join(sorted(listed[i])) for i in idx.tolist()],
        "hidden": p["hidden"][t["a"][idx]] | p["hidden"][t["b"][idx]],
    })


def _write_truth_streamed(world, directory, *, chunk=200_000):
    """Write the answer key of a big world; the ties table goes to disk a chunk at a time.

    Gives the same bytes as writing :func:`answer_key` with :func:`netanalysis.export.write_csv`,
    without holding the whole ties table (and its formula-safe copy) in memory.
    """
    from .export import formula_safe_frame

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pairs = _tie_pairs(world)
    keys, first, second, _listed = pairs
    a_keys, b_keys = keys[first].tolist(), keys[second].tolist()
    order = np.array(sorted(range(len(a_keys)), key=lambda i: (a_keys[i], b_keys[i])), dtype=np.int64)
    path = directory / "ties.csv"
    tmp = path.with_name("." + path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        for start in range(0, len(order), chunk):
            frame = _tie_frame(world, order[start:start + chunk], pairs)
            formula_safe_frame(frame).to_csv(handle, index=False, header=start == 0, lineterminator="\n")
    tmp.replace(path)
    paths = [path]
    key = answer_key(world, ties=False)
    for name in ("people", "communities", "companies", "exports"):
        paths.append(write_csv(key[name], directory / f"{name}.csv"))
    return paths


def answer_key(world, *, knows=None, ties=True):
    """The truth behind a world, as tidy tables.

    Parameters
    ----------
    world : World
    knows : pandas.DataFrame, optional
        Pairs declared in a knows.csv (``a, b, met, note``); added to ``ties`` with
        ``evidence="knows"`` (they are real ties of the world that no export shows).
    ties : bool
        Build the ``ties`` table (the big one); ``False`` leaves it out.

    Returns
    -------
    dict of pandas.DataFrame
        ``people``: ``key, name, first_name, last_name, url, community, community_label, sector, city,
        company, position, language, hidden, owner`` (the owner label, or empty), for everyone who has
        a tie. ``ties``: ``a, b, a_name, b_name, met`` (``in_person|online``), ``connected_on``,
        ``messages`` (one-to-one messages), ``last_contact``, ``evidence`` (``export|knows``),
        ``exports`` (keys of the owners whose export lists the tie by name, ``;``-joined),
        ``hidden`` (the tie shows only as a date-only row). ``communities``: ``community, label,
        sector, city, people, companies``. ``companies``: ``company, sector, city, community``.
        ``exports``: ``label, key, name, persona, community`` (the owner's own), ``contacts``
        (rows of their Connections.csv), ``hidden_rows``.

    Examples
    --------
    >>> w = make_world(200, owners=[{"persona": "cultivator", "contacts": 40}], seed=2)
    >>> key = answer_key(w)
    >>> len(key["ties"]), bool(key["ties"]["met"].isin(["in_person", "online"]).all())
    (40, True)
    """
    p, t = world.people, world.ties
    comm = world.communities
    companies = world.companies["company"].to_numpy()
    a, b = t["a"], t["b"]
    involved = np.unique(np.concatenate([a, b, [o["person"] for o in world.owners]]))
    knows_pairs = []
    if knows is not None and len(knows):
        index = {k: n for n, k in enumerate(p["key"])}
        knows_pairs = [(index[x], index[y], m) for x, y, m in zip(knows["a"], knows["b"], knows["met"], strict=False)]
        involved = np.unique(np.concatenate([involved, [x for x, _, _ in knows_pairs],
                                             [y for _, y, _ in knows_pairs]]))
    owner_label = {o["person"]: o["label"] for o in world.owners}
    keys = np.array(p["key"], dtype=object)
    people = pd.DataFrame({
        "key": keys[involved],
        "name": [p["name"][x] for x in involved],
        "first_name": [p["first"][x].strip() for x in involved],
        "last_name": [p["last"][x].strip() for x in involved],
        "url": [p["url"][x] for x in involved],
        "community": p["community"][involved],
        "community_label": comm["label"].to_numpy()[p["community"][involved]],
        "sector": comm["sector"].to_numpy()[p["community"][involved]],
        "city": comm["city"].to_numpy()[p["community"][involved]],
        "company": [companies[c] if c >= 0 else "" for c in p["company"][involved]],
        "position": [p["position"][x] if p["company"][x] >= 0 else "" for x in involved],
        "language": np.where(p["french"][involved], "fr", "en"),
        "hidden": p["hidden"][involved],
        "owner": [owner_label.get(int(x), "") for x in involved],
    }).sort_values("key", kind="stable").reset_index(drop=True)
    if not ties:
        return {"people": people, "communities": _community_counts(world, involved),
                "companies": world.companies[["company", "sector", "city", "community"]].copy(),
                "exports": _export_table(world)}
    pairs = _tie_pairs(world)
    ties = _tie_frame(world, np.arange(len(a)), pairs)
    if knows_pairs:
        extra = []
        for x, y, met in knows_pairs:
            x, y = (x, y) if keys[x] < keys[y] else (y, x)
            extra.append({"a": keys[x], "b": keys[y], "a_name": p["name"][x], "b_name": p["name"][y],
                          "met": met, "connected_on": "", "messages": 0, "last_contact": "",
                          "evidence": "knows", "exports": "", "hidden": False})
        ties = pd.concat([ties, pd.DataFrame(extra)], ignore_index=True)
    ties = ties.sort_values(["a", "b", "evidence"], kind="stable").reset_index(drop=True)
    return {"people": people, "ties": ties, "communities": _community_counts(world, involved),
            "companies": world.companies[["company", "sector", "city", "community"]].copy(),
            "exports": _export_table(world)}


def _community_counts(world, involved):
    comm = world.communities
    counts = np.bincount(world.people["community"][involved], minlength=len(comm))
    return comm.assign(people=counts, companies=world.companies.groupby("community").size().reindex(
        comm["community"], fill_value=0).to_numpy())


def _export_table(world):
    p, a, b = world.people, world.ties["a"], world.ties["b"]
    return pd.DataFrame([{
        "label": o["label"], "key": o["key"], "name": o["name"], "persona": o["persona"],
        "community": o["community"], "contacts": len(world.owner_ties[i]),
        "hidden_rows": int(p["hidden"][np.where(a[world.owner_ties[i]] == o["person"],
                                                b[world.owner_ties[i]], a[world.owner_ties[i]])].sum()),
    } for i, o in enumerate(world.owners)])


def ties_table(world, owner, *, seed=None):
    """The owner's filled-in ``ties.csv`` as a DataFrame (columns of ``docs/architecture.md``).

    A realistic share of ``met`` is answered (the persona's ``filled``), always truthfully; the rest
    is blank, as when a user has not got round to it. Hidden members (date-only rows) are left out.

    Returns
    -------
    pandas.DataFrame
        ``key, name, company, position, connected_on, met, where_met, when_met, last_contact, notes,
        suggested, suggested_reason`` (``met``: ``in_person``, ``online`` or empty).

    Examples
    --------
    >>> w = make_world(150, owners=[{"persona": "cultivator", "contacts": 30}], seed=8)
    >>> table = ties_table(w, 0)
    >>> len(table) == 30 - int(w.people["hidden"][w.ties["b"]].sum())
    True
    >>> sorted(set(table["met"]) - {""})
    ['in_person', 'online']
    """
    p, t = world.people, world.ties
    i = world.owner_index(owner) if isinstance(owner, str) else int(owner)
    o = world.owners[i]
    me = o["person"]
    rng = np.random.default_rng([world.seed, 104729, i] if seed is None else seed)
    companies = world.companies["company"].to_numpy()
    rows = []
    filled = PERSONAS[o["persona"]]["filled"]
    for tie in world.owner_ties[i].tolist():
        other = int(t["b"][tie] if t["a"][tie] == me else t["a"][tie])
        if p["hidden"][other]:
            continue
        in_person = bool(t["in_person"][tie])
        # People you message are the ones you remember: answer those more often.
        answered = rng.random() < (min(0.97, filled + 0.15) if t["n_msgs"][tie] else filled - 0.05)
        met = ("in_person" if in_person else "online") if answered else ""
        where = when = last = notes = ""
        if answered and in_person and rng.random() < 0.6:
            words = _WHERE_MET["fr" if p["french"][me] else "en"]
            where = words[int(rng.integers(len(words)))]
            if t["same_company"][tie]:
                where = ("collègue chez " if p["french"][me] else "colleague at ") + companies[p["company"][me]]
            when = str(_day(t["connected"][tie] - int(rng.integers(0, 400))).year)
        if answered and t["last"][tie] >= 0 and rng.random() < 0.35:
            last = _iso(t["last"][tie] // _DAY)
        if answered and in_person and rng.random() < 0.03:
            notes = "à recontacter" if p["french"][me] else "follow up"
        c = p["company"][other]
        rows.append({
            "key": p["key"][other], "name": p["name"][other],
            "company": companies[c] if c >= 0 else "", "position": p["position"][other] if c >= 0 else "",
            "connected_on": _iso(t["connected"][tie]), "met": met, "where_met": where, "when_met": when,
            "last_contact": last, "notes": notes, "suggested": "", "suggested_reason": "",
        })
    return pd.DataFrame(rows, columns=["key", "name", "company", "position", "connected_on", "met", "where_met",
                                       "when_met", "last_contact", "notes", "suggested", "suggested_reason"])


def write_ties_file(world, owner, path):
    """Write the owner's filled-in ``ties.csv`` (UTF-8 with BOM, CRLF, formula-safe); return its path.

    Examples
    --------
    >>> import tempfile
    >>> w = make_world(150, owners=[{"persona": "member", "contacts": 30}], seed=8)
    >>> path = write_ties_file(w, 0, tempfile.mkdtemp() + "/ties.csv")
    >>> path.read_bytes()[:11]
    b'\\xef\\xbb\\xbfkey,name'
    """
    return write_csv(ties_table(world, owner), path, bom=True)


def knows_table(world, owner=0, *, pairs=40):
    """Pairs of the owner's contacts who know each other, as the owner would declare them.

    Colleagues at the same company and in-person contacts of the same community; most pairs are
    between people who did not export, so no export can show them.

    Returns
    -------
    pandas.DataFrame
        ``a, b`` (person keys), ``met`` (``in_person|online``), ``note``.

    Examples
    --------
    >>> w = make_world(400, owners=[{"persona": "cultivator", "contacts": 120}], seed=8)
    >>> knows = knows_table(w, 0, pairs=10)
    >>> list(knows.columns), len(knows)
    (['a', 'b', 'met', 'note'], 10)
    """
    p, t = world.people, world.ties
    i = world.owner_index(owner) if isinstance(owner, str) else int(owner)
    me = world.owners[i]["person"]
    rng = np.random.default_rng([world.seed, 15485863, i])
    idx = world.owner_ties[i]
    other = np.where(t["a"][idx] == me, t["b"][idx], t["a"][idx])
    ok = ~p["hidden"][other] & t["in_person"][idx]
    friends = np.unique(other[ok])
    owners = {o["person"] for o in world.owners}
    companies = world.companies["company"].to_numpy()
    fr = p["french"][me]
    seen, rows = set(), []
    by_company = {}
    for x in friends.tolist():
        if p["company"][x] >= 0:
            by_company.setdefault(int(p["company"][x]), []).append(x)
    candidates = []
    for c, xs in sorted(by_company.items()):
        for u in range(len(xs)):
            for v in range(u + 1, len(xs)):
                candidates.append((xs[u], xs[v], "in_person",
                                   ("collègues chez " if fr else "colleagues at ") + companies[c]))
    order = rng.permutation(len(candidates))
    for k in order[: pairs * 2 // 3].tolist():
        candidates_k = candidates[k]
        seen.add(frozenset(candidates_k[:2]))
        rows.append(candidates_k)
    by_comm = {}
    for x in friends.tolist():
        by_comm.setdefault(int(p["community"][x]), []).append(x)
    pools = [xs for _c, xs in sorted(by_comm.items()) if len(xs) >= 2]
    tries = 0
    while len(rows) < pairs and pools and tries < pairs * 20:
        tries += 1
        xs = pools[int(rng.integers(len(pools)))]
        u, v = (int(x) for x in rng.choice(xs, 2, replace=False))
        if frozenset((u, v)) in seen:
            continue
        seen.add(frozenset((u, v)))
        met = "in_person" if rng.random() < 0.7 else "online"
        note = rng.choice(["je les ai présentés", "même comité", "ils se connaissent du 5 à 7"] if fr else
                          ["I introduced them", "same board", "they met at my meetup"])
        rows.append((u, v, met, str(note)))
    # One pair where one side exported: an export confirms it, the user declares it too.
    other_owners = sorted(x for x in owners if x != me and x in set(other.tolist()))
    if other_owners and friends.size:
        u = other_owners[0]
        v = next((int(x) for x in friends if int(x) not in owners and frozenset((u, int(x))) not in seen), None)
        if v is not None:
            rows.append((u, v, "in_person", "atelier" if fr else "workshop"))
    out = pd.DataFrame([{"a": p["key"][u], "b": p["key"][v], "met": m, "note": n} for u, v, m, n in rows],
                       columns=["a", "b", "met", "note"])
    return out


def write_knows_file(world, owner, path, *, pairs=40):
    """Write the owner's ``knows.csv`` (``a,b,met,note``; UTF-8 with BOM); return the path and the table.

    Examples
    --------
    >>> import tempfile
    >>> w = make_world(400, owners=[{"persona": "cultivator", "contacts": 120}], seed=8)
    >>> path, table = write_knows_file(w, 0, tempfile.mkdtemp() + "/knows.csv", pairs=5)
    >>> path.name, len(table)
    ('knows.csv', 5)
    """
    table = knows_table(world, owner, pairs=pairs)
    return write_csv(table, path, bom=True), table


def _write_truth(key, directory):
    directory = Path(directory)
    paths = []
    for name in ("people", "ties", "communities", "companies", "exports"):
        paths.append(write_csv(key[name], directory / f"{name}.csv"))
    return paths


# ---------------------------------------------------------------------------------------------
# Ready-made sets: one persona, the committed sample, benchmark worlds.
# ---------------------------------------------------------------------------------------------
def write_persona(directory, persona="networker", *, contacts=None, seed=0, variant="2025"):
    """Write one persona's export (and its ``ties.csv``) into ``directory``: a quick toy dataset.

    Parameters
    ----------
    directory : str or Path
    persona : str
        A key of :data:`PERSONAS`.
    contacts : int, optional
        How many contacts (default: networker 600, collector 3,000, cultivator 280, member 250).
    seed : int
    variant : str
        See :func:`write_export`.

    Returns
    -------
    dict
        ``export`` (zip path), ``ties`` (ties.csv path), ``truth`` (the answer-key folder beside
        them) and ``world`` (the :class:`World`).

    Examples
    --------
    >>> import tempfile
    >>> out = write_persona(tempfile.mkdtemp(), "cultivator", contacts=50, seed=4)
    >>> sorted(out)
    ['export', 'ties', 'truth', 'world']
    """
    if persona not in PERSONAS:
        raise InputError(f"unknown persona '{persona}'; use one of {', '.join(PERSONAS)}.")
    contacts = int(contacts or {"networker": 600, "collector": 3000, "cultivator": 280, "member": 250}[persona])
    world = make_world(max(300, int(contacts * 2.5)), owners=[{"persona": persona, "contacts": contacts}],
                       seed=seed)
    directory = Path(directory)
    path = write_export(world, 0, directory, variant=variant)
    ties = write_ties_file(world, 0, directory / "ties.csv")
    _write_truth(answer_key(world), directory / "truth")
    return {"export": path, "ties": ties, "truth": directory / "truth", "world": world}


def write_world(directory, people, members, *, contacts=None, ties=None, seed=0, variant="2025", truth=True):
    """Write a benchmark world: ``members`` exports from a world of ``people`` fictional people.

    Exporters are spread over the planted communities; their contact counts follow a log-normal
    around the mean (capped at LinkedIn's 30,000). Exports are written one at a time, so memory
    holds the world plus one archive.

    Parameters
    ----------
    directory : str or Path
        Receives ``exports/NNNN-<name>/Basic_…zip`` and, with ``truth``, ``truth/*.csv``.
    people : int
        People in the world.
    members : int
        How many of them export their data.
    contacts : int or sequence of int, optional
        Mean contacts per member, or one count per member (default 500).
    ties : int, optional
        Instead of ``contacts``: the total number of member–contact ties wanted (the edges that
        merging the exports reveals); the mean is ``ties / members``.
    seed : int
    variant : str
        See :func:`write_export`.
    truth : bool
        Also write the answer key.

    Returns
    -------
    list of pathlib.Path
        The export archives, in member order.

    Examples
    --------
    >>> import tempfile
    >>> paths = write_world(tempfile.mkdtemp(), 400, 3, contacts=40, seed=5)
    >>> [p.parent.name[:5] for p in paths]
    ['0001-', '0002-', '0003-']
    """
    n_people, n_exports = int(people), int(members)
    if n_exports < 1 or n_exports > n_people:
        raise InputError(f"a world of {n_people} people cannot have {n_exports} exporting members.")
    if contacts is None:
        contacts = max(1, round(ties / n_exports)) if ties else 500
    rng = np.random.default_rng([seed, 31337])
    if np.ndim(contacts):
        counts = [int(c) for c in contacts]
        if len(counts) != n_exports:
            raise InputError("give one contact count per exporting member.")
    else:
        sigma = 0.6 if n_exports > 1 else 0.0
        counts = np.exp(np.log(max(int(contacts), 1)) + sigma * rng.standard_normal(n_exports)
                        - sigma ** 2 / 2)
        counts = np.clip(np.round(counts), min(10, int(contacts)), min(30_000, n_people - 1)).astype(int).tolist()
    # Personas drawn independently of the community (members go round the communities in turn).
    kinds = rng.choice(["member", "networker", "cultivator", "collector"], n_exports, p=[0.7, 0.12, 0.1, 0.08])
    owners = [{"persona": str(kinds[k]) if n_exports > 1 else "networker", "contacts": c,
               "label": f"{k + 1:04d}"} for k, c in enumerate(counts)]
    world = make_world(n_people, owners=owners, seed=seed)
    directory = Path(directory)
    paths = []
    for i in range(len(world.owners)):
        paths.append(write_export(world, i, directory / "exports" / _folder(world, i), variant=variant))
    if truth:
        _write_truth_streamed(world, directory / "truth")
    return paths


#: The committed sample's cohort: (persona, contacts, home community, circles or None).
_COHORT = [
    ("networker", 640, 0, {0: 0.34, 1: 0.2, 3: 0.14, 7: 0.14}),
    ("member", 330, 0, {0: 0.72, 7: 0.12}),
    ("member", 250, 0, {0: 0.65, 3: 0.2}),
    ("member", 290, 1, {1: 0.75, 0: 0.1}),
    ("member", 410, 3, {3: 0.7, 5: 0.15}),
    ("member", 190, 7, {7: 0.8, 1: 0.05}),
    ("member", 230, 1, {1: 0.55, 0: 0.3}),
    ("member", 260, 4, {4: 0.7, 0: 0.1}),
]
_COHORT_LINKS = [(0, k, True) for k in range(1, 8)] + [
    (1, 2, True), (1, 6, True), (3, 6, True), (2, 4, False), (1, 5, False), (3, 7, False), (4, 5, False),
]


def sample_world(*, seed=7, size=None):
    """The world of the committed sample: an 8-person cohort, a collector and a cultivator.

    ``size`` scales the main persona's contacts (default 640); the world grows with it.

    Examples
    --------
    >>> w = sample_world(seed=7, size=60)
    >>> [o["label"] for o in w.owners][:2], w.owners[-1]["label"]
    (['01', '02'], 'cultivator')
    """
    main = min(int(size or _COHORT[0][1]), 30_000)
    scale = main / _COHORT[0][1]
    owners = []
    for k, (persona, contacts, community, circles) in enumerate(_COHORT):
        owners.append({"persona": persona, "contacts": max(20, round(contacts * (scale if k else 1))) if k
                       else main, "community": community, "circles": circles, "label": f"{k + 1:02d}"})
    owners.append({"persona": "collector", "contacts": min(30_000, max(40, round(3000 * scale))), "community": 3,
                   "circles": {3: 0.12, 0: 0.08}, "label": "collector"})
    owners.append({"persona": "cultivator", "contacts": max(20, round(280 * scale)), "community": 2,
                   "circles": {2: 0.3, 0: 0.15, 1: 0.15, 4: 0.15, 9: 0.15}, "label": "cultivator"})
    links = [*list(_COHORT_LINKS), (0, 8, False), (0, 9, True), (4, 8, False)]
    n_people = max(9000, int(9000 * scale))
    return make_world(n_people, owners=owners, links=links, n_communities=12, seed=seed)


def _folder(world, i):
    o = world.owners[i]
    slug = _ascii(world.people["name"][o["person"]]).lower()
    return f"{o['label']}-" + "-".join("".join(ch if ch.isalnum() else " " for ch in slug).split())


def write_sample(directory, which="all", *, seed=7, size=None):
    """Write the sample data set (the committed ``data/sample`` is ``write_sample(dir, "all", seed=7)``).

    Parameters
    ----------
    directory : str or Path
    which : {"all", "cohort", "collector", "cultivator"}
        ``cohort``: the eight cohort exports, the main persona's ``ties.csv`` and ``knows.csv``;
        ``collector`` / ``cultivator``: that persona's export and ``ties.csv``; ``all``: everything
        plus ``README.md``. The answer key (``truth/``) is always written.
    seed : int
    size : int, optional
        Contacts of the main persona (other owners scale with it).

    Returns
    -------
    pandas.DataFrame
        One row per file written: ``path`` (relative to ``directory``), ``kind``, ``bytes``.

    Examples
    --------
    >>> import tempfile
    >>> files = write_sample(tempfile.mkdtemp(), "cultivator", size=40)
    >>> sorted(files["kind"].unique())
    ['export', 'ties', 'truth']
    """
    if which not in ("all", "cohort", "collector", "cultivator"):
        raise InputError(f"unknown sample '{which}'; use all, cohort, collector or cultivator.")
    directory = Path(directory)
    world = sample_world(seed=seed, size=size)
    written = []
    knows = None
    if which in ("all", "cohort"):
        for i in range(len(_COHORT)):
            written.append((write_export(world, i, directory / "cohort" / _folder(world, i)), "export"))
        written.append((write_ties_file(world, 0, directory / "cohort" / "ties.csv"), "ties"))
        path, knows = write_knows_file(world, 0, directory / "cohort" / "knows.csv")
        written.append((path, "knows"))
    for persona in ("collector", "cultivator"):
        if which in ("all", persona):
            i = world.owner_index(persona)
            written.append((write_export(world, i, directory / "personas" / persona), "export"))
            written.append((write_ties_file(world, i, directory / "personas" / persona / "ties.csv"), "ties"))
    if knows is None:
        knows = knows_table(world, 0)
    key = answer_key(world, knows=knows)
    written += [(p, "truth") for p in _write_truth(key, directory / "truth")]
    _remove_stale_exports(directory, [p for p, kind in written if kind == "export"])
    if which == "all":
        from .export import atomic_write_text

        written.append((atomic_write_text(directory / "README.md", _readme(world, key, seed, size)), "readme"))
    return pd.DataFrame([{"path": Path(p).relative_to(directory).as_posix(), "kind": kind,
                          "bytes": Path(p).stat().st_size} for p, kind in written])


def _remove_stale_exports(directory, kept):
    """Delete sample archives left by an earlier run with other settings (and their emptied folders).

    Only ``Basic_LinkedInDataExport_*.zip`` files under ``cohort/*/`` and ``personas/*/`` are
    touched, so that regenerating a sample never leaves a ghost cohort member behind.
    """
    kept = {Path(p).resolve() for p in kept}
    written_groups = {Path(p).resolve().parent.parent.name if Path(p).parent.parent.name == "cohort"
                      else Path(p).resolve().parent.name for p in kept}
    for pattern in ("cohort/*/Basic_LinkedInDataExport_*.zip", "personas/*/Basic_LinkedInDataExport_*.zip"):
        for path in sorted(Path(directory).glob(pattern)):
            group = path.parent.parent.name if pattern.startswith("cohort") else path.parent.name
            if path.resolve() in kept or group not in written_groups:
                continue
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()


def _readme(world, key, seed, size):
    exports = key["exports"]
    ties = key["ties"]
    lines = []
    command = f"netanalysis sample all -o data/sample --seed {seed}" + (f" --size {size}" if size else "")
    for row in exports.itertuples():
        mine = ties[(ties["a"] == row.key) | (ties["b"] == row.key)]
        mine = mine[mine["evidence"] == "export"]
        share = (mine["met"] == "in_person").mean()
        msgs = int(mine["messages"].sum())
        label = key["communities"]["label"].iat[int(row.community)]
        lines.append(f"| {row.label} | {row.persona} | {row.name} | {label} | {row.contacts} | {row.hidden_rows} | "
                     f"{share:.0%} | {msgs} |")
    table = "\n".join(lines)
    n_knows = int((ties["evidence"] == "knows").sum())
    comm_lines = "\n".join(f"| {r.community} | {r.label} | {r.people} | {r.companies} |"
                           for r in key["communities"].itertuples())
    return f"""# Sample data: a fictional workshop cohort and two trainer personas

**Every person, company, school, event and message in this folder is fictional.** They were
generated by `netanalysis.synth` from a fixed seed; names are random combinations of common French
(Québec) and English first and last names, companies are invented word combinations, and e-mail
addresses use the reserved `.example` domain. Any resemblance to real people or organisations is
coincidental.

Regenerate everything, byte for byte, with:

    {command}

(`tests/test_synth.py` checks that this command still reproduces the committed files.)

## Use it

```python
import netanalysis as na

files = na.sample_files("cohort")          # or "collector", "cultivator"
exports = [na.read_export(path) for path in files["exports"]]   # the main persona first
G = na.build_graph(exports, ties=na.read_ties(files["ties"]), knows=na.read_knows(files["knows"]))
```

or from a shell: `netanalysis inspect data/sample/cohort/*/*.zip --ties data/sample/cohort/ties.csv`.
Compare what the analyses find with `truth/` (below).

## Layout

```
cohort/NN-<name>/Basic_LinkedInDataExport_11-02-2026.zip   eight members of a workshop cohort; 01 is the main persona
cohort/ties.csv                                            the main persona's annotations: who was met in person
cohort/knows.csv                                           pairs of the main persona's contacts who know each other
personas/collector/…zip, ties.csv                          "the collector": accepts everyone, mostly online
personas/cultivator/…zip, ties.csv                         "the cultivator": fewer contacts, mostly met in person
truth/                                                     the answer key (what the analyses should recover)
```

Each archive holds the files of a real LinkedIn "Basic" export in the current format (Nov 2025 –
2026): `Connections.csv` (with the 3-line `Notes:` preamble, `DD Mon YYYY` dates, newest first,
date-only rows for hidden members), `messages.csv` (12 columns, UTC dates, conversations newest
first, group chats, a sponsored message, an InMail from a "LinkedIn Member", system events and a
draft), `Invitations.csv` (the last six months), endorsements and recommendations given and
received, `Profile.csv`, `Positions.csv`, `Education.csv`, `Skills.csv`, `Company Follows.csv`.

| owner | persona | name | own community | contacts | hidden rows | met in person (truth) | 1:1 messages |
|---|---|---|---|---|---|---|---|
{table}

The planted communities (a sector in a city; `people` counts those who appear in some export):

| community | label | people | companies |
|---|---|---|---|
{comm_lines}

## ties.csv (the owner's annotations)

UTF-8 with a byte-order mark, CRLF, one row per named contact:

| column | meaning |
|---|---|
| `key` | the person key `linkedin.com/in/<slug>` (lower-case, percent-decoded) |
| `name`, `company`, `position` | as in Connections.csv (name without stray spaces) |
| `connected_on` | ISO date of the connection |
| `met` | `in_person`, `online`, or blank (not answered yet: 15–35 % of rows) |
| `where_met`, `when_met` | where and which year, for some in-person ties |
| `last_contact` | ISO date, when the owner noted it |
| `notes` | free text |
| `suggested`, `suggested_reason` | left blank (filled by `netanalysis ties init`) |

Every answered `met` is true (it equals `truth/ties.csv`).

## knows.csv

`a,b,met,note`: {n_knows} pairs of the main persona's contacts who know each other (keys), as the persona
declares them: mostly colleagues and people met at the same events, almost all of whom did not
export, so no export can show these ties.

## truth/ (the answer key)

| file | columns |
|---|---|
| `people.csv` | `key, name, first_name, last_name, url, community, community_label, sector, city, company, position, language, hidden, owner` — everyone who has a tie; `hidden` people appear only as date-only rows; `owner` is the export label (`01`…`08`, `collector`, `cultivator`) |
| `ties.csv` | `a, b, a_name, b_name, met, connected_on, messages, last_contact, evidence, exports, hidden` — `met` is the truth (`in_person` or `online`); `messages` counts one-to-one messages; `evidence` is `export` (listed in an export) or `knows` (declared in knows.csv); `exports` lists the owners' keys whose export names the tie |
| `communities.csv` | `community, label, sector, city, people, companies` — the planted communities |
| `companies.csv` | `company, sector, city, community` |
| `exports.csv` | `label, key, name, persona, community, contacts, hidden_rows` — `community` is the owner's own; `contacts` counts Connections.csv rows, hidden ones included |

## How the world was made

People belong to one planted community (a sector in a city) and work for one of its companies.
Each owner draws contacts mostly from their own circles, favouring popular people, so owners of
the same community share contacts; owners who know each other list each other. Whether a tie was
met in person depends on the persona, on being in the owner's circles and on working at the same
company. In-person ties are messaged more often, more and more recently, and are endorsed and
recommended more. See `netanalysis/synth.py`.
"""
