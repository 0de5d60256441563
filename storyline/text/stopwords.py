"""Stopword lists: function words per language, used for content lemmas and cheap language detection.

Hand-written general word lists (no corpus-specific entries). Dutch and English are complete
enough to filter content lemmas; German, French, Spanish and Italian are short profiles that
only serve to recognise those languages.
"""

from __future__ import annotations

_NL = """
aan aangaande aangezien achter af afgelopen al aldaar aldus alhoewel alle allebei alleen alles als
altijd ander andere anders bij binnen boven buiten daar daarbij daardoor daarin daarna daarom daarop
daarvan dan dat de deze der des die dit doch doen door dus een eens en enige enkele er erg ergens
even geen geweest haar had hadden heb hebben hebt heeft hem hen het hier hij hoe hoewel hun iemand
iets ik in is ja je jij jou jouw jullie kan kon konden kunnen kunt maar me meer men met mij mijn
mocht moest moesten moet moeten mogen na naar naast net niet niets nog nu of om omdat omtrent onder
ons onze ook op over reeds sinds te tegen ten ter terwijl toch toen tot tussen u uit uw van veel
voor vooral waar waarom wanneer want waren was wat we wel welk welke werd werden wie wij wil wilde
willen worden wordt zal ze zei zelf zich zij zijn zo zoals zodat zonder zou zouden zullen 't z'n
m'n d'r hier daar nadat opdat tenzij indien mits zowel noch hetzelfde dezelfde elk elke ieder iedere
wiens wier waarbij waardoor waarin waarmee waarna waarop waarover waaruit zulke zulk zeer
"""

_EN = """
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can cannot could couldn't did didn't do does doesn't doing don't down
during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
its itself let's me more most mustn't my myself no nor not of off on once only or other ought our
ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than
that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves will also said says may
might must shall
"""

# Short profiles for recognising languages that are not analysed.
_DE = """der die das und ist nicht ein eine einen dem den des mit sich auch auf für von zu im ich
sie er wir ihr es wird wurde werden hat haben sind war aus bei nach noch oder aber wie über dass
nur schon kann"""
_FR = """le la les un une des et est dans que qui pour pas par sur avec plus ce cette il elle nous
vous ils sont été au aux du mais ou où son sa ses leur très être avoir fait"""
_ES = """el la los las un una unos y es en que de del por para con no se su sus al lo como más
pero fue ha son está este esta"""
_IT = """il lo la gli le un una e è di del della che in per con non si sono al dei delle nel
anche come più ma ha questo questa"""

STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(_NL.split()),
    "en": frozenset(_EN.split()),
    "de": frozenset(_DE.split()),
    "fr": frozenset(_FR.split()),
    "es": frozenset(_ES.split()),
    "it": frozenset(_IT.split()),
}


def is_stopword(word: str, language: str | None) -> bool:
    """True when ``word`` (any case, straight or curly apostrophe) is a function word of ``language``."""
    words = STOPWORDS.get(language or "")
    if not words:
        return False
    return word.lower().replace("\u2019", "'") in words
