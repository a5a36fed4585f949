"""Neutral public replies, by category and language.

Each text states that professional secrecy forbids commenting on any individual situation, and none
says or implies that the author was ever seen at the practice or names any kind of care. Tests run
every text through the scorer's reply check.
"""

DRAFTS: dict[str, dict[str, list[str]]] = {
    "criticism": {
        "fr": [
            "Bonjour, nous avons pris connaissance de ce message. Tenu au secret professionnel, le cabinet ne "
            "peut commenter aucune situation individuelle, ni confirmer ou infirmer qu'une personne le "
            "connaît. Pour toute question, le secrétariat reste joignable par téléphone. Cordialement, le cabinet.",
            "Bonjour, merci d'avoir pris le temps d'écrire. Le secret professionnel nous interdit de répondre "
            "publiquement sur une situation particulière. Le secrétariat peut être contacté directement pour "
            "en parler. Cordialement, le cabinet.",
        ],
        "en": [
            "Hello, we have read this message. Professional secrecy prevents the practice from commenting on "
            "any individual situation, or from confirming or denying that anyone is known to it. Our front "
            "desk can be reached by phone for any question. Kind regards, the practice.",
            "Hello, thank you for taking the time to write. Professional secrecy does not allow us to discuss "
            "a particular situation in public. Please contact our front desk directly to talk about it. "
            "Kind regards, the practice.",
        ],
        "de": [
            "Guten Tag, wir haben diese Nachricht gelesen. Die berufliche Schweigepflicht erlaubt der Praxis "
            "nicht, sich zu einzelnen Situationen zu äussern oder zu bestätigen, dass ihr jemand bekannt ist. "
            "Das Sekretariat ist für Fragen telefonisch erreichbar. Freundliche Grüsse, die Praxis.",
            "Guten Tag, danke, dass Sie sich die Zeit zum Schreiben genommen haben. Wegen der beruflichen "
            "Schweigepflicht können wir uns öffentlich nicht zu einer bestimmten Situation äussern. Bitte "
            "wenden Sie sich direkt an das Sekretariat. Freundliche Grüsse, die Praxis.",
        ],
    },
    "fees": {
        "fr": [
            "Bonjour, les honoraires pratiqués sont affichés au cabinet comme la réglementation l'exige, et "
            "le secrétariat répond volontiers à toute question à leur sujet. Le secret professionnel nous "
            "interdit de commenter ici une situation individuelle. Cordialement, le cabinet.",
        ],
        "en": [
            "Hello, the fees charged are displayed at the practice as the regulations require, and our front "
            "desk is glad to answer any question about them. Professional secrecy does not allow us to "
            "comment on an individual situation here. Kind regards, the practice.",
        ],
        "de": [
            "Guten Tag, die Honorare sind in der Praxis wie vorgeschrieben ausgehängt, und das Sekretariat "
            "beantwortet gern alle Fragen dazu. Die berufliche Schweigepflicht erlaubt uns nicht, uns hier zu "
            "einer einzelnen Situation zu äussern. Freundliche Grüsse, die Praxis.",
        ],
    },
    "defamation": {
        "fr": [
            "Bonjour, ce message contient des affirmations que le cabinet conteste. Tenu au secret "
            "professionnel, le cabinet ne commentera aucune situation individuelle en ligne et se réserve "
            "d'engager les démarches prévues par la loi. Cordialement, le cabinet.",
        ],
        "en": [
            "Hello, this message contains statements that the practice disputes. Bound by professional "
            "secrecy, the practice will not comment on any individual situation online and reserves the "
            "right to take the steps the law provides. Kind regards, the practice.",
        ],
        "de": [
            "Guten Tag, diese Nachricht enthält Behauptungen, welche die Praxis bestreitet. An die berufliche "
            "Schweigepflicht gebunden, äussert sich die Praxis online zu keiner einzelnen Situation und "
            "behält sich die gesetzlich vorgesehenen Schritte vor. Freundliche Grüsse, die Praxis.",
        ],
    },
    # Replying to blackmail shows the author that the pressure works and risks a secrecy breach, so
    # extortion gets no draft, only the recommendation not to reply.
    "extortion": {"fr": [], "en": [], "de": []},
}
