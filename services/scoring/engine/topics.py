"""Topics of a review from the fixed Topic list, by keyword, in French, English and German (folded text)."""

import re

from contracts.risk import Topic
from services.scoring.engine.rules import words

_TOPIC_PATTERNS: dict[Topic, re.Pattern[str]] = {
    Topic.WAIT_TIME: re.compile(words(
        r"attente", r"attendu\w*", r"attendre", r"retard\w*", r"salle d'attente", r"wait\w*", r"late", r"delay\w*",
        r"waiting room", r"warte\w*", r"wartezeit", r"verspat\w*", r"\d+ (?:minutes|min|heures?|hours?|stunden?) (?:d'attente|of waiting|gewartet|warten)",
    )),
    Topic.FEES_BILLING: re.compile(words(
        r"prix", r"tarifs?", r"factur\w*", r"honoraires?", r"depassements?", r"cher", r"chere", r"paye\w*", r"rembours\w*",
        r"mutuelle", r"price\w*", r"bill\w*", r"fees?", r"expensive", r"charged?", r"insurance", r"cost\w*", r"refund\w*",
        r"preis\w*", r"rechnung\w*", r"kosten", r"teuer", r"bezahl\w*", r"krankenkasse", r"igel", r"privat\w* abgerechnet",
        r"\d+ ?(?:€|euros?|chf|\$)",
    )),
    Topic.CARE_QUALITY_PAIN: re.compile(words(
        r"soins?", r"traitement", r"douleur\w*", r"mal", r"diagnosti\w*", r"dent\w*", r"operation", r"care",
        r"treatment", r"pain\w*", r"hurt\w*", r"diagnos\w*", r"tooth", r"teeth", r"surgery", r"procedure",
        r"behandlung\w*", r"schmerz\w*", r"diagnose\w*", r"zahn\w*", r"zahne", r"therapie", r"untersuch\w*",
    )),
    Topic.STAFF_ATTITUDE: re.compile(words(
        r"accueil", r"secretaire\w*", r"aimable", r"desagreable", r"gentil\w*", r"mepris\w*", r"hautain\w*", r"poli\w*",
        r"impoli\w*", r"rude", r"friendly", r"unfriendly", r"staff", r"receptionist\w*", r"attitude", r"arrogant\w*",
        r"dismissive", r"polite", r"kind", r"freundlich\w*", r"unfreundlich\w*", r"arzthelfer\w*",
        r"empfang", r"sprechstundenhilfe\w*", r"arrogant",
    )),
    Topic.HYGIENE: re.compile(words(
        r"hygiene", r"propre\w*", r"sale", r"salete", r"sterilis\w*", r"gants", r"clean\w*", r"dirty", r"filthy",
        r"unsanitary", r"gloves", r"sauber\w*", r"dreckig\w*", r"schmutzig\w*", r"handschuhe",
    )),
    Topic.APPOINTMENT_ACCESS: re.compile(words(
        r"rendez-vous", r"rdv", r"doctolib", r"creneau\w*", r"joindre", r"telephone", r"disponib\w*", r"appointment\w*",
        r"booking", r"book", r"schedul\w*", r"phone", r"reach", r"termin\w*", r"erreichbar\w*", r"telefon\w*",
        r"sprechzeit\w*", r"neue patienten",
    )),
    Topic.COMMUNICATION: re.compile(words(
        r"explique\w*", r"explication\w*", r"ecoute\w*", r"information\w*", r"repond\w*", r"reponse", r"explain\w*",
        r"listen\w*", r"communicat\w*", r"answer\w*", r"informed", r"erklar\w*", r"zugehort", r"zuhor\w*",
        r"kommunikation", r"aufgeklart", r"informiert", r"gesprach",
    )),
}


def detect_topics(folded: str) -> list[Topic]:
    return [topic for topic, pattern in _TOPIC_PATTERNS.items() if pattern.search(folded)]
