"""Demo replies by language. Threads in a language without its own pool get English replies
(as happens in a multilingual community). "{title}" is replaced by the thread title."""

REPLIES = {
    "en": (
        "Thanks for starting this. We had exactly the same discussion last year and ended up with a "
        "short pilot before deciding anything.",
        "Interesting! Could you say a bit more about how you introduced it to colleagues?",
        "We tried something similar. The technology was the easy part; **time for staff** was the hard one.",
        "+1 to this. In our experience the students' perspective changes the whole conversation, so "
        "involve them early.",
        "Here is the guidance our ministry published last spring: https://example.eu/guidance.pdf "
        "(sections 3 and 4 are the relevant ones).",
        "Our approach, in short:\n\n1. Start with the pedagogical goal\n2. Pick the simplest tool\n"
        "3. Review after one term\n\nIt sounds obvious, but we skipped step 3 twice.",
        "I would be careful with the data side. Ask the vendor where the data is stored and for how long "
        "before you sign anything.",
        "We ran a small survey on this with 140 teachers. Happy to share the questionnaire if useful.",
        "Same here. What surprised us was how much the parents cared about it once we explained it.",
        "Has anyone looked at the cost over five years rather than the purchase price? That changed our "
        "decision completely.",
        "Great thread. Bookmarking it for our next staff meeting.",
        "In Ireland we are still waiting for national guidance, so schools are each doing their own thing. "
        "Not ideal.",
        "We learnt the hard way that training once is not enough. Short follow-up sessions every few weeks "
        "worked much better.",
        "Accessibility check: does it work with a keyboard only? That question alone rules out half the "
        "tools we see.",
        "Small tip: write down *why* you chose the tool. Two years later nobody remembers.",
        "I presented our experience at a conference last month; slides are here: "
        "[our slides](https://example.eu/slides).",
        "Our pilot results were mixed: motivation went up, test scores did not change. We are continuing "
        "for another year to see.",
        "Agree with the previous posts. I would add: make it optional for the first term.",
        "We had a similar question about {title}. A colleague from Tallinn helped us a lot, maybe they can "
        "chime in.",
        "This is where a community like this one helps: nobody has to invent it alone.",
        "Do you have a template for that? Even a rough one would help.",
        "We use a simple rubric:\n\n| Criterion | Weight |\n|---|---|\n| Learning value | 40% |\n"
        "| Accessibility | 30% |\n| Privacy | 30% |",
        "Counterpoint: sometimes the best digital solution is no digital solution. We went back to paper "
        "for this and nobody missed the app.",
        "Following. We are about to start the same process in our region.",
        "The European School Education Platform has a few case studies on this, worth a search.",
        "Thanks, this is really helpful. I shared it with our digital coordinator.",
        "Our trade union asked to be involved from the start, which slowed things down but made adoption "
        "much smoother.",
        "We evaluated three options last year. Short version: the cheapest one had the best support.",
        "Important point about inclusion. Learners with older phones were excluded by the first version of "
        "our plan.",
        "Update from our side: the pilot is over and we are scaling it to four more schools.",
        "Is there any research on this for older learners? Most studies I find are about teenagers.",
        "Can confirm: captions help everyone, not only deaf and hard-of-hearing students.",
        "For {title}, my advice would be to talk to your data protection officer *before* the pilot, "
        "not after.",
        "We are doing this in a Erasmus+ project right now; results expected next summer.",
        "Quick question: did you need approval from your board or could teachers decide themselves?",
        "Very similar to what we see in VET. Employers are the missing piece.",
    ),
    "de": (
        "Danke für den Beitrag! Bei uns läuft das ganz ähnlich, vor allem der Datenschutz bremst.",
        "Wir haben gute Erfahrungen mit kurzen Fortbildungen direkt im Kollegium gemacht.",
        "Gibt es dazu schon Empfehlungen vom Kultusministerium? Ich habe nichts gefunden.",
        "Bei uns hat es ein Jahr gedauert, bis alle Kolleginnen und Kollegen mitgezogen haben. Geduld lohnt sich.",
        "Spannendes Thema. Könnt ihr eure Checkliste teilen?",
        "Wichtig ist, die Eltern früh einzubeziehen – das haben wir beim ersten Mal versäumt.",
    ),
    "fr": (
        "Merci pour ce partage ! Nous avons vécu la même chose dans notre établissement.",
        "Très intéressant. Avez-vous mesuré l'effet sur la motivation des élèves ?",
        "Chez nous, la formation des collègues a été la clé. Sans accompagnement, l'outil n'est pas utilisé.",
        "Je vous recommande les ressources d'Éduscol sur ce sujet, elles sont très complètes.",
        "Même constat ici : la technique fonctionne, c'est le temps qui manque.",
    ),
    "es": (
        "¡Gracias por compartir! En nuestro centro tenemos la misma duda.",
        "Nosotros empezamos con un piloto en dos grupos y funcionó bastante bien.",
        "Muy interesante. ¿Cómo lo habéis comunicado a las familias?",
        "La clave para nosotros fue la formación del profesorado, con sesiones cortas y prácticas.",
        "Lo hemos probado este curso y los resultados son prometedores, aunque falta tiempo para valorarlo.",
        "Totalmente de acuerdo. Y no olvidemos la accesibilidad desde el principio.",
    ),
    "it": (
        "Grazie per aver aperto questa discussione, è un tema molto sentito anche da noi.",
        "Noi abbiamo iniziato con un piccolo progetto pilota e poi lo abbiamo esteso.",
        "Interessante! Avete coinvolto anche gli studenti nella valutazione?",
        "Consiglio di guardare i materiali di INDIRE, ci sono buoni esempi.",
        "Stessa esperienza: la tecnologia c'è, manca il tempo per la formazione.",
    ),
    "nl": (
        "Dank voor het delen! Bij ons speelt precies hetzelfde.",
        "Wij zijn klein begonnen met één team en hebben het daarna uitgebreid.",
        "Goede vraag. Kennisnet heeft hier een handige handreiking over.",
        "Privacy was bij ons het grootste struikelblok. Regel dat vooraf met de FG.",
        "Herkenbaar! Hoe hebben jullie de ouders meegenomen?",
    ),
    "sv": (
        "Tack för att du delar! Vi har haft samma diskussion i vårt arbetslag.",
        "Vi började i liten skala och utvärderade efter en termin. Det fungerade bra.",
        "Intressant. Har ni pratat med vårdnadshavarna om det?",
        "Skolverket har stödmaterial om detta, värt att titta på.",
    ),
    "pl": (
        "Dziękuję za ten wątek! U nas sytuacja jest bardzo podobna.",
        "Zaczęliśmy od małego pilotażu w dwóch klasach i to był dobry pomysł.",
        "Ciekawe. Czy macie materiały, którymi możecie się podzielić?",
        "Najważniejsze okazało się szkolenie nauczycieli – bez tego nic nie działa.",
    ),
}

# The attribution of a quote, in the language of the reply it opens (as the quote button writes).
QUOTE_ATTRIBUTIONS = {"en": "{name} wrote:", "de": "{name} schrieb:", "es": "{name} escribió:",
                      "fr": "{name} a écrit :"}

# Replies that quote the opening post (Markdown blockquote), as members often do.
QUOTE_REPLIES = {
    "en": ("I particularly agree with this part. We saw the same thing.",
           "This is the key point for me. Could you expand on it?"),
    "de": ("Genau das ist auch unsere Erfahrung.",),
    "es": ("Esto es justo lo que nos pasó a nosotros.",),
    "fr": ("C'est exactement notre expérience.",),
}
