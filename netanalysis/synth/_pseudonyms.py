"""The pseudonyms' vocabulary: fictional first names and surnames made of two parts.

Anonymised output names people with these (``netanalysis.anonymize``). They are kept apart from the
world's name lists (``_vocabulary``: ``FR_FIRST``, ``EN_FIRST``, ``FR_LAST``, ``EN_LAST``), so that
a pseudonym in an anonymised report of the fictional sample never shares a word with a sample
person (a test checks it). Plain ASCII, one capitalised word each, no hyphen or apostrophe.
About 230 first names × about 2,550 surnames ≈ 580,000 full names.
"""

__all__ = ["PSEUDONYM_FIRST", "PSEUDONYM_SURNAMES", "SURNAME_ENDINGS", "SURNAME_STEMS"]

PSEUDONYM_FIRST = tuple("""
Ailsa Alaric Alba Aldous Amaris Anouk Anselm Arlo Astrid Auden Aurelio Azalea Basil Beatrix Bertil Blythe Bram
Briar Cadmus Calla Cassius Cerys Cosima Corentin Dagny Dashiell Delphine Desmond Dorian Eamon Edda Eira Elio
Elowen Emrys Enzo Esme Evander Ezra Fenna Finnian Fleur Florian Gideon Greer Hale Halvard Hesper Idris Ilse
Imogen Inara Ione Isolde Ivo Jarvis Jory Juniper Kasimir Kit Lark Leander Linnea Lorcan Lowell Lucian Lyra
Magnus Marit Maren Marlowe Merritt Milo Mireya Niamh Nils Oberon Odette Odile Oisin Orla Osric Otis Petra
Philippa Quincy Rafferty Ramona Rhys Roisin Rowan Rune Saoirse Seren Signe Silas Solenne Soren Sunniva
Tamsin Tarquin Teodor Thea Thora Tobin Tove Ulla Ursula Valda Vesper Wilder Wren Xanthe Yara Ysolde Zephyr Zora
Abelard Adela Agathe Alvar Ambrose Anwen Ariadne Augustin Bastian Benedetta Bettina Birgit Bronwen Caius Cecily
Cormac Cyprian Dafydd Damaris Declan Dervla Dimitri Dunstan Eben Edmund Eilidh Elspeth Emeric Eoin Ephraim
Estelle Eudora Fabian Fenella Fergal Flavia Galen Gisela Godfrey Gwilym Hamish Hedda Henrike Hilaria Horatio
Ignatius Ilona Ingmar Isidore Jasper Jocasta Jolyon Jude Kerensa Lachlan Leopold Linus Lisbet Lorenzo Lucasta
Ludovic Maeve Marguerite Matthias Maximilian Meredith Mervyn Minerva Mordecai Nerys Nikolai Ninian Octavia Odran
Ottilie Padraig Perrin Piers Quentin Quinlan Ramsay Raphaela Reinhold Rosalind Rupert Sabine Seraphina Severin
Sigrid Sorcha Stellan Sybil Tabitha Tancred Tegan Thaddeus Theodora Torvald Ulric Valentina Verity Viggo Wendeline
Wilhelmina Winifred Alasdair Brigida Clemency Yvaine Zenobia Zinnia
""".split())

SURNAME_STEMS = tuple("""
Alder Amber Ash Bar Birch Black Bram Bright Brook Cald Carr Clay Cold Cross Dal Dun Elm Fair Fern Fox Glen Gold
Green Hart Hawk Hazel Heath Hol Kings Lang Lark Lind Marsh Mill Moor North Oak Pem Pine Quar Red Rock Ros Rush
Sand Shel Silver Stan Stone Thorn Tal Ver Wel West White Wild Win Wood Yar Ast Bel Cor Dray Hay Kel Mor Nor Pen
Rad Sel Tam
""".split())

SURNAME_ENDINGS = tuple("""
ford ley wick ton bury worth dale more field brook well wood stone croft hurst mere lock combe gate ridge shaw
thorpe holt by den ham land low mont stead cott win burn dell wyn ney side ster
""".split())


def _surnames():
    names = []
    for stem in SURNAME_STEMS:
        for ending in SURNAME_ENDINGS:
            if stem.lower() == ending or stem[-1].lower() == ending[0]:
                continue  # "Stonestone", "Ashhurst": not read as one name
            names.append(stem + ending)
    return tuple(dict.fromkeys(names))


PSEUDONYM_SURNAMES = _surnames()
