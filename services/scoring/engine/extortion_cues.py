"""Cue patterns that extortion.py assembles into demand-and-review structures.

All patterns run on folded text (lowercase, no accents), so "réduction" is written "reduction" and "löschen"
"loschen". Each cue is one alternation over French, English and German, because reviews mix languages and
short messages are often misdetected. SMS spellings ("jvais", "sinn", "reduc") sit next to the full forms.
"""

import re

from services.scoring.engine.rules import words

_AMOUNT = (
    r"(?:\d[\d.,' ]*\s?(?:€|\$|chf|eur|euros?|dollars?|usd|bucks|francs?|franken|balles|stutz)"
    r"|(?:€|\$|chf)\s?\d[\d.,']*)"
)

# Where a public post lands. "internet" and "le net" count, "online" does not: reviews say "booked online".
PLATFORM = (
    r"(?:google(?: maps| reviews?)?|gogle|doctolib|jameda|sanego|docinsider|facebook|fb|insta(?:gram)?|tiktok"
    r"|twitter|reddit|yelp|trustpilot|healthgrades|zocdoc|ratemds|nextdoor|youtube|les reseaux(?: sociaux)?"
    r"|reseaux sociaux|social media|(?:the )?internet|le net|netz)"
)
# Nouns of a gain, for "without X" and "no X =" conditions.
_GAIN_NOUN = (
    r"(?:rembours\w*|reduc\w*|remise|ristourne|rabais|geste\w*|arret|attestation|certificat|gratuite|refund\w*"
    r"|discount\w*|reimbursement|credit|waiver|(?:sick |doctor'?s )?note|money(?: back)?|rabatt\w*"
    r"|(?:ruck)?erstattung|nachlass|gutschrift|attest|au|krankschreibung|entgegenkommen|geld(?: zuruck)?)"
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
        r"(?:son|mon|un|leur|cet|l') arret",
        r"attestation\w*",
        r"sign\w* (?:\w+ ){0,2}(?:arret|certificat|attestation)",
        r"(?:annul|supprim|efface|oubli)\w* (?:\w+ )?(?:la|ma|sa|cette|leur|votre) (?:facture|note d'honoraires"
        r"|ardoise)",
        r"hors nomenclature",
        r"(?:petit )?geste (?:commercial|sur)",
        r"petit geste",
        r"offerte?s?",
        r"(?:paierai|payerai|paie|paye) (?:\w+ )?(?:pas|rien|jamais)",
        r"(?:septante|huitante|octante|nonante|cent|mille) (?:\w+ )?(?:francs|euros|balles)",
        r"(?:je|j'|on|nous|il|elle) (?:\w+ )?(?:veux|veut|voulons|voulait|exige\w*)",
        r"exige\w*",
        r"reclam\w*",
        r"(?:m'|me |nous |lui )(?:offr|accord|donn|rend|fai(?:tes|re) cadeau)\w*",
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
        r"(?:doctor'?s|sick|work) note",
        r"note for (?:work|school|my employer|my boss)",
        r"cancel\w* (?:the|that|this|my|his|her|our) (?:invoice|bill|charge|fee|balance)",
        r"drop\w* (?:the|that|this|my) (?:charge|fee|bill|invoice)",
        r"knock\w* (?:\w+ ){0,3}off",
        r"money back",
        r"copay",
        r"deductible",
        r"(?:cover|pay)\w* (?:my|the|his|her) (?:deductible|copay|bill|invoice|balance)",
        r"(?:fee|charge|bill|invoice|balance) (?:\w+ ){0,3}(?:removed|waived|cancel+ed|dropped|written off)",
        r"(?:pay|paying) (?:that|the|this|my) (?:bill|invoice)",
        r"reconsider\w* (?:the|that|this|my) (?:fee|bill|charge|invoice)",
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
        r"(?:rechnung|gebuhr|forderung) (?:\w+ ){0,4}(?:kurz|erlass|streich|gestrichen|reduzier|storn)\w*",
        r"storn\w* (?:sie )?(?:\w+ )?(?:rechnung|gebuhr|forderung)",
        r"erlass(?:en|t)",
        r"entgegenkommen",
        r"eigenanteil",
        r"gut ?(?:zu ?)?schreib\w*",
        r"(?:ruck|zuruck) ?(?:uberweis|zahl)\w*",
        r"schenk\w*",
        r"(?:eine|keine|die|meine|seine|ihre|ne) au",
        r"arbeitsunfahigkeit\w*",
        r"krankmeldung",
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
        r"(?:dir|racont|fai\w* savoir)\w* (?:\w+ ){0,2}a tout le monde",
        r"(?:publi|post|mett|mets|mis|balanc|racont|expos|affich|partag|denonc|ecri|dir)\w* (?:\w+ ){0,5}?"
        r"(?:sur|partout sur) " + PLATFORM,
        r"(?:entendre|entendra|entendront) parler de (?:vous|toi|votre|ce cabinet)",
        r"(?:tout le monde|toute la ville|tous vos patients) (?:\w+ ){0,3}(?:saura|sauront|va savoir|vont savoir"
        r"|verra|verront|lira|liront|apprendra)",
        r"(?:mauvaise|sale) (?:pub|publicite|reputation)",
        r"(?:votre|ta|sa) reputation",
        r"(?:ruin|detrui|cass|sali|pourri|demoli|flingu|coul)\w* (?:\w+ ){0,2}reputation",
        # en
        r"(?:bad|negative|horrible|terrible|scathing|awful|poor|nasty|1[- ]star|one[- ]star|1\*"
        r"|zero[- ]star) (?:\w+ )?(?:reviews?|ratings?|feedback)",
        r"(?:post|leave|write|give|put|do|doing|drop)\w* (?:\w+ ){0,4}(?:reviews?|ratings?)",
        r"trash\w* (?:\w+ ){0,3}(?:reputation|name|business|practice)",
        r"(?:ruin|destroy|damage|wreck|tank|hurt|harm)\w* (?:your|my|his|her|the|their"
        r"|our) (?:\w+'?s? )?(?:reputation|business|practice|rating|name)",
        r"(?:on|all over) (?:the )?(?:internet|social media|yelp|google|facebook|tiktok|instagram|twitter|reddit"
        r"|doctolib|jameda|healthgrades|zocdoc|nextdoor)",
        r"(?:post|put|share|tell|expose|blast|write|take|taking|took|spread|trash|air)\w* (?:\w+ ){0,5}?"
        r"(?:on|to|all over|across) (?:the )?" + PLATFORM,
        r"tell (?:everyone|everybody|the world)",
        r"go\w* (?:straight )?to (?:the )?" + PLATFORM,
        r"(?:the |my )?reviews? (?:start|begin|will start|will begin)",
        r"(?:everyone|everybody|the whole (?:town|city|world|internet)|all your patients) (?:\w+ ){0,4}"
        r"(?:hear|know|read|see|find out|learn)\w*",
        r"(?:reputation|rating|name) (?:\w+ ){0,3}(?:ruined|destroyed|trashed|tanked|drops?|dropped)",
        r"reviews? (?:goes|going|will go|is going) (?:up|live|online|out)",
        r"(?:google|yelp|facebook|doctolib|jameda|tiktok) (?:and \w+ )?(?:gets?|will get|hears?|will hear) "
        r"(?:the )?(?:whole|full) story",
        r"(?:one|1|zero)[- ]stars?",
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
        r"(?:zerstor|ruinier|vernicht|schad)\w* (?:\w+ ){0,3}(?:ruf|image|reputation|bewertung)\w*",
        r"(?:schreib|erzahl|post|poste|veroffentlich|teil|verbreit|stell|landet|landen)\w* (?:\w+ ){0,5}?"
        r"(?:auf|bei|im|ins|in) " + PLATFORM,
        r"(?:bewertung|rezension|post|video|beitrag)\w* (?:auf|bei|im) " + PLATFORM,
        r"fertig ?(?:zu ?)?mach\w*",
        r"mach\w* (?:\w+ ){0,4}fertig",
        r"(?:alle|jeder) (?:\w+ ){0,4}(?:lesen|erfahren|wissen|sieht|liest)",
        r"schlecht\w* (?:zu )?bewerten",
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
        r"(?:avis|commentaire|note) (?:\w+ )?(?:disparaisse|disparaitre|disparait|disparaitra|retire|supprime)",
        r"(?:retirerai|retirerons|supprimerai|supprimerons|enleverai|effacerai|modifierai"
        r"|changerai)\w* (?:\w+ ){0,2}(?:avis?|commentaire|note|article|publication)",
        r"ne (?:\w+ )?(?:publie|publierai|posterai|mettrai|ecrirai|laisserai)s? (?:pas|rien)",
        r"(?:mett|mets|remet|pass|monte)\w* (?:\w+ ){0,2}(?:a )?(?:5|cinq) etoiles",
        r"(?:avis|note|etoiles|commentaire)s? (?:\w+ ){0,3}(?:reste|restera|resteront|restent)",
        # en
        r"(?:i'?ll|i will|i would|i'?d|we'?ll|we will|we would|we can|he would|she would|they would|then i"
        r"|and i|happy to|willing to) (?:\w+ ){0,2}(?:remove|delete|take down|withdraw|change|update|edit"
        r"|amend|retract|pull)\w* (?:\w+[ -]){0,3}(?:reviews?|ratings?|posts?|comments?|stars?|it)",
        r"(?:review|rating|one-star|post)s? (?:\w+ ){0,2}(?:stays?|remains?|will stay) (?:up|online|there|as it is"
        r"|intact|until)",
        r"(?:reviews?|ratings?) (?:to )?(?:go away|gone|removed|deleted|disappears?)",
        r"(?:stars?|rating|review) (?:\w+ ){0,2}(?:becomes|turns into|goes to|will be) (?:5|five)",
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
        r"(?:bewertung|rezension|sterne)\w* (?:\w+ ){0,3}bleib\w*",
        r"bleib\w* (?:die |meine )?(?:bewertung|rezension)\w*",
        r"verschwind\w* (?:\w+ ){0,2}(?:bewertung|rezension)\w*",
    )
)

# "X or Y": the alternative that follows a demand.
ALTERNATIVE = re.compile(
    words(
        r"sinon",
        r"sinn",
        r"snn",
        r"ou (?:bien )?(?:je|j'\w+|jte|jvais|on|il|elle|nous|tu|alors|ils|g|c'est)",
        r"ou(?= (?:tout|toute|tous|mon|ma|votre|vos) )",
        r"soit(?= (?:tout le monde|je|j'\w+|on|c'est))",
        r"sans (?:ca|cela)",
        r"without that",
        r"ohne das",
        r"si (?:non|pas)",
        r"sans quoi",
        r"faute de quoi",
        r"a defaut",
        r"autrement",
        r"or (?:else|i|i'll|i'm|we|we'll|he|she|they|it|you'll|there|u|ur)",
        r"or(?= (?:everyone|everybody|your) )",
        r"if not",
        r"otherwise",
        r"oder (?:aber |es )?(?:ich|wir|er|sie|es|du|ihr|man|gibt|mein\w*)",
        r"oder(?= (?:alle|jeder) )",
        r"(?:wenn|falls) nicht",
        r"sonst",
        r"ansonsten",
        r"andernfalls",
        r"anderenfalls",
        r"apres (?:je|j'\w+|on|ca)",
        r"after that,? (?:i|we|the)",
        r"danach (?:werde|schreibe|gibt)",
    )
)

# "If you don't X": a negative condition, and "if you make me pay".
CONDITION = re.compile(
    words(
        r"si (?:\w+ ){0,4}?(?:ne|n'\w+)",
        r"si (?:vous|vs|tu|on|je|j') (?:\w+ ){0,3}?\w+ (?:pas|rien|jamais)",
        r"tant qu(?:e |')(?:\w+ ){0,3}?(?:ne|n'\w+)",
        r"si (?:vous|tu) insist\w*",
        r"(?:sans|without|ohne) (?:\w+ ){0,2}" + _GAIN_NOUN,
        r"(?:no|pas de|kein\w*) (?:\w+ )?" + _GAIN_NOUN + r" ?(?:=|->|means)",
        r"s'?il (?:ne|n'\w+)",
        r"si (?:vous|tu) (?:me|nous) (?:faites|fais) payer",
        r"unless",
        r"if (?:\w+ ){0,3}?(?:don'?t|do not|didn'?t|did not|doesn'?t|does not|won'?t|will not|refuse\w*"
        r"|fail\w*|can'?t|cannot)",
        r"if you insist",
        r"until (?:you|u)",
        r"if (?:you|we|they) (?:make|made) (?:me|him|her) pay",
        r"(?:wenn|falls) (?:\w+ ){0,5}?(?:nicht|kein\w*)",
        r"sollte(?:st|n)? (?:du|sie|ihr|wir|er|ich) (?:\w+ ){0,4}?nicht",
        r"bis (?:sie|du|ihr)",
        r"solange (?:\w+ ){0,4}?(?:nicht|kein\w*)",
        r"as long as (?:\w+ ){0,2}?(?:don'?t|haven'?t|do not|have not)",
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
        r"si (?:vous|tu) (?:me |nous )?(?:rembours|pai|pay|donn|offr|fai|accord|supprim|retir|envoy|rend|annul)\w*",
        r"(?:wenn|falls) (?:sie|du) (?:mir |uns )?(?:\w+ ){0,3}(?:zahl|geb|erstatt|uberweis|losch|schick)\w*",
        r"sobald",
        r"vorausgesetzt",
        r"unter der bedingung",
        r"dann (?:wurde|werde|wird|werden|losch)\w*",
        r"then (?:i|we|he|she)",
        r"until (?:i|you|u|we|my)",
        r"bis (?:sie|du|ich|das|mir)",
        r"(?:jusqu'a ce que|tant que) (?:je|j'|vous|tu)",
        r"und (?:ich|wir|ihre|deine)",
        r"dann \w+ (?:ich|wir)",
        r"dann (?:verschwind|losch|entfern)\w*",
        r"solange",
        r"le jour ou",
        r"(?:and|et|und) (?:my|this|mon|ma|meine|diese)",
        r"et (?:votre|vos|ta|ton)",
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
        r"warn\w*",
        r"gewarnt",
        r"extort\w*",
    )
)

# The writer's own review as a condition: "if I left a bad review", "si je laissais un avis".
WRITER_CONDITION = re.compile(
    words(
        r"si (?:je|j')",
        r"if i",
        r"should i",
        r"(?:wenn|falls|sollte) ich",
    )
)
