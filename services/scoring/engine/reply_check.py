"""Medical-secrecy check of a practitioner's public reply (the reply_breach check).

A reply breaches secrecy when it confirms that the author is a patient or adds care details: treatment,
tooth, diagnosis, dates or visit counts. A sentence that only refers back to what the author wrote
("as you describe", "wie Sie schreiben") is exempt. Patterns run on folded text.
"""

import re

from contracts.risk import ReplyCheck, ReplyFinding
from services.scoring.engine.normalise import fold
from services.scoring.engine.rules import Hit, Rule, noisy_or, rule, run_rules
from services.scoring.engine.sentences import Boundaries
from services.scoring.engine.version import SCORER_VERSION

_MONTHS = (
    r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january"
    r"|february|march|april|may|june|"
    r"july|august|september|october|november|december|januar|februar|marz|juni|juli|oktober|dezember"
)
_CARE_NOUN = (
    r"visite|consultation|rendez-vous|rdv|traitement|soins?|intervention|operation|extraction|dossier|appointment"
    r"|visit|treatment|procedure|surgery|exam|examination|behandlung|termin|besuch|untersuchung|eingriff|akte"
    r"|diagnose|befund"
)

REPLY_RULES: tuple[Rule, ...] = (
    rule(
        "reply.confirms_patient",
        0.55,
        rf"(?:votre|ta|ton|vos|your|ihre?[mnrs]?|deine?[mnrs]?) (?:\w+ )?(?:{_CARE_NOUN})",
        r"(?:vous|tu) (?:etes|es|avez ete|as ete) (?:\w+ )?(?:venu|venue|vu|vue|suivi|suivie|soigne"
        r"|soignee|opere|operee|recu|recue)",
        r"(?:il|elle) (?:est|etait) (?:\w+ )?(?:venu|venue) (?:\w+ ){0,3}(?:cabinet|consultation"
        r"|rendez-vous|urgence)",
        r"you (?:came|were seen|visited|were treated|were here|were examined|have been (?:a|our) patient)",
        r"(?:he|she) (?:only )?(?:came|visited|was seen|was treated) (?:\w+ ){0,3}(?:practice|office"
        r"|clinic|appointment|occasions?)",
        r"(?:sie|du|er) (?:waren|warst|war|kamen|kamst|kam) (?:\w+ ){0,4}(?:bei uns|in unserer praxis"
        r"|in behandlung|zur behandlung|in meiner praxis)",
        r"(?:as|en tant que|als) (?:votre |your |ihr |ihre |dein )?(?:dentiste|medecin|docteur|dentist"
        r"|doctor|physician|zahnarzt|arzt|arztin)",
        r"(?:notre|our|unser\w*) (?:ancien\w* |former |ehemalig\w* )?(?:patient|patiente|patientin)",
        r"(?:emergency patient|patient d'urgence|notfallpatient\w*)",
    ),
    rule(
        "reply.care_detail",
        0.55,
        r"couronne\w*",
        r"implant\w*",
        r"extraction\w*",
        r"carie\w*",
        r"devitalis\w*",
        r"detartrage",
        r"plombage\w*",
        r"bridge",
        r"prothese\w*",
        r"orthodont\w*",
        r"radio(?:graphie)?s?",
        r"panoramique",
        r"ordonnance\w*",
        r"antibiot\w*",
        r"anesthesi\w*",
        r"diagnosti\w*",
        r"infection\w*",
        r"biopsie\w*",
        r"crowns?",
        r"fillings?",
        r"root canals?",
        r"cavit(?:y|ies)",
        r"x-rays?",
        r"prescri\w*",
        r"diagnos\w*",
        r"biops\w*",
        r"treatment plans?",
        r"quadrant",
        r"wisdom tooth",
        r"molars?",
        r"kronen?",
        r"fullung\w*",
        r"wurzelbehandlung\w*",
        r"zahn \d+",
        r"zahne?",
        r"implantat\w*",
        r"rontgen\w*",
        r"rezept\w*",
        r"infektion\w*",
        r"entzundung\w*",
        r"befund\w*",
        r"(?:\w+)?infektion",
        r"(?:dent|tooth|zahn)s? (?:n°|no\.?|number|nr\.?)? ?\d{1,2}",
    ),
    rule(
        "reply.care_date",
        0.45,
        rf"(?:le|on|am|du|since|depuis|seit|in|en|im|last|dernier) (?:\d{{1,2}}(?:er"
        rf"|\.)? )?(?:{_MONTHS})(?: \d{{4}})?",
        r"(?:le|on|am) \d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?",
        r"(?:same day|le jour meme|am selben tag|le meme jour)",
    ),
    rule(
        "reply.visit_count",
        0.45,
        r"(?:two|three|four|five|several|\d+) (?:occasions|times|visits|appointments)",
        r"(?:deux|trois|quatre|cinq|plusieurs|\d+) (?:fois|reprises|visites|consultations|rendez-vous)",
        r"(?:zwei|drei|vier|funf|mehrere|\d+) ?(?:mal|besuche|termine|behandlungen)",
    ),
)
_REFERS_TO_AUTHOR = re.compile(
    r"(?<!\w)(?:comme vous (?:le )?(?:mentionnez|decrivez|ecrivez|dites|indiquez)|selon votre (?:avis"
    r"|message|commentaire)|"
    r"d'apres votre (?:avis|message)|vous (?:mentionnez|decrivez|evoquez|ecrivez)|as you (?:describe"
    r"|mention|wrote|write|say|said)|"
    r"you (?:mention|describe|wrote|write)|your review (?:says|mentions|describes)|wie sie (?:schreiben"
    r"|beschreiben|erwahnen|schildern)|"
    r"sie (?:schreiben|beschreiben|erwahnen|schildern))(?!\w)"
)
_REASONS = {
    "reply.confirms_patient": "confirms that the author is a patient",
    "reply.care_detail": "names a treatment, tooth or diagnosis",
    "reply.care_date": "gives a date of care",
    "reply.visit_count": "counts the author's visits",
}
# A reply scoring this or more breaches medical secrecy.
BREACH_THRESHOLD = 0.5


def check_reply(text: str, language: str | None = None) -> ReplyCheck:
    """Check a practitioner's reply for medical-secrecy breaches.

    `language` is accepted for symmetry with TextScorer.score; the patterns cover fr, en and de at once.
    """
    folded = fold(text)
    hits = _unreferenced(run_rules(REPLY_RULES, folded), folded)
    score = noisy_or(hits)
    findings = [
        ReplyFinding(
            rule=hit.rule,
            start=hit.start,
            end=hit.end,
            text=text[hit.start : hit.end],
            reason=_REASONS[hit.rule],
        )
        for hit in hits
        if hit.start is not None and hit.end is not None
    ]
    return ReplyCheck(
        scorer_version=SCORER_VERSION, reply_breach=score >= BREACH_THRESHOLD, score=score, findings=findings
    )


def _unreferenced(hits: list[Hit], folded: str) -> list[Hit]:
    # Drop hits in sentences that only repeat what the author wrote.
    referring = [match.start() for match in _REFERS_TO_AUTHOR.finditer(folded)]
    if not referring:
        return hits
    boundaries = Boundaries(folded)
    sentences = {boundaries.sentence_of(offset, len(folded)) for offset in referring}
    return [
        hit
        for hit in hits
        if hit.start is None or boundaries.sentence_of(hit.start, len(folded)) not in sentences
    ]
