"""Insults and slurs aimed at a person. Swearing about a situation ("what a mess", "merde") is not listed.

Words that are insults on their own get full weight. Weaker words (idiot, clown) count only when aimed:
after "you are", "quel", "ce", "du bist" and the like. Patterns run on folded text.
"""

from services.scoring.engine.rules import Rule, rule

_WEAK = (
    r"idiot\w*|stupid\w*|dumb|fool|clown|loser|jerk|con|conne|cons|guignol|bouffon|incapable|debile|ordure"
    r"|pourriture"
    r"|depp|trottel|versager|witzfigur|pfeife|asozial\w*|blod\w*|dumm\w*"
)

INSULT_RULES: tuple[Rule, ...] = (
    rule(
        "insult.slur",
        0.85,
        r"negres?",
        r"bougnoules?",
        r"youpins?",
        r"pd",
        r"pedes?",
        r"tapettes?",
        r"gouines?",
        r"sale (?:arabe|noir|juif|negre|pd|race)",
        r"nigg(?:er|a)s?",
        r"faggots?",
        r"fags?",
        r"kikes?",
        r"spics?",
        r"chinks?",
        r"trann(?:y|ies)",
        r"dykes?",
        r"kanaken?",
        r"neger",
        r"schwuchtel\w*",
        r"zigeuner\w*",
    ),
    rule(
        "insult.abusive_word",
        0.75,
        # fr
        r"connard\w*",
        r"conn?asse\w*",
        r"salope\w*",
        r"salopard\w*",
        r"salaud\w*",
        r"encule\w*",
        r"enfoire\w*",
        r"batard\w*",
        r"abruti\w*",
        r"cretin\w*",
        r"imbecile\w*",
        r"trou du cul",
        r"tocard\w*",
        r"pouffiasse\w*",
        r"petasse\w*",
        r"raclures?",
        r"fils de pute",
        r"fdp",
        r"nique (?:ta|sa|votre) mere",
        r"ntm",
        r"gros porc",
        r"pauvre (?:con|conne|type|tache|cloche|mec|fille)",
        r"quelle? (?:con|conne|connerie d'\w+)",
        r"sale (?:con|type|bete|vache|chien|gueule)",
        # en
        r"assholes?",
        r"arseholes?",
        r"bitch\w*",
        r"bastards?",
        r"cunts?",
        r"dickheads?",
        r"pricks?",
        r"motherfuck\w*",
        r"scumbags?",
        r"scum",
        r"morons?",
        r"imbeciles?",
        r"retarded",
        r"douche(?:bag)?s?",
        r"jackass\w*",
        r"dumbass\w*",
        r"piece of (?:shit|crap|garbage|trash)",
        r"son of a bitch",
        r"twats?",
        r"wankers?",
        r"shitheads?",
        r"dipshits?",
        # de
        r"arschloch",
        r"arschlocher",
        r"wichser\w*",
        r"hurensohn\w*",
        r"huren?",
        r"schlampe\w*",
        r"fotze\w*",
        r"missgeburt\w*",
        r"spast\w*",
        r"drecksau\w*",
        r"dreckschwein\w*",
        r"vollidiot\w*",
        r"volltrottel\w*",
        r"penner\w*",
        r"pisser\w*",
        r"schei(?:ss|ß)kerl\w*",
        r"mistkerl\w*",
        r"miststuck\w*",
        r"dummkopf\w*",
        r"(?:blode|dumme) (?:kuh|sau|gans|ziege)",
        r"hackfresse\w*",
    ),
    rule(
        "insult.aimed_weak_word",
        0.6,
        rf"(?:you|you're|you are|ur|u r|what an?|such an?|this|that|those|these) (?:\w+ )?(?:{_WEAK})s?",
        rf"(?:t'es|tu es|vous etes|quel|quelle|quels|quelles|ce|cette|ces|c'est un|c'est une|espece d'"
        rf"|bande d') (?:\w+ )?(?:{_WEAK})s?",
        rf"(?:du bist|sie sind|ihr seid|so ein|so eine|was fur ein|was fur eine|dieser|diese"
        rf"|dieses) (?:\w+ )?(?:{_WEAK})\w*",
    ),
)
