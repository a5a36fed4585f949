"""Markers of scam-crew messages: a review attack sold as a job, proof reviews, payment requests, deadlines.

One marker is weak evidence and two flag, because crews often name no price and no single sentence of
theirs is a demand. Patterns run on folded text (see normalise.fold).
"""

from services.scoring.engine.rules import Rule, rule

SCAM_RULES: tuple[Rule, ...] = (
    rule(
        "extortion.scam_commissioned",
        0.55,
        r"(?:paid|hired|ordered|asked|contracted|commissioned) (?:us|me) to (?:\w+ ){0,2}(?:write|post"
        r"|leave|destroy|ruin|attack)",
        r"(?:a |one of your |your )?competitors? (?:\w+ ){0,2}(?:paid|hired|ordered|contracted)",
        r"we (?:have been|'ve been|were|got) (?:paid|hired|ordered|contracted)",
        r"(?:someone|somebody|a client|the client|a customer|quelqu'un|un client|le client|jemand|ein kunde"
        r"|der kunde) (?:\w+ ){0,2}(?:paid|hired|ordered|commissioned|paye|commande|bezahlt|bestellt"
        r"|beauftragt)",
        r"nous (?:a|ont) (?:payes?|engages?|mandates?) pour",
        r"(?:nous|on nous) a (?:charges?|mandates?) de",
        r"(?:was|were|been|got) paid to (?:\w+ ){0,2}(?:post|write|leave)",
        r"on nous a commande \d+",
        r"(?:someone|somebody|a client|a customer|quelqu'un|un client|jemand|ein kunde) (?:has |a |hat )?"
        r"(?:ordered|paid for|commissioned|commande|bestellt) \d+",
        r"wir (?:wurden|sind) (?:\w+ )?(?:beauftragt|bezahlt)",
        r"(?:order|contract|job|task) (?:\w+ ){0,2}(?:for|to post|of) \d+ (?:\w+ )?reviews",
        r"(?:un |l'un de vos |votre |vos )?concurrents? (?:nous )?(?:a|ont) (?:paye|commande|engage|demande)",
        r"on nous a (?:paye|commande|demande|engage) (?:pour|de)",
        r"commande de \d+ (?:\w+ )?avis",
        r"konkurrent\w* (?:\w+ ){0,4}(?:bezahlt|gezahlt|beauftragt)",
        r"(?:hat|haben) uns (?:\w+ ){0,6}(?:bezahlt|gezahlt|beauftragt)",
        r"auftrag (?:\w+ ){0,3}\d+ (?:\w+ )?bewertungen",
    ),
    rule(
        "extortion.scam_review_quota",
        0.3,
        r"\d+ (?:more |negative |bad |1[- ]star |one[- ]star |fake )?reviews (?:\w+ ){0,3}(?:will|tomorrow"
        r"|today|every|per|each|a day)",
        r"(?:we will|we'll|we are going to) (?:\w+ ){0,2}\d+ (?:\w+ )?reviews",
        r"\d+ (?:autres |faux |mauvais )?avis (?:negatifs )?(?:\w+ ){0,2}(?:par jour|chaque jour|demain"
        r"|seront)",
        r"(?:nous allons|on va) (?:\w+ ){0,2}\d+ (?:\w+ )?avis",
        r"\d+ (?:weitere |negative |schlechte )?bewertungen (?:\w+ ){0,3}(?:pro tag|taglich|morgen|werden)",
        r"(?:wir werden) (?:\w+ ){0,2}\d+ (?:\w+ )?bewertungen",
        # No number: "one-star reviews every day", "the reviews keep coming".
        r"(?:one-star|1-star|negative|bad|fake|more) reviews? (?:\w+ ){0,2}(?:every day|each day|daily|keep coming"
        r"|going up|coming)",
        r"reviews keep coming",
        r"keep adding them",
        r"avis (?:\w+ ){0,3}(?:tous les jours|chaque jour)",
        r"\d+ avis de plus",
        r"(?:campagne d'avis|les avis) (?:\w+ )?continue\w*",
        r"jeden tag (?:\w+ ){0,2}(?:ein-stern-)?bewertungen",
        r"bewertungen (?:\w+ ){0,2}(?:jeden tag|taglich)",
        r"(?:kommen|folgen) (?:\w+ ){0,2}weitere bewertungen",
        r"werden es mehr",
    ),
    rule(
        "extortion.scam_proof_review",
        0.45,
        r"(?:first|one|this) (?:\w+ )?review (?:\w+ ){0,2}(?:as|for) (?:a )?(?:proof|demonstration|sample"
        r"|warning)",
        r"as (?:a )?(?:proof|warning) (?:that )?we (?:are|mean)",
        r"to show (?:you )?(?:that )?we (?:are serious|mean business)",
        r"(?:premier|un) avis (?:\w+ ){0,2}(?:comme|en guise de|pour) (?:preuve|avertissement|demonstration)",
        r"pour (?:vous|te) (?:montrer|prouver) qu(?:e |')(?:nous sommes|on est|c'est) serieux",
        r"(?:erste|eine) bewertung (?:\w+ ){0,3}als (?:beweis|warnung|vorgeschmack)",
        r"als (?:beweis|vorgeschmack)",
    ),
    rule(
        "extortion.scam_payment_request",
        0.45,
        r"(?:send|buy|pay|purchase|transfer|wire) (?:us|me) (?:\w+ ){0,4}(?:gift ?cards?|bitcoin|btc"
        r"|crypto|usdt|paypal|itunes|google play|steam|amazon)",
        r"(?:you (?:must|need to|have to|should|can)|please) (?:\w+ )?(?:send|buy|pay|purchase"
        r"|transfer) (?:\w+ ){0,4}(?:gift ?cards?|bitcoin|btc|crypto|usdt|paypal|itunes|google play|steam"
        r"|amazon)",
        r"(?:envoyez|achetez|payez|versez|envoie|paye) (?:\w+ ){0,4}(?:cartes? cadeaux?|bitcoin|btc|crypto"
        r"|usdt|paypal|pcs|transcash|neosurf|google play)",
        r"(?:vous devez|tu dois) (?:nous )?(?:envoyer|acheter|payer|verser)",
        r"(?:schicken|kaufen|zahlen|uberweisen|senden) sie (?:\w+ ){0,4}(?:gutschein\w*|bitcoin|btc"
        r"|krypto\w*|paypal|google play|paysafecard|amazon)",
        r"(?:schick|kauf|zahl|uberweis)e? (?:uns|mir) (?:\w+ ){0,4}(?:gutschein\w*|bitcoin|btc|krypto\w*"
        r"|paypal|google play|paysafecard|amazon)",
        r"bc1[a-z0-9]{25,60}",
        r"(?:send|pay|transfer) (?:\d[\d.,]* ?)(?:btc|bitcoin|usdt|eth)",
        r"(?:zahlen|uberweisen|senden) sie (?:uns )?(?:\d[\d.,']*|per|via)",
    ),
    rule(
        "extortion.scam_cancel_offer",
        0.4,
        r"to (?:avoid|cancel|stop|prevent) (?:this|them|it|the order|the reviews)",
        r"(?:then )?we (?:will|'ll) stop",
        r"(?:pour|afin de) (?:les |l')?(?:eviter|annuler|stopper|arreter)",
        r"(?:nous arreterons|on arrete)",
        r"um (?:das|dies|sie|den auftrag) zu (?:verhindern|stoppen|vermeiden|stornieren)",
        r"(?:dann )?horen wir auf",
        r"(?:to )?make (?:them|it|this) stop",
        r"lassen wir (?:es|das)",
        # The crew offers to remove, stop or switch what it posted.
        r"(?:we|on|nous|wir) (?:\w+ ){0,2}(?:remove|delete|cancel|stop|erase|supprim\w*|retir\w*|efface\w*"
        r"|annul\w*|losch\w*|entfern\w*|storn\w*) (?:\w+ ){0,2}(?:everything|all|them|tout|alles"
        r"|(?:les |the |die |den )?(?:\d+ )?(?:\w+ )?(?:avis|reviews?|bewertungen|order|commande|auftrag))",
        r"(?:we|on|nous) (?:\w+ ){0,3}(?:switch|change|turn|pass\w*|chang\w*) (?:\w+ ){0,4}(?:to|a) (?:5|five"
        r"|cinq) (?:stars|etoiles)",
        r"wir (?:\w+ ){0,5}auf (?:5|funf|fuenf) sterne (?:\w+ )?(?:andern|aendern|umstellen|setzen|hochsetzen)",
        r"(?:reviews|ratings|avis|bewertungen) (?:\w+ ){0,2}(?:go back to|back to|reviennent a|zuruck auf) (?:5"
        r"|five|cinq|funf)",
        r"(?:make|makes) (?:\w+ ){0,3}reviews? disappear",
        r"(?:faire )?disparaitre (?:\w+ ){0,2}avis",
        r"bewertungen (?:\w+ ){0,3}verschwinden",
        r"(?:voulez|veux|want|wollen|mochten) (?:que ca|it to|dass es) (?:s'arrete|stop|end|aufhort)",
        r"(?:accept|accepte\w*) (?:\w+ ){0,2}(?:our|notre) (?:offer|offre|proposition|deal)",
        r"unser\w* angebot (?:annehm|akzeptier)\w*",
    ),
    rule(
        "extortion.scam_deadline",
        0.3,
        r"within (?:the next )?\d+ (?:hours|hrs|days)",
        r"(?:before|by) (?:midnight|tomorrow|tonight|the end of (?:the )?day)",
        r"(?:price|amount|fee|sum) (?:\w+ ){0,2}(?:double|increase|go up|rise)s?",
        r"(?:dans les|sous) \d+ ?(?:h|heures|jours) (?:sinon|ou|faute)",
        r"avant (?:demain|ce soir|minuit)",
        r"(?:le )?(?:prix|montant|tarif) (?:\w+ ){0,2}(?:doubl|augment)\w*",
        r"innerhalb (?:von )?\d+ (?:stunden|tagen)",
        r"bis (?:morgen|heute abend|mitternacht)",
        r"(?:preis|betrag|summe) (?:\w+ ){0,3}(?:verdoppel|steig|erhoh)\w*",
        r"(?:deadline|dernier delai|date limite|frist)",
        r"(?:let us know|answer|reply|reponse|antwort) (?:\w+ ){0,2}(?:by|before|avant|bis|sous|within"
        r"|innerhalb)",
    ),
    rule(
        "extortion.scam_pleading",
        0.35,
        r"(?:we are|we're|i am|i'm) (?:\w+ )?begging(?: you)?",
        r"we (?:sincerely |deeply |truly )?apologi[sz]e (?:for|but)",
        r"nous (?:vous )?(?:supplions|implorons)",
        r"(?:nous sommes|on est) (?:vraiment )?desoles? (?:mais|de devoir)",
        r"wir (?:flehen|bitten) (?:sie|dich) (?:an|instandig)",
        r"es tut uns (?:\w+ )?leid,? aber",
        r"(?:please|svp|s'il vous plait|bitte),? (?:sir|madam|monsieur|madame|doctor|docteur|herr doktor)",
        r"(?:we|on|nous|wir) (?:\w+ )?(?:need|a besoin de|avons besoin de|brauchen) (?:this|the|cet|de cet"
        r"|das|dieses) (?:money|argent|geld)",
    ),
    rule(
        "extortion.scam_no_choice",
        0.35,
        r"(?:we|i) (?:have|had|got) no (?:other )?(?:choice|option)",
        r"(?:nous )?n'(?:avons|avions) pas (?:le|d'autre) choix",
        r"on n'a pas (?:le|d'autre) choix",
        r"wir (?:haben|hatten) keine (?:andere )?(?:wahl|option)",
    ),
    rule(
        "extortion.scam_no_harm_meant",
        0.35,
        r"(?:don'?t|do not|would not|wouldn'?t|never) (?:\w+ )?want to (?:harm|hurt|damage|ruin"
        r"|destroy) your (?:business|reputation|practice|company)",
        r"(?:ne voulons|ne voudrions|veut) pas (?:\w+ )?(?:nuire|faire du mal|du tort) a (?:votre|ton|ta)",
        r"(?:wollen|mochten) (?:ihnen|dir) (?:\w+ )?(?:nicht )?schaden",
        r"(?:geben|wollen) (?:ihnen|dir) die chance",
        r"(?:give|giving) you (?:a|the) chance",
        r"vous (?:donner|laisser) une chance",
    ),
    rule(
        "extortion.scam_reputation_attack",
        0.4,
        r"(?:destroy|ruin|damage|wreck|tank|bury|sink|kill) (?:your|the) (?:online )?(?:reputation"
        r"|business|ratings?|stars|google (?:rating|score))",
        r"(?:army|network|hundreds|dozens|thousands) of (?:fake )?(?:bots|accounts|reviews)",
        r"(?:detruire|ruiner|couler|plomber|saboter|descendre) (?:votre|ta|sa|la) (?:\w+ )?(?:reputation"
        r"|entreprise|note|commerce|cabinet)",
        r"armee de (?:bots|comptes|faux comptes)",
        r"(?:des )?centaines de (?:faux )?(?:avis|comptes)",
        r"(?:ruf|reputation|image) (?:\w+ ){0,6}(?:zerstor|ruinier|kaputt|vernicht)\w*",
        r"armee von (?:bots|accounts|konten)",
        r"(?:hunderte|dutzende) (?:von )?(?:fake-?)?(?:bewertungen|konten|accounts)",
        r"(?:bewertung|sterne|rating) (?:\w+ ){0,4}in den keller",
    ),
    rule(
        "extortion.scam_price_per_review",
        0.45,
        r"\d[\d.,]* ?(?:€|\$|eur|euros?|usd|dollars?|chf|francs?) (?:\w+ )?(?:par|per|pro|each|a) (?:avis|review"
        r"|bewertung)",
        r"(?:par|per|pro|for each|chaque) (?:\w+ )?(?:avis|review|bewertung)\w*,? (?:\w+,? ){0,6}?\d[\d.,]* ?"
        r"(?:€|\$|eur|euros?|usd|dollars?|chf)",
        r"(?:each|every) (?:additional |extra |further )?review costs?",
    ),
    rule(
        "extortion.scam_rising_price",
        0.35,
        r"(?:price|prix|tarif|preis|montant|amount) (?:\w+ ){0,2}(?:is now|est (?:maintenant|desormais)"
        r"|ist jetzt|monte|goes up|rises|steigt)",
        r"(?:jetzt|now|maintenant|desormais) kostet es",
        r"(?:it costs|ca coute|kostet es) (?:\w+ )?(?:now|maintenant|desormais|jetzt)",
        r"(?:wird es|it gets|ce sera|c'est) (?:\w+ )?(?:teurer|more expensive|plus cher)",
        r"every day (?:you wait|without)",
        r"chaque jour (?:sans|de retard|d'attente)",
    ),
    rule(
        "extortion.scam_contact_handle",
        0.3,
        r"(?:on|sur|via|per|auf|au|unter|at) (?:telegram|whatsapp|signal|wickr|viber|wechat)",
        r"(?:telegram|whatsapp|signal|tg)\s?:?\s?@\w+",
    ),
    rule(
        "extortion.scam_payment_method",
        0.35,
        # PayPal and gift cards alone are left out: shop reviews name them as ordinary payment means.
        r"usdt|tether|western union|moneygram|transcash|neosurf|paysafecard|pcs mastercard",
        r"(?:\d[\d.,]* ?)(?:btc|bitcoins?|eth)",
        r"(?:in|en|per|par|via) (?:bitcoins?|btc|crypto|krypto|usdt|eth)",
        r"(?:in|en|per|par|by|via) (?:\w+ )?(?:gift ?cards?|cartes? cadeaux?|google-play-karten|google play"
        r"|itunes|apple gift card)",
        r"(?:payment|paiement|zahlung) (?:\w+ )?(?:by|via|par|en|per) (?:\w+ )?(?:gift ?card|paypal|bitcoin|btc"
        r"|crypto|usdt|paysafecard|transcash)",
    ),
    rule(
        "extortion.scam_escalation",
        0.35,
        r"(?:you|vous) (?:have |avez |'ve )?(?:blocked|bloque\w*|ignored|ignore\w*) (?:us|our|notre|nos|nous)",
        r"(?:sie|du) (?:haben|hast) uns (?:\w+ )?(?:blockiert|ignoriert)",
    ),
    rule(
        "extortion.scam_just_a_job",
        0.35,
        r"(?:this|it) is (?:just |only )?(?:our|my) (?:job|work)",
        r"c'est (?:juste |seulement )?notre (?:travail|boulot|job|metier)",
        r"das ist (?:nur |einfach )?unser (?:job|auftrag|geschaft)",
        r"nothing personal|rien de personnel|nichts personliches",
    ),
)
