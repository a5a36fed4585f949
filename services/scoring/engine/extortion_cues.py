"""Cue patterns that extortion.py assembles into demand-and-review structures.

All patterns run on folded text (lowercase, no accents), so "réduction" is written "reduction" and "löschen"
"loschen". Each cue is one alternation over French, English and German, because reviews mix languages and
short messages are often misdetected. SMS spellings ("jvais", "sinn", "reduc") sit next to the full forms.
"""

import re

from services.scoring.engine.rules import words

_AMOUNT = (
    r"(?:\d[\d.,' ]*\s?(?:€|\$|chf|eur|euros?|dollars?|usd|bucks|francs?|franken)|(?:€|\$|chf)\s?\d[\d.,']*)"
)

# Something the writer gains: money, a discount, free care, a refund, a document, or a demand for it.
GAIN = re.compile(
    words(
        # fr
        r"rembours\w*",
        r"reduc\w*",
        r"remise",
        r"ristourne",
        r"rabais",
        r"geste commercial",
        r"gratuit\w*",
        r"gratos",
        r"sans (?:me |nous )?(?:faire )?payer",
        r"(?:me|nous) (?:faites|fais|fait|faire) payer",
        r"annul\w* (?:la|ma|sa|cette) facture",
        r"argent",
        r"thune",
        r"fric",
        r"pognon",
        r"rente",
        r"virement",
        r"paie[sz]?",
        r"payez",
        r"versez",
        r"cartes? cadeaux?",
        r"bons? d'achat",
        r"certificat\w*",
        r"arret (?:de travail|maladie)",
        r"(?:je|j'|on|nous|il|elle) (?:\w+ )?(?:veux|veut|voulons|voulait|exige\w*)",
        r"exige\w*",
        r"reclam\w*",
        r"(?:m'|me |nous )(?:offr|accord|donn|rend|fai(?:tes|re) cadeau)\w*",
        r"(?:offr|rembours|donn|accord|fai|rend)\w*-(?:moi|nous)",
        r"(?:supprim|retir)\w* (?:votre|ton|ta|vos) (?:avis|commentaire|note)",
        # en
        r"refund\w*",
        r"reimburs\w*",
        r"discount\w*",
        r"free(?: of charge)?",
        r"money",
        r"cash",
        r"compensation",
        r"write (?:off|down) (?:the |his |her |my |our |their )?(?:bill|invoice|balance)",
        r"waiv\w*",
        r"gift ?cards?",
        r"(?:pay|send|give|wire|offer|comp) (?:me|us|him|her)",
        r"comp(?:ed)? (?:my|the|our|his|her)",
        r"demand\w*",
        r"(?:i|we|he|she) wants?",
        r"(?:doctor'?s|sick) note",
        r"(?:remove|delete) your (?:review|post|comment)",
        # de
        r"rabatt\w*",
        r"(?:ruck)?erstatt\w*",
        r"geld\w*",
        r"gutschein\w*",
        r"(?:preis)?nachlass\w*",
        r"kostenlos",
        r"gratis",
        r"umsonst",
        r"gekurzt",
        r"kurz\w* (?:die |meine |seine |ihre )?rechnung",
        r"rechnung (?:\w+ ){0,4}(?:kurz|erlass|streich|reduzier)\w*",
        r"verlang\w*",
        r"forder\w*",
        r"attest",
        r"krankschreibung",
        r"(?:zahl|uberweis|geb|gib|erlass)\w* (?:sie |du )?(?:mir|uns)",
        r"(?:loschen|entfernen) sie (?:ihre|deine) bewertung",
        # any language
        r"bitcoins?",
        r"btc",
        r"crypto\w*",
        r"krypto\w*",
        r"usdt",
        r"paypal",
        r"western union",
        r"transcash",
        r"neosurf",
        r"paysafecard",
    )
    + "|"
    + _AMOUNT
)

# A negative public post, or harm to the reputation, that the writer threatens.
REVIEW_HARM = re.compile(
    words(
        # fr
        r"(?:mauvais|sale|pire|pourri|horrible|terrible|affreux) (?:avis?|commentaire|note|pub)",
        r"(?:avis?|commentaire|note)s? (?:\w+ )?(?:negatif|negative|pourri|defavorable|assassin"
        r"|incendiaire|sale)s?",
        r"(?:une|1|0|zero) (?:seule )?etoiles?",
        r"1 ?\*",
        r"(?:mett|mets|mis|laiss|post|publi|ecri|fou|fout|colle|balanc|fer|fai|donn"
        r"|lach)\w* (?:\w+ ){0,3}(?:avis?|commentaires?|etoiles?)",
        r"(?:defonc|detrui|descend|cass|demoli|ruin|pourri|allum|clash|afich|affich"
        r"|balanc)\w* (?:\w+ ){0,3}(?:sur|partout sur) (?:internet|le net|google|les reseaux|facebook"
        r"|trustpilot|doctolib|les avis)",
        r"(?:dire|raconter|faire savoir) a tout le monde",
        r"mauvaise (?:pub|publicite|reputation)",
        r"(?:votre|ta|sa) reputation",
        # en
        r"(?:bad|negative|horrible|terrible|scathing|awful|poor|nasty|1[- ]star|one[- ]star|1\*"
        r"|zero[- ]star) (?:\w+ )?(?:reviews?|ratings?|feedback)",
        r"(?:post|leave|write|give|put|do|doing|drop)\w* (?:\w+ ){0,4}(?:reviews?|ratings?)",
        r"trash\w* (?:\w+ ){0,3}(?:reputation|name|business|practice)",
        r"(?:ruin|destroy|damage|wreck|tank|hurt|harm)\w* (?:your|my|his|her|the|their"
        r"|our) (?:\w+'?s? )?(?:reputation|business|practice|rating|name)",
        r"(?:on|all over) (?:the )?(?:internet|social media|yelp|google)",
        r"tell (?:everyone|everybody|the world)",
        r"(?:one|1|zero) star",
        # de
        r"(?:schlecht|negativ|mies|ein[- ]?stern|1[- ]?stern|einsternig)\w* (?:\w+ )?(?:bewertung"
        r"|rezension|kritik)\w*",
        r"(?:ein|einen|1) stern\w*",
        r"(?:ein|1)[- ]stern[- ]bewertung\w*",
        r"(?:bewertung|rezension|kommentar)\w* (?:\w+ ){0,5}(?:schreib|abgeb|hinterlass|post|veroffentlich"
        r"|geb|setz)\w*",
        r"(?:schreib|gebe|geb|hinterlass|setz)\w* (?:\w+ ){0,4}(?:bewertung|rezension)\w*",
        r"(?:ruf|image|reputation|bewertung)\w* (?:\w+ ){0,6}(?:zerstor|ruinier|kaputt|in den keller"
        r"|vernicht|schad)\w*",
        r"(?:im|ins) (?:internet|netz)",
        r"bei google",
        # any language: a number of reviews, as crews announce them
        r"\d+ (?:weitere |more |autres |other |negative |negatifs? |schlechte |bad |mauvais )?"
        r"(?:bewertungen|reviews|avis|rezensionen)",
    )
)

# A review undone or withheld in exchange: removed, changed, not published.
REVIEW_UNDO = re.compile(
    words(
        # fr
        r"(?:je |j'|on |nous |il |elle |jvais |j'vais )(?:\w+ ){0,3}(?:retir|supprim|enlev|effac|modifi"
        r"|chang|efface|retouch)\w* (?:\w+ ){0,2}(?:avis?|commentaire|note|article|publication|etoiles?)",
        r"(?:avis|commentaire|note) (?:\w+ )?(?:disparaisse|disparaitre|retire|supprime)",
        r"(?:retirerai|retirerons|supprimerai|supprimerons|enleverai|effacerai|modifierai"
        r"|changerai)\w* (?:\w+ ){0,2}(?:avis?|commentaire|note|article|publication)",
        r"ne (?:\w+ )?(?:publie|publierai|posterai|mettrai|ecrirai|laisserai)s? (?:pas|rien)",
        r"(?:mettre|mets|passer|passe) (?:\w+ )?(?:a )?(?:5|cinq) etoiles",
        # en
        r"(?:i'?ll|i will|i would|i'?d|we'?ll|we will|we would|we can|he would|she would|they would|then i"
        r"|and i|happy to|willing to) (?:\w+ ){0,2}(?:remove|delete|take down|withdraw|change|update|edit"
        r"|amend|retract|pull)\w* (?:\w+ ){0,3}(?:reviews?|ratings?|posts?|comments?|stars?|it)",
        r"(?:reviews?|ratings?) (?:to )?(?:go away|gone|removed|deleted|disappear)",
        r"won'?t (?:do it|post|publish|write|leave)",
        r"will not (?:do it|post|publish|write|leave)",
        r"go away quietly",
        r"(?:change|switch|bump|update)\w* (?:it |my review |the review )?to (?:5|five) stars?",
        # de
        r"(?:werde|wurde|wird|werden|wurden|dann|ich|wir)\s(?:\w+\s){0,5}?(?:bewertung|rezension"
        r"|kommentar)\w*\s(?:\w+\s){0,4}?(?:losch|entfern|ander|zuruckzieh|zuruckneh|anpass)\w*",
        r"(?:losche|entferne|andere) (?:ich|wir) (?:\w+ )?(?:bewertung|rezension)\w*",
        r"(?:ich|wir) (?:losche|loschen|entferne|entfernen|andere|andern|nehme|nehmen) (?:\w+ )?"
        r"(?:bewertung|rezension)\w*",
        r"bewertung\w* (?:\w+ ){0,2}(?:verschwinden|weg|geloscht)",
    )
)

# "X or Y": the alternative that follows a demand.
ALTERNATIVE = re.compile(
    words(
        r"sinon",
        r"sinn",
        r"snn",
        r"ou (?:bien )?(?:je|j'\w+|jte|jvais|on|il|elle|nous|tu|alors|ils|g)",
        r"sans quoi",
        r"faute de quoi",
        r"a defaut",
        r"autrement",
        r"or (?:else|i|i'll|i'm|we|we'll|he|she|they|it|you'll|there)",
        r"otherwise",
        r"oder (?:aber |es )?(?:ich|wir|er|sie|es|du|ihr|man|gibt)",
        r"sonst",
        r"ansonsten",
        r"andernfalls",
        r"anderenfalls",
        r"apres (?:je|j'\w+|on|ca)",
        r"after that,? (?:i|we)",
        r"danach (?:werde|schreibe|gibt)",
    )
)

# "If you don't X": a negative condition, and "if you make me pay".
CONDITION = re.compile(
    words(
        r"si (?:vous|tu|on) (?:ne|n')",
        r"s'?il (?:ne|n')",
        r"si (?:vous|tu) (?:me|nous) (?:faites|fais) payer",
        r"unless",
        r"if (?:you|we|they|he|she|u) (?:don'?t|do not|didn'?t|did not|won'?t|will not|refuse\w*|fail\w*"
        r"|can'?t|cannot)",
        r"if (?:you|we|they) (?:make|made) (?:me|him|her) pay",
        r"(?:wenn|falls) (?:sie|du|ihr|er|wir) (?:\w+ ){0,4}?(?:nicht|kein\w*)",
        r"sollte(?:st|n)? (?:du|sie|ihr) (?:\w+ ){0,4}?nicht",
        r"fur den fall",
    )
)

# An exchange or a trigger: "in exchange", "once you", "then I".
EXCHANGE = re.compile(
    words(
        r"en echange",
        r"in exchange",
        r"in return",
        r"im gegenzug",
        r"dafur",
        r"contre (?:un|une|des|\d)",
        r"une fois que",
        r"des que",
        r"a condition",
        r"as soon as",
        r"once (?:you|i|we|the|my|it)",
        r"if (?:you|u|we|they|i) (?:\w+ )?"
        r"(?:give|gave|pay|paid|refund|send|sent|offer|waive|comp|make|made)\w*",
        r"provided (?:that|you)",
        r"if you want",
        r"si vous (?:voulez|souhaitez)",
        r"wenn sie (?:wollen|mochten)",
        r"quand (?:j'\w+|je|vous|tu)",
        r"lorsque",
        r"when (?:you|i)",
        r"after (?:you|i)",
        r"si (?:vous|tu) (?:me |nous )?(?:rembours|pai|pay|donn|offr|fai|accord|supprim|retir|envoy)\w*",
        r"(?:wenn|falls) (?:sie|du) (?:mir |uns )?(?:\w+ ){0,3}(?:zahl|geb|erstatt|uberweis|losch|schick)\w*",
        r"sobald",
        r"vorausgesetzt",
        r"unter der bedingung",
        r"dann (?:wurde|werde|wird|werden|losch)\w*",
        r"then (?:i|we|he|she)",
        r"(?:and|&) (?:i'?ll|i will|we'?ll|we will)",
        r"et (?:je|j'\w+|on|nous)",
    )
)

# The writer or a witness calls it a threat: "threatened", "droht", "menace", "blackmail".
THREAT_WORD = re.compile(
    words(
        r"threaten\w*",
        r"menac\w*",
        r"droh\w*",
        r"gedroht",
        r"erpress\w*",
        r"blackmail\w*",
        r"chantage",
        r"extort\w*",
    )
)
