"""Demo threads: (sector, language, tags, title, opening post in Markdown). Fictional but realistic."""

THREADS = (
    # --- Early childhood education and care --------------------------------------------------
    ("early-childhood", "en", "play, screen-time", "Tablets in the toddler room: where do you draw the line?",
     "Our setting got four tablets from the municipality. Staff are split: some use them for *documentation "
     "only*, others let children take photos of their block towers.\n\nHow do you decide what is age-appropriate "
     "for 2–3 year olds? Any written policy you could share?"),
    ("early-childhood", "sv", "documentation, parents", "Digital dokumentation och föräldrakontakt – vilka verktyg?",
     "Vi använder en app för pedagogisk dokumentation men föräldrarna tycker att det blir för mycket "
     "notiser. Hur gör ni för att hitta en bra balans?\n\n- veckobrev?\n- bilder varje dag?\n- bara vid behov?"),
    ("early-childhood", "en", "robotics, play, stem", "Floor robots with 4-year-olds: our first term",
     "We tried Bee-Bot style floor robots with two groups of 4-year-olds. Short summary:\n\n1. Children "
     "understood *forward* and *turn* within two sessions.\n2. Turn-taking was the real challenge.\n3. Mats "
     "with pictures from their own neighbourhood worked much better than the bought ones.\n\nHappy to share "
     "our mat templates."),
    ("early-childhood", "de", "inclusion, language", "Mehrsprachige Bilderbuch-Apps in der Kita",
     "Bei uns sprechen die Kinder zu Hause 14 verschiedene Sprachen. Wir suchen Bilderbuch-Apps, in denen "
     "Eltern Geschichten in ihrer Sprache **selbst einsprechen** können. Habt ihr Erfahrungen damit? "
     "Datenschutz ist natürlich ein großes Thema."),
    ("early-childhood", "en", "privacy, gdpr, documentation", "Photos of children and GDPR: what does your consent form say?",
     "We are rewriting our consent form for photos and videos. Who may see them, how long do we keep them, "
     "and what happens when a family leaves? I would love to compare notes with settings in other countries."),
    ("early-childhood", "nl", "parents, communication", "Ouderbetrokkenheid via een app: ervaringen?",
     "Onze kinderopvang overweegt een app voor communicatie met ouders. Wat zijn jullie ervaringen? Vooral "
     "benieuwd naar ouders die weinig digitaal vaardig zijn of de taal nog leren."),
    ("early-childhood", "es", "families, inclusion", "Familias sin conexión: cómo no dejar a nadie atrás",
     "En nuestra escuela infantil un tercio de las familias no tiene ordenador en casa y muchas solo usan el "
     "móvil. ¿Qué estrategias os funcionan para compartir información y actividades sin excluir a nadie?"),
    ("early-childhood", "en", "professional-development", "Digital competence for ECEC staff: any good frameworks?",
     "DigCompEdu is great but feels school-focused. Is anyone using an adapted framework for early childhood "
     "educators? We are planning a year of in-house training."),
    ("early-childhood", "fi", "play, outdoor", "Digitaaliset välineet ulkoleikeissä",
     "Olemme kokeilleet mikroskooppikameraa ja tabletteja metsäretkillä. Lapset innostuivat tutkimaan "
     "sammalta ja hyönteisiä. Onko muilla kokemuksia?"),
    ("early-childhood", "en", "sustainability, play", "Sustainable devices: refurbished tablets for nurseries",
     "Our municipality wants to buy refurbished devices only from next year. Does anybody have experience with "
     "warranties, battery life and how long refurbished tablets really last in a nursery?"),
    # --- School education ---------------------------------------------------------------------
    ("school", "en", "ai, assessment", "Students using AI chatbots for homework: what is your school policy?",
     "Our school is drafting a policy on generative AI. Current draft:\n\n- allowed for brainstorming, with "
     "a note saying so\n- not allowed for graded essays written at home\n- teachers may redesign tasks "
     "instead of banning\n\nWhat have you decided, and how do you explain it to parents?"),
    ("school", "en", "interoperability, lms", "Moving from one LMS to another mid-year: lessons learnt",
     "We migrated 1,200 pupils from one platform to another in February. The export of course content worked; "
     "gradebooks and rubrics did **not**. If you are about to do this, check whether both sides support "
     "[Common Cartridge](https://www.1edtech.org/standards/cc) and LTI 1.3 properly."),
    ("school", "pl", "coding, stem", "Programowanie w klasach 1–3: od czego zacząć?",
     "Od września uczę programowania w młodszych klasach. Zaczynam od zabaw bez komputera, potem ScratchJr. "
     "Jakie macie sprawdzone scenariusze lekcji?"),
    ("school", "en", "accessibility, inclusion", "Making worksheets accessible for screen reader users",
     "A blind pupil joined my class. I learnt that most of my PDF worksheets are unusable with a screen "
     "reader. What I changed so far:\n\n1. Real headings instead of bold text\n2. Alt text for every "
     "diagram\n3. Word documents instead of scanned PDFs\n\nWhat else should I know?"),
    ("school", "fr", "media-literacy, citizenship", "Éducation aux médias : repérer les fausses informations",
     "Je prépare une séquence sur la désinformation pour des élèves de 4e. Je cherche des exemples récents "
     "et des outils simples de vérification d'images. Vos idées sont les bienvenues !"),
    ("school", "en", "assessment, feedback", "Audio feedback on written work: worth the time?",
     "I started recording two-minute audio comments instead of writing in the margins. Pupils say they "
     "listen more than they used to read. Has anyone measured the effect?"),
    ("school", "de", "infrastructure, wifi", "WLAN im Schulgebäude: Erfahrungen mit dem DigitalPakt",
     "Unsere Schule bekommt endlich flächendeckendes WLAN. Worauf sollten wir bei der Ausschreibung achten? "
     "Besonders interessiert mich die Verwaltung der Geräte (MDM)."),
    ("school", "en", "wellbeing, screen-time", "Phones in secondary schools: ban, pouch or nothing?",
     "Our country now recommends a phone ban during lessons. Some schools use lockable pouches, others "
     "collect phones in the morning. What works in practice, and what do pupils say?"),
    ("school", "it", "stem, open-hardware", "Arduino in classe: progetti semplici per la scuola media",
     "Sto cercando progetti Arduino adatti a ragazzi di 12-13 anni, con materiali economici. Finora abbiamo "
     "fatto un semaforo e una stazione meteo. Idee?"),
    ("school", "en", "eTwinning, collaboration", "Looking for partner schools for an eTwinning project on climate",
     "Lower secondary school in Patras, pupils aged 13–15. We want to compare local weather data and "
     "energy use across countries during spring term. English as working language. Anyone interested?"),
    ("school", "en", "data-protection, cloud", "Cloud office suites and pupil data: what did your DPO say?",
     "Our data protection officer asked us to stop using a popular cloud office suite with pupils. Has "
     "anyone found a workable alternative that teachers actually like?"),
    ("school", "es", "flipped-classroom", "Aula invertida en matemáticas de secundaria",
     "Llevo dos años grabando vídeos cortos para mis clases de matemáticas. Os cuento lo que funciona y lo "
     "que no:\n\n| Aspecto | Funciona | No funciona |\n|---|---|---|\n| Vídeos < 6 min | ✔ | |\n"
     "| Deberes largos | | ✔ |\n\n¿Alguien más lo usa en 1º de ESO?"),
    ("school", "en", "teacher-workload, ai", "Can AI tools reduce teacher workload without lowering quality?",
     "Our union asked teachers what takes most of their time. Top three: marking, lesson planning, admin "
     "emails. Has anyone piloted AI assistants for planning in a careful way?"),
    ("school", "en", "quality-assurance, self-evaluation", "Using SELFIE for school self-evaluation",
     "We ran the [SELFIE tool](https://education.ec.europa.eu/selfie) with staff, pupils and leaders. The "
     "gap between how leaders and pupils rated our digital practice was striking. What did you do with "
     "your results?"),
    ("school", "nl", "assessment, digital-exams", "Digitale toetsen in het voortgezet onderwijs",
     "Wij stappen over op digitale toetsen voor alle vakken behalve wiskunde. Hoe gaan jullie om met "
     "fraude, en hoe houden jullie het toegankelijk voor leerlingen met dyslexie?"),
    # --- Vocational education and training ----------------------------------------------------
    ("vet", "en", "simulation, vr", "VR welding simulators: real skills or expensive toys?",
     "Our college is offered VR welding simulators at a discount. Trainers who have used them: do "
     "apprentices transfer the skills to real welding? How much time on the simulator before real metal?"),
    ("vet", "de", "work-based-learning, apprenticeships", "Digitale Berichtshefte in der Ausbildung",
     "Wir führen digitale Ausbildungsnachweise ein. Welche Lösungen nutzt ihr, und wie reagieren die "
     "Betriebe? Manche Ausbilder wollen weiterhin Papier."),
    ("vet", "en", "micro-credentials, badges", "Micro-credentials for short VET courses: who recognises them?",
     "We issue Open Badges for short upskilling courses. Learners love them, employers mostly ignore them. "
     "Has anyone linked badges to the European Learning Model or Europass successfully?"),
    ("vet", "fr", "vr, automotive", "Réalité virtuelle en maintenance automobile",
     "Nous testons des casques VR pour l'apprentissage du diagnostic moteur. Les élèves adorent, mais les "
     "casques coûtent cher et la batterie ne tient pas une journée. Vos retours ?"),
    ("vet", "en", "green-skills, sustainability", "Green skills in every VET programme: how are you doing it?",
     "New national rules say every programme must include sustainability outcomes. Plumbing and heating "
     "is easy (heat pumps!), hairdressing less so. Examples welcome."),
    ("vet", "es", "dual-training, companies", "FP dual: plataformas para el seguimiento en la empresa",
     "¿Qué plataforma usáis para que el tutor de empresa y el profesor compartan el seguimiento del "
     "alumnado en FP dual? Buscamos algo sencillo y que cumpla el RGPD."),
    ("vet", "en", "assessment, e-portfolio", "E-portfolios for practical assessment",
     "Apprentices upload photos and short videos of their work; assessors comment. It works for "
     "carpentry, less for care assistants because of privacy. How do you handle it?"),
    ("vet", "nl", "interoperability, lti", "LTI-koppelingen met ons leerplatform",
     "Wie heeft ervaring met LTI 1.3 koppelingen tussen een leerplatform en externe oefensoftware? Bij ons "
     "gaan de cijfers niet altijd goed terug naar het cijferboek."),
    ("vet", "en", "industry-4.0, equipment", "Keeping workshop equipment up to date with industry 4.0",
     "Companies use machines our college cannot afford. We now share equipment with two employers. "
     "Anyone else doing co-investment or equipment sharing agreements?"),
    ("vet", "pl", "logistics, simulation", "Symulatory magazynowe w szkole branżowej",
     "Czy ktoś korzysta z symulatorów systemów magazynowych (WMS) na zajęciach? Szukam rozwiązań "
     "darmowych lub tanich dla technikum logistycznego."),
    ("vet", "en", "inclusion, early-leaving", "Preventing early leaving with learning analytics",
     "We flag learners who stop logging in or miss two practical sessions. A mentor then calls them. "
     "Early results look promising, but we worry about labelling. Thoughts?"),
    ("vet", "it", "ai, teaching", "Intelligenza artificiale nei corsi professionali",
     "Nei nostri corsi di cucina stiamo provando un assistente AI per calcolare costi e allergeni delle "
     "ricette. Qualcuno ha esperienze simili in altri settori?"),
    ("vet", "en", "quality-assurance, eqavet", "EQAVET indicators and digital data collection",
     "How do you collect graduate tracking data for EQAVET? Our surveys get a 12% response rate."),
    # --- Higher education ---------------------------------------------------------------------
    ("higher-education", "en", "ai, assessment, academic-integrity", "Rethinking take-home exams after generative AI",
     "Our faculty is split between going back to invigilated exams and redesigning assessment. Options "
     "we are discussing:\n\n- oral defences of written work\n- process portfolios with drafts\n- in-class "
     "writing with AI explicitly allowed and cited\n\nWhat has worked at scale (300+ students)?"),
    ("higher-education", "es", "feedback, assessment", "Retroalimentación entre pares en cursos masivos",
     "En mi asignatura de primer curso tengo 280 estudiantes. Estamos probando la evaluación entre pares "
     "con rúbricas. ¿Cómo garantizáis la calidad de los comentarios?"),
    ("higher-education", "en", "open-education, oer", "Open textbooks: convincing colleagues to switch",
     "We calculated that students in our programme spend about €600 a year on textbooks. We want to move "
     "two core courses to open textbooks. How did you convince reluctant colleagues?"),
    ("higher-education", "it", "remote-labs, engineering", "Laboratori remoti per ingegneria: esperienze?",
     "Durante la pandemia abbiamo creato laboratori remoti di elettronica. Ora vogliamo mantenerli per gli "
     "studenti lavoratori. Qualcuno ha dati sull'apprendimento rispetto ai laboratori in presenza?"),
    ("higher-education", "en", "accessibility, udl", "Universal Design for Learning in large lectures",
     "Small UDL changes we made this year: captions on all recordings, slides shared before class, and "
     "two ways to submit every assignment. Attendance did not drop. What are your small wins?"),
    ("higher-education", "en", "learning-analytics, ethics", "Learning analytics dashboards: do students want them?",
     "We showed students a dashboard comparing their activity with the cohort. Some found it motivating, "
     "others said it made them anxious. Has anyone co-designed dashboards with students?"),
    ("higher-education", "nl", "assessment, proctoring", "Online proctoring: nog steeds nodig?",
     "Wij gebruikten online proctoring tijdens de pandemie. Nu twijfelen we: privacy, stress bij "
     "studenten en hoge kosten. Welke alternatieven gebruiken jullie?"),
    ("higher-education", "en", "mooc, lifelong-learning", "Turning a MOOC into stackable micro-credentials",
     "Our MOOC on sustainable energy has 40,000 learners. We want to offer ECTS-bearing micro-credentials "
     "for a small fee. Who has done this and how did you handle identity verification?"),
    ("higher-education", "pl", "teacher-training, digital-competence", "Kompetencje cyfrowe przyszłych nauczycieli",
     "Na naszym wydziale wprowadzamy obowiązkowy moduł kompetencji cyfrowych dla studentów kierunków "
     "nauczycielskich. Jak to wygląda u was?"),
    ("higher-education", "en", "interoperability, erasmus", "Erasmus Without Paper: is it working for you yet?",
     "We are finally connected to the Erasmus Without Paper network for learning agreements. The "
     "nominations part works; the transcript exchange is patchy. How far are other institutions?"),
    ("higher-education", "de", "hybrid-teaching", "Hybride Lehre: Technik im Hörsaal",
     "Welche Kamera- und Mikrofonlösungen habt ihr für hybride Seminare? Bei uns hören die Online-"
     "Teilnehmenden die Diskussion im Raum kaum."),
    ("higher-education", "en", "ai, research-skills", "Teaching literature review skills with AI search tools",
     "AI research assistants summarise papers in seconds. I now teach students to verify every claim "
     "against the source. Do you have exercises that work?"),
    ("higher-education", "fr", "pedagogy, active-learning", "Pédagogie active en amphithéâtre",
     "Comment faites-vous participer 200 étudiants en amphi ? J'utilise des votes en ligne, mais je "
     "cherche d'autres idées, surtout pour les disciplines juridiques."),
    ("higher-education", "en", "quality-assurance, online-programmes", "Quality assurance for fully online programmes",
     "Our agency asks for evidence of 'equivalent quality' for a new online master's. What evidence did "
     "your QA agency accept?"),
    ("higher-education", "sv", "sustainability, digital", "Digitaliseringens klimatavtryck på universitetet",
     "Vi försöker räkna på klimatpåverkan från videomöten, lagring och datorer. Har någon en bra modell?"),
    # --- Adult learning ------------------------------------------------------------------------
    ("adult-learning", "en", "basic-skills, inclusion", "Digital basic skills for older adults: what works?",
     "Our library runs drop-in sessions for people over 65. The biggest wins so far: video calls with "
     "grandchildren and online banking safety. What topics draw people in at your centre?"),
    ("adult-learning", "it", "language-learning, migrants", "Insegnare l'italiano L2 con lo smartphone",
     "Molti dei nostri studenti adulti hanno solo lo smartphone. Quali app o attività usate per la lingua "
     "senza richiedere un computer?"),
    ("adult-learning", "de", "online-courses, motivation", "Abbrecherquoten in Online-Kursen der VHS",
     "Unsere Online-Kurse verlieren nach drei Wochen die Hälfte der Teilnehmenden. Was hilft? Feste "
     "Live-Termine? Lerngruppen? Erinnerungen per SMS?"),
    ("adult-learning", "en", "validation, recognition", "Validating skills learnt informally online",
     "Many adults learn a lot from YouTube and online communities but have nothing to show for it. How "
     "do you validate that learning? We are looking at the 2012 Council Recommendation on validation."),
    ("adult-learning", "sv", "sfi, digital-inclusion", "Digital inkludering på SFI",
     "Hur arbetar ni med elever som aldrig har använt en dator? Vi har börjat med korta moment varje "
     "lektion i stället för en separat kurs."),
    ("adult-learning", "en", "workplace-learning, upskilling", "Upskilling low-qualified workers on the shop floor",
     "We run 20-minute micro-lessons on tablets in a food factory during shift changes. Attendance is "
     "good, but managers ask for proof of impact. How do you measure it?"),
    ("adult-learning", "el", "distance-learning", "Εξ αποστάσεως εκπαίδευση ενηλίκων: καλές πρακτικές",
     "Ποιες πρακτικές σας βοηθούν να κρατάτε τους ενήλικες εκπαιδευόμενους ενεργούς σε εξ αποστάσεως "
     "προγράμματα; Εμείς χρησιμοποιούμε μικρές ομάδες και εβδομαδιαίες συναντήσεις."),
    ("adult-learning", "en", "accessibility, learning-difficulties", "Easy-to-read online materials",
     "We are rewriting our course pages in easy-to-read language for learners with intellectual "
     "disabilities. Any guidelines or checkers you recommend?"),
    ("adult-learning", "es", "rural, digital-inclusion", "Formación digital en zonas rurales",
     "Trabajamos con pueblos de menos de 500 habitantes. La conexión es mala y muchas personas mayores "
     "viven solas. ¿Experiencias con aulas móviles o formación por teléfono?"),
    ("adult-learning", "en", "ai, media-literacy", "AI literacy for the general public",
     "Adults ask us: can I trust what the chatbot says? We built a two-hour workshop. Outline:\n\n1. What "
     "a language model does (and does not)\n2. Checking a claim\n3. Privacy: what not to paste\n\nFeedback "
     "and additions welcome."),
    ("adult-learning", "pl", "seniors, cybersecurity", "Bezpieczeństwo w sieci dla seniorów",
     "Prowadzę warsztaty dla seniorów o oszustwach internetowych. Jakie materiały sprawdzają się u was?"),
    ("adult-learning", "en", "erasmus, partnerships", "Finding partners for a small-scale Erasmus+ partnership",
     "Adult education centre in Maribor looking for two partners for a project on digital storytelling "
     "with older learners. Deadline is in spring."),
    # --- Cross-sector ------------------------------------------------------------------------
    ("cross-sector", "en", "interoperability, standards", "Which interoperability standards actually matter?",
     "Vendors list a dozen acronyms: LTI, OneRoster, xAPI, QTI, Common Cartridge, ELM. For a school "
     "network buying new tools, which ones should be a **must** in the tender?"),
    ("cross-sector", "en", "ai, policy, ethics", "The EU AI Act and education: what changes for us?",
     "Education is listed as a high-risk area for some AI systems (admission, assessment, proctoring). "
     "Has your ministry or institution published guidance yet? Let's collect links here."),
    ("cross-sector", "en", "accessibility, procurement", "Accessibility requirements in public procurement",
     "The European Accessibility Act and EN 301 549 should shape what we buy. In practice, how do you "
     "check vendor claims? We ask for a conformance report, but nobody verifies it."),
    ("cross-sector", "fr", "sovereignty, open-source", "Logiciels libres dans l'éducation : où en êtes-vous ?",
     "En France, plusieurs académies encouragent les logiciels libres. Quels outils utilisez-vous au "
     "quotidien, et qu'est-ce qui freine leur adoption ?"),
    ("cross-sector", "en", "sustainability, procurement", "Green digital education: device lifecycles",
     "Devices are the biggest part of the carbon footprint of digital education. Who has a policy on "
     "repair, reuse and longer lifecycles? Numbers would be great."),
    ("cross-sector", "de", "data-protection, ai", "Datenschutzkonforme KI-Werkzeuge für Bildungseinrichtungen",
     "Welche KI-Werkzeuge dürfen bei euch mit personenbezogenen Daten genutzt werden? Wir suchen "
     "Beispiele für Auftragsverarbeitungsverträge."),
    ("cross-sector", "en", "research, evidence", "Where do you find good evidence about edtech?",
     "Many products claim impact with little evidence. Which sources do you trust? I use the Education "
     "Endowment Foundation and a few European research networks."),
    ("cross-sector", "en", "inclusion, digital-divide", "Digital divide after the pandemic: where are we now?",
     "Device schemes helped many families, but connectivity and skills gaps remain. Do you have recent "
     "data from your country?"),
    ("cross-sector", "it", "digcomp, competences", "DigComp 2.2 nella pratica",
     "Come usate DigComp 2.2 nei vostri corsi o progetti? Noi lo usiamo per l'autovalutazione degli "
     "adulti, ma i livelli sono difficili da spiegare."),
    ("cross-sector", "en", "community, welcome", "Welcome! Introduce yourself here",
     "New to Praxis? Tell us who you are, where you work and what you hope to learn or share. "
     "Please keep it short and friendly."),
    ("cross-sector", "en", "quality-assurance, edtech", "A checklist for choosing edtech tools",
     "Draft checklist we use before adopting a tool:\n\n- pedagogical purpose is clear\n- accessible "
     "(WCAG 2.2 AA)\n- data stays in the EU\n- exports in open formats\n- works on old devices\n\nWhat "
     "would you add?"),
    ("cross-sector", "es", "policy, digital-education-action-plan", "Plan de Acción de Educación Digital: balance",
     "Estamos a mitad del Plan de Acción de Educación Digital 2021-2027. ¿Qué cambios concretos veis en "
     "vuestros centros?"),
    ("cross-sector", "en", "interoperability, credentials", "European Digital Credentials: anyone issuing them?",
     "We want to issue tamper-proof digital diplomas using the European Digital Credentials "
     "infrastructure. Experiences with the issuing tools and wallets?"),
    ("cross-sector", "nl", "ai, teacher-training", "Professionalisering rond AI voor docenten",
     "Hoe organiseren jullie scholing over AI voor docenten? Wij werken met korte sessies en een "
     "netwerk van 'AI-ambassadeurs' per school."),
    ("cross-sector", "en", "wellbeing, digital-wellbeing", "Digital wellbeing for staff, not only students",
     "After years of online meetings, our staff survey shows email overload and evening messages as top "
     "stress factors. Any institution-wide agreements on response times?"),
    ("cross-sector", "en", "assessment, ai, policy", "Shared principles for assessment in the age of AI",
     "Could this community draft a short set of principles for assessment with AI that works across "
     "sectors? I will start with three:\n\n1. Assess the process, not only the product.\n2. Be explicit "
     "about what AI use is allowed.\n3. Keep the human in the loop for high-stakes decisions."),
    ("cross-sector", "pl", "interoperability, data", "Wymiana danych między systemami szkolnymi",
     "W Polsce szkoły korzystają z różnych dzienników elektronicznych. Czy ktoś pracuje nad wymianą danych "
     "między nimi, np. przy zmianie szkoły przez ucznia?"),
)
