"""The synthetic world's vocabulary, all invented or generic: cities, sectors, names, companies, message texts."""

__all__ = [
    "CITIES",
    "COMPANY_FORMS",
    "CREDENTIALS",
    "DEGREES",
    "EMOJI",
    "EN_FIRST",
    "EN_LAST",
    "EN_WORDS",
    "EVENTS",
    "EXTRA_COMMUNITIES",
    "FR_FIRST",
    "FR_FIRST_F",
    "FR_FIRST_M",
    "FR_LAST",
    "GROUP_TITLES",
    "MAIL_DOMAINS",
    "MSG_EN",
    "MSG_FR",
    "PITCH",
    "PLACE_WORDS",
    "REC_TEXT",
    "SAMPLE_COMMUNITIES",
    "SCHOOLS",
    "SECTORS",
    "SPONSORS",
    "WHERE_MET",
]


CITIES = {  # city -> (share of French names, Geo Location, postal prefix)
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
SECTORS = {
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


SAMPLE_COMMUNITIES = [  # the planted communities of the committed sample
    ("Technology", "Montréal"), ("Health", "Montréal"), ("Public administration", "Québec"),
    ("Finance", "Montréal"), ("Education", "Sherbrooke"), ("Finance", "Toronto"),
    ("Public administration", "Ottawa"), ("Culture", "Montréal"), ("Manufacturing", "Québec"),
    ("Non-profit", "Gatineau"), ("Logistics", "Laval"), ("Technology", "Toronto"),
]


EXTRA_COMMUNITIES = [
    ("Energy", "Trois-Rivières"), ("Technology", "Vancouver"), ("Health", "Québec"),
    ("Education", "Montréal"), ("Logistics", "Toronto"), ("Culture", "Québec"),
    ("Manufacturing", "Sherbrooke"), ("Finance", "Québec"), ("Non-profit", "Montréal"),
    ("Health", "Ottawa"), ("Energy", "Montréal"), ("Technology", "Québec"),
]


PLACE_WORDS = [
    "Boréal", "Laurentide", "Saint-Laurent", "Outremont", "Rivière-Noire", "Érablière", "Cap-Rouge",
    "Mont-Royal", "Fleuve", "Nordet", "Belvédère", "Grand-Pré", "Pointe-Claire", "Haute-Ville",
    "Maple Ridge", "Lakeshore", "Northbridge", "Bluewater", "Cedar Point", "Granite", "Harbourfront",
    "Kestrel", "Silverbirch", "Tamarack", "Aurore", "Ardoise", "Cèdre", "Héron", "Huard", "Pinède",
]


# Company names: French words lead ("Clinique Boréal inc."), English words follow ("Boréal Health Ltd.").
COMPANY_FORMS = {
    "fr": ["{w} {p}", "{w} {p} inc.", "Groupe {p}", "{w} {p} ltée", "{w} {p}, S.E.N.C.", "{w} {p} & {q}"],
    "en": ["{p} {w}", "{p} {w} Inc.", "{p} Group", "{p} {w} Ltd.", "{p} {w}, LLC", "{p} & {q} {w}"],
}


EN_WORDS = {"Systems", "Labs", "Data", "Cloud", "Code", "Health", "Care", "Wealth", "Partners", "Learning",
             "Studio", "Films", "Freight", "Express", "Power", "Grid", "Machines", "Capital"}


SCHOOLS = ["Université Boréale", "Université du Haut-Fleuve", "Northbridge University",
            "Polytechnique des Laurentides", "Lakeshore Institute of Technology",
            "Cégep de la Rivière-aux-Pins", "Collège Tamarack", "École supérieure de gestion Cap-Rouge"]


DEGREES = ["Baccalauréat - B.Sc.", "Maîtrise - M.Sc.", "Bachelor of Commerce - BCom",
            "Master of Business Administration - MBA", "DEC", "Bachelor of Arts - BA", "Doctorat - Ph.D."]


# French first names: feminine names first (titles agree with them), then masculine ones.
FR_FIRST_F = """Marie-Ève Geneviève Chloé Émilie Mélanie Stéphanie Julie Isabelle Nathalie Élise Josée Hélène
Sylvie Léa Zoé Anaïs Amélie Noémie Catherine Véronique Annie Karine Valérie Caroline Mireille Ginette Lyne
Sophie Camille Laurence Rosalie Justine Océane Éloïse Jacinthe Manon Danielle Francine Brigitte Charlotte
Alice Florence Béatrice Audrey Marie-Claude Andrée-Anne Martine Chantal Mylène Maude Line Pascale Ariane
Clémence Marianne Sarah-Maude Jessica""".split()
FR_FIRST_M = """Jean-François Mathieu Étienne Sébastien Frédéric Pierre-Luc Maxime Guillaume François Benoît
Louis Gabriel Félix Raphaël Olivier Samuel Alexandre Simon Patrick Marc-André Jérôme Yannick Luc Denis
Gaétan Réjean Thomas Antoine Ghislain Normand Vincent Philippe Hugo Jacob William Marc-Antoine
Jean-Philippe Kevin Joël Rémi Gilles Serge Émile Éric Louis-Philippe Dominique""".split()
FR_FIRST = FR_FIRST_F + FR_FIRST_M
FR_LAST = """Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger
Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier Fournier
Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin Landry Martel Bédard Grenier Lessard
Bernier Richard Michaud Hébert Desjardins Couture Turcotte Lachance Parent Blais Gosselin Savard Proulx
Beaudoin Demers Perreault Lemieux Dion Vaillancourt Charbonneau Lacroix Mercier Brisson Daigle Trudel
Labelle Jolicoeur Beauchemin Doucet Thériault Rivard Légaré Duchesne Ménard Boisvert Dufour Plante
Lemay Tardif Carrier Vézina Séguin Lalonde Provencher Bilodeau Gingras Rousseau Guay Lepage Lavallée
Champagne Allard Picard Vachon Marcoux Desrosiers Quirion Laflamme Blouin Houle Chénier D'Amours""".split()
EN_FIRST = """Emily James Olivia Liam Sarah Michael Jessica Daniel Hannah Ryan Megan Andrew Lauren Kevin
Rachel Jason Amanda Brian Nicole Tyler Priya Arjun Wei Mei Aisha Omar Fatima Hiroshi Ana Diego Kwame
Grace Ethan Noah Ava Mia Lucas Benjamin Sophia Zoe Harper Owen Caleb Nathan Dylan Connor Erin Kayla Heather
Colin Graham Ian Fiona Siobhan Malcolm Rohan Anjali Harpreet Gurpreet Jun Min-jun Yuki Leila Samir Nadia
Tomasz Katarzyna Ifeoma Chidi Amara Tariq Elena Mateo Lucia Rafael Isabel Marcus Jordan Taylor Morgan
Hailey Brooke Madison Logan Mason Evan Spencer Alexis Devon Kira Sana Imran Zainab Mohammed Yusuf""".split()
EN_LAST = """Smith Brown Wilson MacDonald Campbell Anderson Taylor Thompson Stewart Murray Robertson Clarke
Walsh O'Brien Patel Singh Nguyen Chen Wong Li Kim Ahmed Hassan Okafor Mensah Fernandes Silva Kowalski Novak
Schmidt Fraser Douglas Bennett Hughes Foster Gill Sandhu Lam Tran Grant Reid Morrison Henderson Mitchell
Ferguson Sinclair Kaur Dhillon Sharma Gupta Iyer Rahman Khan Ali Haddad Nasser Yamamoto Tanaka Park Lee
Zhang Liu Huang Santos Oliveira Romero Castillo Moreno Ortiz Adeyemi Boateng Asante Osei Kovacs Horvath
Petrov Ivanova Russo Esposito Moretti Keller Becker Larsen Lindqvist Berg Doyle Byrne Quinn Gallagher""".split()
EMOJI = ["🌱", "🚀", "🌍", "✨", "📊", "🎯", "💡", "🌿", "🎨", "⚡"]
CREDENTIALS = [", PhD", ", MBA", ", CPA", ", ing.", ", CRHA", ", PMP", ", Adm.A.", ", CFA", ", M.Sc.",
                ", PhD, PMP"]


MAIL_DOMAINS = ["mail.example", "courriel.example", "poste.example", "inbox.example"]
WHERE_MET = {
    "fr": ["5 à 7 de la chambre de commerce", "atelier de réseautage", "ancien collègue", "colloque annuel",
           "comité de bénévoles", "formation en gestion", "hackathon", "salon de l'emploi", "dîner-conférence"],
    "en": ["networking breakfast", "former colleague", "industry conference", "volunteer board",
           "alumni event", "workshop", "hackathon", "client meeting", "meetup"],
}


EVENTS = {
    "fr": ["au 5 à 7 Boréal", "à l'atelier Réseaux et carrières", "au colloque Haute-Ville",
           "au déjeuner-causerie Cap-Rouge", "au salon Grand-Pré"],
    "en": ["the Lakeshore data meetup", "the Northbridge alumni night", "the Tamarack leadership workshop",
           "the Harbourfront innovation forum", "the Granite founders breakfast"],
}


MSG_FR = [
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


MSG_EN = [
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


PITCH = [
    "Hi {first}, I came across your profile and would love to tell you about what we do at {mine}.",
    "Bonjour {first}, je me permets de vous écrire : chez {mine}, nous aidons des équipes comme la vôtre.",
]


GROUP_TITLES = ["Comité 5 à 7", "Cohorte atelier réseautage", "Platform guild", "Organisation colloque",
                 "Book club", "Projet conjoint"]


REC_TEXT = [
    "{first} is the colleague everyone wants on a difficult project: calm, precise and generous with time.",
    "J'ai eu la chance de travailler avec {first} pendant plusieurs années. Rigueur, écoute et sens du "
    "service, je recommande sans hésiter.",
    "{first} turns messy problems into clear decisions, fast.",
    "Travailler avec {first}, c'est l'assurance d'un mandat livré à temps, et avec le sourire.",
]


SPONSORS = ["Nuagique Pro", "Harbourfront Talent", "Formations Cap-Rouge"]
