"""Hand-written general word lists for name detection: cue words, organisation words, country
adjectives, well-known organisations and regions with their Dutch and English names.

General knowledge only (no names taken from any evaluation text). Country adjectives map to
ISO 3166 codes; ``storyline.text.gazetteer`` turns the codes into canonical English names.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word list written as one string."""
    return text.split()


# Words before a name that say it is a person ("president Poetin", "woordvoerder Peskov").
PERSON_CUES: frozenset[str] = frozenset(_words("""
president presidente premier minister-president vicepremier minister staatssecretaris kanselier koning koningin
prins prinses paus bisschop kardinaal burgemeester wethouder gouverneur senator kamerlid fractievoorzitter
partijleider lijsttrekker oppositieleider leider woordvoerder woordvoerster zegsman zegsvrouw correspondent
verslaggever journalist columnist schrijver schrijfster auteur dichter zanger zangeres acteur actrice regisseur
topman topvrouw directeur directrice voorzitter oprichter eigenaar ceo cfo cto coo bestuurder trainer coach
aanvoerder spits keeper generaal commandant kolonel ambassadeur diplomaat hoogleraar professor prof onderzoeker
wetenschapper socioloog econoom analist advocaat rechter officier aanklager agent dokter arts dhr mevrouw
meneer mevr heer collega tegenstander rivaal opvolger voorganger dictator ex-president oud-president
oud-premier kandidaat winnaar winnares activist activiste dissident
prime chancellor king queen prince princess pope bishop mayor governor senator congressman congresswoman
representative leader spokesman spokeswoman spokesperson correspondent reporter journalist columnist writer
author poet singer actor actress director chairman chairwoman chair founder owner executive chief ceo cfo
coach manager captain general commander colonel ambassador diplomat professor researcher scientist analyst
economist lawyer attorney judge prosecutor officer doctor mr mrs ms miss dr sir lord lady dame colleague
rival successor predecessor dictator candidate winner activist dissident secretary
"""))

# Compound endings that make a Dutch word a person cue ("defensieanalist", "VVD-leider").
PERSON_CUE_SUFFIXES: tuple[str, ...] = ("leider", "woordvoerder", "woordvoerster", "minister", "analist",
                                        "voorzitter", "directeur", "correspondent", "topman", "president",
                                        "kandidaat", "deskundige", "expert", "watcher")

# Verbs right after a name that say it is a person ("Poetin zei", "Smith said").
PERSON_VERBS: frozenset[str] = frozenset(_words("""
zei zegt zeiden verklaarde verklaart vertelde vertelt schreef schrijft twitterde tweette benadrukte stelde
meldde liet waarschuwde antwoordde beloofde erkende ontkende noemde vindt vond denkt dacht hoopt hoopte
said says told added wrote tweeted stated warned explained noted argued claimed insisted admitted denied
"""))

# Words inside a name that make it an organisation ("Europese Commissie", "Bank of America").
ORG_WORDS: frozenset[str] = frozenset(_words("""
partij unie bank ministerie universiteit hogeschool raad commissie rechtbank hof kamer bond vereniging
stichting fonds groep holding maatschappij instituut omroep krant politie leger marine luchtmacht
federatie organisatie agentschap dienst bureau parlement senaat congres regering kabinet club ploeg
inc inc. corp corp. corporation company co co. ltd ltd. llc plc group bank airlines airways motors agency
association union university college institute council commission committee department ministry party
federation organization organisation foundation fund court congress parliament senate police army navy
force forces administration authority board bureau office service services systems technologies
zaken air aircraft computer computers motor automotive international holdings press news times post journal network club fc team industries electric energy
airline communications capital securities exchange reserve nv bv n.v. b.v. gmbh ag sa s.a. telecom
"""))

ORG_SUFFIXES: tuple[str, ...] = ("partij", "bank", "raad", "commissie", "ministerie", "universiteit", "bond",
                                 "groep", "fonds", "dienst", "unie", "maatschappij")

# Prepositions that usually introduce a place ("in Sotsji", "uit Minsk", "to Moscow").
PLACE_PREPOSITIONS: frozenset[str] = frozenset(_words("in uit naar vanuit nabij rond bij near from to into across"))

# Words right before a name that say it is a place ("provinciestad Zjodino", "the town of").
PLACE_CUES: frozenset[str] = frozenset(_words("""
stad hoofdstad dorp gemeente provincie regio deelstaat staat eiland badplaats havenstad grensstad
city town village capital province region state island port
"""))

# Last words of multi-word place names ("Changi International Airport", "Atlantische Oceaan").
PLACE_WORDS: frozenset[str] = frozenset(_words("""
airport luchthaven oceaan ocean zee sea rivier river meer lake baai bay gebergte mountains mountain
eiland eilanden island islands straat street avenue plein square park vallei valley kanaal canal
woestijn desert schiereiland peninsula golf gulf kust coast
"""))
PLACE_SUFFIXES: tuple[str, ...] = ("straat", "plein", "weg", "laan", "gracht", "kade", "zee", "meer")

# Well-known organisations: surface form → canonical (English) name.
KNOWN_ORGS: dict[str, str] = {
    "EU": "European Union", "Europese Unie": "European Union", "European Union": "European Union",
    "NAVO": "NATO", "Navo": "NATO", "NATO": "NATO", "Nato": "NATO",
    "VN": "United Nations", "Verenigde Naties": "United Nations", "UN": "United Nations",
    "United Nations": "United Nations", "Kremlin": "Kremlin", "Witte Huis": "White House",
    "White House": "White House", "IMF": "IMF", "Wereldbank": "World Bank", "World Bank": "World Bank",
    "WHO": "WHO", "Europese Commissie": "European Commission", "European Commission": "European Commission",
    "Europees Parlement": "European Parliament", "European Parliament": "European Parliament",
    "OVSE": "OSCE", "OSCE": "OSCE", "Tweede Kamer": "Tweede Kamer", "Eerste Kamer": "Eerste Kamer",
    "Pentagon": "Pentagon", "FBI": "FBI", "CIA": "CIA", "KGB": "KGB", "FSB": "FSB",
    "Rode Kruis": "Red Cross", "Red Cross": "Red Cross", "OPEC": "OPEC", "Opec": "OPEC",
    "Raad van State": "Raad van State", "Europol": "Europol", "Interpol": "Interpol",
    "ECB": "European Central Bank", "Europese Centrale Bank": "European Central Bank",
    "European Central Bank": "European Central Bank", "Federal Reserve": "Federal Reserve",
    "Doema": "Duma", "Duma": "Duma", "Europese Raad": "European Council", "European Council": "European Council",
    "Veiligheidsraad": "UN Security Council", "Security Council": "UN Security Council",
    "Wall Street": "Wall Street", "Nasdaq": "Nasdaq", "NASDAQ": "Nasdaq", "Dow Jones": "Dow Jones",
    "Congres": "US Congress", "Congress": "US Congress", "Senaat": "Senate", "Senate": "Senate",
}

# Regions, continents and country aliases not in the package gazetteers: surface → canonical.
EXTRA_PLACES: dict[str, str] = {
    "VS": "United States", "USA": "United States", "US": "United States", "U.S.": "United States",
    "Amerika": "United States", "America": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Groot-Brittannië": "United Kingdom", "Brittannië": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "Engeland": "England", "England": "England", "Schotland": "Scotland",
    "Scotland": "Scotland", "Wales": "Wales", "Holland": "Netherlands", "Europa": "Europe", "Europe": "Europe",
    "Azië": "Asia", "Asia": "Asia", "Afrika": "Africa", "Africa": "Africa", "Noord-Amerika": "North America",
    "North America": "North America", "Zuid-Amerika": "South America", "South America": "South America",
    "Latijns-Amerika": "Latin America", "Latin America": "Latin America", "Midden-Oosten": "Middle East",
    "Middle East": "Middle East", "Oost-Europa": "Eastern Europe", "Eastern Europe": "Eastern Europe",
    "West-Europa": "Western Europe", "Western Europe": "Western Europe", "Balkan": "Balkans",
    "Balkans": "Balkans", "Kaukasus": "Caucasus", "Caucasus": "Caucasus", "Krim": "Crimea", "Crimea": "Crimea",
    "Siberië": "Siberia", "Siberia": "Siberia", "Scandinavië": "Scandinavia", "Scandinavia": "Scandinavia",
    "Vlaanderen": "Flanders", "Flanders": "Flanders", "Wallonië": "Wallonia", "Gaza": "Gaza",
    "Gazastrook": "Gaza", "Westelijke Jordaanoever": "West Bank", "West Bank": "West Bank",
    "Donbas": "Donbas", "Antarctica": "Antarctica", "Oceanië": "Oceania", "Oceania": "Oceania",
    "Silicon Valley": "Silicon Valley", "Randstad": "Randstad", "Westen": "the West",
    "Baltische staten": "Baltic states", "Baltic states": "Baltic states",
}

# Country adjectives and demonyms (lowercase) → ISO 3166 alpha-2 code.
_ADJ_NL = """
russisch:RU wit-russisch:BY belarussisch:BY belarusisch:BY oekraïens:UA amerikaans:US brits:GB engels:GB
frans:FR duits:DE nederlands:NL belgisch:BE pools:PL chinees:CN japans:JP italiaans:IT spaans:ES
portugees:PT turks:TR grieks:GR zweeds:SE noors:NO deens:DK fins:FI oostenrijks:AT zwitsers:CH iers:IE
canadees:CA mexicaans:MX braziliaans:BR argentijns:AR indiaas:IN pakistaans:PK iraans:IR iraaks:IQ
syrisch:SY israëlisch:IL palestijns:PS egyptisch:EG saoedisch:SA afghaans:AF noord-koreaans:KP
zuid-koreaans:KR australisch:AU zuid-afrikaans:ZA nigeriaans:NG litouws:LT lets:LV ests:EE hongaars:HU
tsjechisch:CZ slowaaks:SK roemeens:RO bulgaars:BG servisch:RS kroatisch:HR georgisch:GE armeens:AM
kazachs:KZ europees:150 baltisch:Baltic_states westers:the_West arabisch:Arab_world venezolaans:VE cubaans:CU libisch:LY marokkaans:MA luxemburgs:LU noord-koreaans:KP
"""
_ADJ_EN = """
russian:RU belarusian:BY belarussian:BY byelorussian:BY ukrainian:UA american:US british:GB english:GB
french:FR german:DE dutch:NL belgian:BE polish:PL chinese:CN japanese:JP italian:IT spanish:ES
portuguese:PT turkish:TR greek:GR swedish:SE norwegian:NO danish:DK finnish:FI austrian:AT swiss:CH
irish:IE canadian:CA mexican:MX brazilian:BR argentine:AR argentinian:AR indian:IN pakistani:PK
iranian:IR iraqi:IQ syrian:SY israeli:IL palestinian:PS egyptian:EG saudi:SA afghan:AF korean:KR
australian:AU lithuanian:LT latvian:LV estonian:EE hungarian:HU czech:CZ slovak:SK romanian:RO
bulgarian:BG serbian:RS croatian:HR georgian:GE armenian:AM kazakh:KZ venezuelan:VE cuban:CU libyan:LY
moroccan:MA european:150
"""
# Dutch demonyms (plural nouns) → code.
_DEMONYMS = """
russen:RU wit-russen:BY belarussen:BY oekraïners:UA amerikanen:US britten:GB engelsen:GB fransen:FR
duitsers:DE nederlanders:NL belgen:BE chinezen:CN japanners:JP italianen:IT spanjaarden:ES turken:TR
grieken:GR zweden:SE noren:NO denen:DK israëliërs:IL palestijnen:PS syriërs:SY iraniërs:IR
russians:RU belarusians:BY ukrainians:UA americans:US britons:GB germans:DE chinese:CN israelis:IL
palestinians:PS syrians:SY iranians:IR nederlander:NL belg:BE amerikaan:US brit:GB duitser:DE
fransman:FR
"""


def _inflect_nl(base: str) -> list[str]:
    """Dutch adjective forms: russisch → russische; chinees → chinese; frans → franse."""
    if base.endswith("ees"):
        return [base, base[:-3] + "ese"]
    if base.endswith("aas"):
        return [base, base[:-3] + "ase"]
    return [base, base + "e"]


def _adjectives() -> dict[str, str]:
    out: dict[str, str] = {}
    for item in _words(_ADJ_NL):
        word, code = item.split(":")
        for form in _inflect_nl(word):
            out[form] = code.replace("_", " ")
    for item in _words(_ADJ_EN + _DEMONYMS):
        word, code = item.split(":")
        out.setdefault(word, code)
    return out


COUNTRY_ADJECTIVES: dict[str, str] = _adjectives()

# Job-title words that are capitalised in English titles but are not names ("Chief Operating Officer").
TITLE_WORDS: frozenset[str] = frozenset(_words("""
officer executive chief operating financial technology senior vice deputy assistant acting interim former
head managing general attorney secretary state foreign affairs minister prime
"""))


def _currency_codes() -> frozenset[str]:
    from babel import Locale

    return frozenset(code for code in Locale("en").currencies if len(code) == 3 and code.isupper())


CURRENCY_CODES: frozenset[str] = _currency_codes() - {"ALL", "CUP", "TOP", "MOP", "BAM", "PEN"}

# Capitalised words that are never names on their own (calendar words, pronoun I, titles of address).
NOT_NAMES: frozenset[str] = frozenset(_words("""
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli
augustus september oktober november december monday tuesday wednesday thursday friday saturday sunday
january february march may june july august october i mr mrs ms dr prof dhr mevr utc gmt cet cest
est pst edt pdt
"""))
