"""Threats of violence or harm to people or premises, in French, English and German.

Patterns need a speaker and a target ("je vais te ...", "I'll ... you"), so pain that "kills me" and
reputational threats ("je vous défonce sur internet") do not count. They run on folded text.
"""

from services.scoring.engine.rules import Rule, rule

_FR_VIOLENCE = (
    r"tu(?:er|erai|e|erais)|but(?:er|erai|e)|crev(?:er|erai)|flingu\w*|egorg\w*|assassin\w*|defonc\w*"
    r"|frapp\w*|cogn\w*"
    r"|tabass\w*|casser la (?:gueule|figure|tete)|peter la (?:gueule|tete)|eclat\w*|plant\w*|massacr\w*"
    r"|saign\w*|brul\w*"
)
_EN_VIOLENCE = (
    r"kill|shoot|stab|hurt|beat(?: up)?|punch|murder|strangle|slap|attack|smash|choke|cut|rape|slit"
)
# First-person intent: "je vais", "on va", "I'll", "ich werde".
_FR_INTENT = r"(?:je vais|j'vais|jvais|je veux|on va|nous allons|je vais aller|je finirai par|je compte)"
_EN_INTENT = (
    r"(?:i'?ll|i will|i'm going to|i am going to|i'?m gonna|gonna|we'?ll|we will|we are going to|i want to"
    r"|i'?d love to)"
)
_DE_INTENT = (
    r"(?:ich (?:werde|werd|will|mochte|wurde)|wir (?:werden|wollen)|ich(?= (?:erschie|brech|stech|bring)))"
)
_FR_ACT = (
    r"tuer|buter|crever|flinguer|egorger|assassiner|poignarder|massacrer|abattre|etrangler|violer|tabasser"
    r"|lyncher"
    r"|tirer (?:une balle|sur)|trancher la gorge|briser (?:le|ton|votre|son) cou|casser la (?:gueule"
    r"|figure)|en finir avec"
    r"|mettre fin a la vie|faire la peau"
)
_DE_ACT = (
    r"umbringen|toten|abstechen|abknallen|erschie(?:ss|ß)en|erschie(?:ss|ß)|erschlagen|zusammenschlagen"
    r"|verprugeln"
    r"|abschlachten|vergewaltigen|erwurgen|erhangen|kehlen? durchschneiden|genick brechen"
    r"|brech\w* (?:\w+ ){0,3}das genick"
    r"|aufschlitzen|kaltmachen|um die ecke bringen"
)
_DE_VIOLENCE = (
    r"umbringen|umbring\w*|toten|abstechen|abknallen|erschie(?:ss|ß)en|erschlagen|zusammenschlagen|verprugeln"
    r"|fertigmachen|kaltmachen|schlagen|aufschlitzen|abschlachten"
)
_PREMISES_FR = r"cabinet|clinique|agence|magasin|boutique|maison|voiture|local|batiment|bureau|hopital"
_PREMISES_EN = r"office|practice|clinic|place|house|car|building|shop|store"
_PREMISES_DE = r"praxis|laden|haus|buro|auto|klinik|gebaude|geschaft"

THREAT_RULES: tuple[Rule, ...] = (
    rule(
        "threat.violence_to_person",
        0.85,
        # Negative lookahead: "défoncer" and "descendre" also mean trashing someone online.
        rf"(?:je|j'|on|jvais|j'vais|nous|je vais|on va)\s(?:\w+\s){{0,3}}?(?:te|t'|vous|le|la|les"
        rf"|l')\s?(?:{_FR_VIOLENCE})(?![^.!?\n]{{0,30}}(?:internet|avis|google|reseaux|commentaire|note))",
        rf"(?:i'?ll|i will|i'm going to|i am going to|i'?m gonna|gonna|we'?ll|we will|we are going to|i'?d"
        rf"|i want to|i could)\s(?:\w+\s){{0,2}}?(?:{_EN_VIOLENCE})\s(?:you|u|him|her|them|that|this|the"
        rf"|your|every)\b",
        rf"(?:ich|wir)\s(?:\w+\s){{0,4}}?(?:dich|euch|ihn|sie)\s(?:\w+\s){{0,3}}?(?:{_DE_VIOLENCE})",
        r"(?:ich|wir) (?:bring|mach|stech|knall)\w* (?:dich|euch|ihn|sie) (?:\w+ )?(?:um|tot|ab|kalt|nieder)",
    ),
    rule(
        "threat.violent_intent",
        0.8,
        # "I'll kill ..." with any target except the speaker, time or a thing that only means effort.
        rf"{_FR_INTENT} (?:\w+ ){{0,3}}?(?:{_FR_ACT})(?! (?:le temps|moi|de rire))",
        rf"{_EN_INTENT} (?:\w+ ){{0,3}}?(?:{_EN_VIOLENCE})(?! (?:me|myself|time|it|the (?:pain|time)))\b",
        rf"{_DE_INTENT} (?:\w+ ){{0,5}}?(?:{_DE_ACT})",
        r"(?:mort|tod) (?:a|aux|allen|den) \w+",
    ),
    rule(
        "threat.harm_to_premises",
        0.85,
        rf"(?:brul|incendi|cram|faire sauter|exploser|saccag|casser)\w* (?:\w+ ){{0,2}}(?:ton|votre|le|la"
        rf"|ce|cette|leur) (?:{_PREMISES_FR})",
        rf"mettre le feu (?:a|au|a la) (?:ton |votre |ce |cette |leur )?(?:{_PREMISES_FR})",
        rf"(?:burn|blow up|torch|smash|trash|wreck|shoot up)\w*(?: down)? (?:your|the|this|that"
        rf"|their) (?:\w+ )?(?:{_PREMISES_EN})(?: down)?",
        rf"(?:zund|brenn|fackel|spreng)\w* (?:\w+ ){{0,3}}(?:{_PREMISES_DE}) (?:\w+ )?(?:an|ab|nieder"
        rf"|in die luft)",
        rf"(?:{_PREMISES_DE}) (?:\w+ ){{0,3}}(?:anzunden|abfackeln|in die luft jagen|in die luft sprengen"
        rf"|abbrennen|kurz und klein)",
    ),
    rule(
        "threat.stalking",
        0.7,
        r"je sais (?:ou|où) (?:tu (?:habites|vis|te gares)|vous (?:habitez|vivez))",
        r"i know where (?:you|u) (?:live|park|sleep)",
        r"ich wei(?:ss|ß) wo (?:du wohnst|sie wohnen|dein auto)",
        r"watch your back",
        r"surveille tes arrieres",
        r"pass (?:bloß|bloss|blo(?:ss|ß)) auf",
    ),
    rule(
        "threat.deserves_harm",
        0.7,
        r"(?:merite|meriterait|meritent|faudrait|faut) (?:\w+ ){0,2}(?:d'etre |de se faire )?(?:pendu"
        r"|pendre|fusill\w*|abatt\w*|tue|buter|brule|lyncher|egorg\w*)",
        r"(?:should|deserves? to|ought to|needs to) (?:\w+ ){0,2}(?:be )?(?:shot|hanged|hung|killed|die"
        r"|burned|lynched|beaten)",
        r"(?:gehort|gehoren|sollte man|sollten|mu(?:ss|ß) man|verdient es)\w* (?:\w+ ){0,3}(?:erschossen"
        r"|aufgehangt|vergast|umgebracht|erschlagen|getotet|verbrannt|erschie(?:ss|ß)en|aufhangen|vergasen)",
        r"should have (?:burned|gassed|killed|shot)",
        rf"(?:devrai(?:en)?t|faudrait|on devrait|doivent) (?:\w+ ){{0,3}}(?:etre )?(?:tue|tues|abattu"
        rf"|abattus|pendu|pendus|brule|brules|egorge|egorges|poignard\w*|{_FR_ACT})",
        rf"(?:quelqu'un|someone|somebody|jemand) (?:devrait|pourrait|should|could|sollte"
        rf"|konnte) (?:\w+ ){{0,3}}(?:{_FR_ACT}|{_EN_VIOLENCE}|{_DE_ACT})",
        rf"(?:sollte|sollten|musste|mussten) (?:\w+ ){{0,4}}(?:umgebracht|erschossen|erhangt|vergast"
        rf"|getotet|verbrannt|abgestochen|{_DE_ACT})",
        r"(?:gehort|gehoren) (?:\w+ ){0,3}(?:auf den scheiterhaufen|an die wand|aufgehangt|erschossen)",
    ),
    rule(
        "threat.intimidation",
        0.5,
        r"tu vas (?:le )?(?:regretter|payer|mourir|crever|voir ce que)",
        r"vous (?:allez|aller) (?:le )?(?:regretter|payer cher|mourir)",
        r"gare a (?:toi|vous)",
        r"(?:ca|cela) va (?:tres )?mal (?:finir|se terminer) pour (?:toi|vous)",
        r"(?:you'?ll|you will|you are going to|you're going to|you're gonna) (?:\w+ )?(?:regret"
        r"|pay for) (?:this|it)",
        r"(?:you'?re|you are) (?:a )?dead(?: man| meat)?\b",
        r"(?:du|sie) (?:wirst|werden) (?:es|das) (?:noch )?(?:bereuen|bu(?:ss|ß)en)",
        r"(?:du bist|sie sind) (?:ein )?(?:tot|toter mann)",
    ),
)
