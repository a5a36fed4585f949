"""Personal data: phone numbers, emails, street addresses, full names of private persons, and health details
about someone other than the author.

Contact and name patterns run on the original text, because capital letters mark names; health patterns
run on folded text. Practitioners named with "Dr" are public in their role and are not flagged.
"""

import re

from services.scoring.engine.rules import Hit, Rule, rule, run_rules

_PHONE = re.compile(
    r"(?<![\w+])(?:"
    # international
    r"(?:\+|00)(?:33|41|49|43|32|352|1|44)[\s.\-/]?(?:\(0\)\s?)?\d{1,4}(?:[\s.\-/]?\d{2,4}){2,4}"
    r"|0[1-9](?:[\s.\-]?\d{2}){4}"  # France: 01 23 45 67 89
    r"|0\d{2}[\s.]\d{3}[\s.]\d{2}[\s.]\d{2}"  # Switzerland: 021 123 45 67
    r"|0\d{2,4}[\s/\-]\d{5,8}"  # Germany: 0221 1234567
    r"|\(\d{3}\)\s?\d{3}[\s.\-]\d{4}|\d{3}[.\-]\d{3}[.\-]\d{4}"  # North America
    r")(?![\w])"
)
_EMAIL = re.compile(r"(?<![\w.])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-zA-Z]{2,}(?!\w)")
_ADDRESS = re.compile(
    r"\b\d{1,4}(?:\s?(?:bis|ter|[a-d]))?,?\s(?:rue|avenue|av\.|bd|boulevard|chemin|ch\.|route|rte|place"
    r"|allée|allee|impasse|quai|cours)\s"
    r"(?:de\s|du\s|des\s|d'|la\s|le\s|l')?[A-ZÉÈ][\w\-]+"
    r"|\b[A-ZÄÖÜ][a-zäöüß]+(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|ring|damm)\s\d{1,4}[a-z]?\b"
    r"|\b\d{1,5}\s(?:[A-Z][a-z]+\s){1,3}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Lane|Ln\."
    r"|Drive)(?!\w)"
)
_TITLE = r"(?:Madame|Monsieur|Mme\.?|Mlle\.?|M\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Herr|Frau|Herrn)"
_NAME = r"[A-ZÉÈÄÖÜ][a-zéèêëïîôöüäç]+(?:-[A-ZÉÈ][a-zéèêëïîôöüäç]+)?"
_FULL_NAME = re.compile(
    rf"(?<!\w){_TITLE}\s(?!(?:Dr|Doktor|Docteur|Doctor|Prof|Professor)\b){_NAME}\s(?:{_NAME}|[A-ZÄÖÜ]{{2,}})(?!\w)"
)

_RELATIVE = (
    r"(?:ma|mon|sa|son|notre|leur|my|his|her|our|their|meine?[mnrs]?|seine?[mnrs]?|ihre?[mnrs]?"
    r"|unsere?[mnrs]?) "
    r"(?:\w+ )?(?:mere|pere|fils|fille|femme|mari|epou\w+|soeur|frere|enfant|bebe|voisin\w*|collegue"
    r"|grand-\w+|conjoint\w*|"
    r"mother|father|son|daughter|wife|husband|sister|brother|child|baby|neighbou?r|colleague|partner|mum"
    r"|mom|dad|"
    r"mutter|vater|sohn|tochter|frau|mann|schwester|bruder|kind|nachbar\w*|kolleg\w*)"
)
_CONDITION = (
    r"cancer|diabet\w*|vih|sida|hiv|aids|depressi\w*|alzheimer|schizophren\w*|bipolaire|bipolar|avort\w*"
    r"|abortion|"
    r"enceinte|pregnant|schwanger|fausse couche|miscarriage|fehlgeburt|seropositi\w*|tumeur|tumou?r|tumor"
    r"|leucemie|leuka?emia|"
    r"epilep\w*|autis\w*|chimio\w*|chemo\w*|dialys\w*|avc|stroke|schlaganfall|infarctus|heart attack"
    r"|herzinfarkt|parkinson|"
    r"sclerose|sclerosis|krebs|demenz|dementia|demence|psychos\w*|suicid\w*|suizid\w*|addiction|sucht"
    r"|alcoolique|alcoholic"
)
_OTHERS_HEALTH = re.compile(rf"(?<!\w){_RELATIVE}(?!\w)[^.!?\n]{{0,70}}?(?<!\w)(?:{_CONDITION})(?!\w)")
_PATIENT_HEALTH: Rule = rule(
    "personal_data.patient_health",
    0.6,
    rf"(?:le patient|la patiente|the patient|der patient|die patientin) (?:\w+ ){{0,4}}(?:a|has|had|hat"
    rf"|avait|souffre de|suffers from|leidet an) (?:\w+ ){{0,2}}(?:{_CONDITION})",
)

_WEIGHTS = {"phone": 0.7, "email": 0.7, "address": 0.6, "full_name": 0.55, "others_health": 0.6}


def personal_data_hits(text: str, folded: str) -> list[Hit]:
    hits = _pattern_hits("personal_data.phone", _PHONE, text)
    hits += _pattern_hits("personal_data.email", _EMAIL, text)
    hits += _pattern_hits("personal_data.address", _ADDRESS, text)
    hits += _pattern_hits("personal_data.full_name", _FULL_NAME, text)
    hits += _pattern_hits("personal_data.others_health", _OTHERS_HEALTH, folded)
    hits += run_rules([_PATIENT_HEALTH], folded)
    return hits


def _pattern_hits(name: str, pattern: re.Pattern[str], text: str) -> list[Hit]:
    weight = _WEIGHTS[name.split(".", 1)[1]]
    return [Hit(name, weight, match.start(), match.end()) for match in pattern.finditer(text)][:3]
