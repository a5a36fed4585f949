"""Off-topic texts: advertising, links, investment spam, and reviews written for another business.

Patterns run on folded text.
"""

from services.scoring.engine.rules import Rule, rule

OFF_TOPIC_RULES: tuple[Rule, ...] = (
    rule("off_topic.link", 0.35, r"https?://\S+", r"www\.\S+"),
    rule(
        "off_topic.advertising",
        0.55,
        r"code promo",
        r"promo code",
        r"discount code",
        r"gutscheincode",
        r"rabattcode",
        r"abonnez-vous",
        r"subscribe to my",
        r"follow (?:me|us) on",
        r"check out my",
        r"visit (?:my|our) (?:website|channel|page)",
        r"visitez (?:mon|notre) site",
        r"besuchen sie (?:meine|unsere) (?:seite|website)",
        r"whatsapp (?:me|moi)",
        r"dm (?:me|for)",
    ),
    rule(
        "off_topic.investment_spam",
        0.6,
        r"(?:invest\w*|trading|forex|crypto\w*) (?:\w+ ){0,4}(?:profit|returns?|gains?|rendement|gewinn)\w*",
        r"(?:earn|make|gagne[rz]?|verdiene?n?) (?:\w+ ){0,3}\d+ ?(?:€|\$|euros?|dollars?) (?:a|per|par"
        r"|pro) (?:day|week|jour|semaine|tag|woche)",
    ),
    rule(
        "off_topic.wrong_business",
        0.55,
        r"(?:wrong|not the right) (?:business|place|doctor|page)",
        r"(?:mauvais|pas le bon) (?:cabinet|etablissement|medecin|endroit|page)",
        r"(?:falsche|nicht die richtige) (?:praxis|seite|firma)",
        r"(?:meant|intended) to (?:review|post) (?:\w+ ){0,3}(?:another|a different)",
    ),
)
