"""Threats of violence or harm to people or premises, in French, English and German.

Patterns need a speaker and a target ("je vais te ...", "I'll ... you"), so pain that "kills me" and
reputational threats ("je vous défonce sur internet") do not count. They run on folded text.
"""

from services.scoring.engine.rules import Rule, rule

_FR_VIOLENCE = (
    r"tu(?:er|erai|e|erais)|but(?:er|erai|e)|crev(?:er|erai)|flingu\w*|egorg\w*|assassin\w*|defonc\w*|frapp\w*|cogn\w*"
    r"|tabass\w*|casser la (?:gueule|figure|tete)|peter la (?:gueule|tete)|eclat\w*|plant\w*|massacr\w*|saign\w*|brul\w*"
)
_EN_VIOLENCE = r"kill|shoot|stab|hurt|beat(?: up)?|punch|murder|strangle|slap|attack|smash|strangle|choke|cut"
_DE_VIOLENCE = (
    r"umbringen|umbring\w*|toten|abstechen|abknallen|erschie(?:ss|ß)en|erschlagen|zusammenschlagen|verprugeln"
    r"|fertigmachen|kaltmachen|schlagen|aufschlitzen|abschlachten"
)
_PREMISES_FR = r"cabinet|clinique|agence|magasin|boutique|maison|voiture|local|batiment|bureau|hopital"
_PREMISES_EN = r"office|practice|clinic|place|house|car|building|shop|store"
_PREMISES_DE = r"praxis|laden|haus|buro|auto|klinik|gebaude|geschaft"

THREAT_RULES: tuple[Rule, ...] = (
    rule(
        "threat.violence_to_person", 0.85,
        # Negative lookahead: "défoncer" and "descendre" also mean trashing someone online.
        rf"(?:je|j'|on|jvais|j'vais|nous|je vais|on va)\s(?:\w+\s){{0,3}}?(?:te|t'|vous|le|la|les|l')\s?(?:{_FR_VIOLENCE})(?![^.!?\n]{{0,30}}(?:internet|avis|google|reseaux|commentaire|note))",
        rf"(?:i'?ll|i will|i'm going to|i am going to|i'?m gonna|gonna|we'?ll|we will|we are going to|i'?d|i want to|i could)\s(?:\w+\s){{0,2}}?(?:{_EN_VIOLENCE})\s(?:you|u|him|her|them|that|this|the|your|every)\b",
        rf"(?:ich|wir)\s(?:\w+\s){{0,4}}?(?:dich|euch|ihn|sie)\s(?:\w+\s){{0,3}}?(?:{_DE_VIOLENCE})",
        r"(?:ich|wir) (?:bring|mach|stech|knall)\w* (?:dich|euch|ihn|sie) (?:\w+ )?(?:um|tot|ab|kalt|nieder)",
    ),
    rule(
        "threat.harm_to_premises", 0.85,
        rf"(?:brul|incendi|cram|faire sauter|exploser|saccag|casser)\w* (?:\w+ ){{0,2}}(?:ton|votre|le|la|ce|cette|leur) (?:{_PREMISES_FR})",
        rf"mettre le feu (?:a|au|a la) (?:ton |votre |ce |cette |leur )?(?:{_PREMISES_FR})",
        rf"(?:burn|blow up|torch|smash|trash|wreck|shoot up)\w*(?: down)? (?:your|the|this|that|their) (?:\w+ )?(?:{_PREMISES_EN})(?: down)?",
        rf"(?:zund|brenn|fackel|spreng)\w* (?:\w+ ){{0,3}}(?:{_PREMISES_DE}) (?:\w+ )?(?:an|ab|nieder|in die luft)",
        rf"(?:{_PREMISES_DE}) (?:\w+ ){{0,3}}(?:anzunden|abfackeln|in die luft jagen|in die luft sprengen|abbrennen|kurz und klein)",
    ),
    rule(
        "threat.stalking", 0.7,
        r"je sais (?:ou|où) (?:tu (?:habites|vis|te gares)|vous (?:habitez|vivez))", r"i know where (?:you|u) (?:live|park|sleep)",
        r"ich wei(?:ss|ß) wo (?:du wohnst|sie wohnen|dein auto)", r"watch your back", r"surveille tes arrieres",
        r"pass (?:bloß|bloss|blo(?:ss|ß)) auf",
    ),
    rule(
        "threat.deserves_harm", 0.7,
        r"(?:merite|meriterait|meritent|faudrait|faut) (?:\w+ ){0,2}(?:d'etre |de se faire )?(?:pendu|pendre|fusill\w*|abatt\w*|tue|buter|brule|lyncher|egorg\w*)",
        r"(?:should|deserves? to|ought to|needs to) (?:\w+ ){0,2}(?:be )?(?:shot|hanged|hung|killed|die|burned|lynched|beaten)",
        r"(?:gehort|gehoren|sollte man|sollten|mu(?:ss|ß) man|verdient es)\w* (?:\w+ ){0,3}(?:erschossen|aufgehangt|vergast|umgebracht|erschlagen|getotet|verbrannt|erschie(?:ss|ß)en|aufhangen|vergasen)",
        r"should have (?:burned|gassed|killed|shot)",
    ),
    rule(
        "threat.intimidation", 0.5,
        r"tu vas (?:le )?(?:regretter|payer|mourir|crever|voir ce que)", r"vous (?:allez|aller) (?:le )?(?:regretter|payer cher|mourir)",
        r"gare a (?:toi|vous)", r"(?:ca|cela) va (?:tres )?mal (?:finir|se terminer) pour (?:toi|vous)",
        r"(?:you'?ll|you will|you are going to|you're going to|you're gonna) (?:\w+ )?(?:regret|pay for) (?:this|it)",
        r"(?:you'?re|you are) (?:a )?dead(?: man| meat)?\b", r"(?:du|sie) (?:wirst|werden) (?:es|das) (?:noch )?(?:bereuen|bu(?:ss|ß)en)",
        r"(?:du bist|sie sind) (?:ein )?(?:tot|toter mann)",
    ),
)
