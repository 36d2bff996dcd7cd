"""A synthetic but realistic multi-language forum corpus for bench/search.py.

Posts mix each language's function words (Whoosh's stop lists), a domain vocabulary with
inflections, internationally shared words, and a long Zipf tail of rarer words, in the
proportions of a European education forum. Deterministic for a given seed.
"""
import random

from whoosh.lang import stopwords_for_language

SHARED = ("moodle erasmus digital podcast video online blended ai chatgpt teams zoom padlet "
          "kahoot canva scratch python makerspace stem steam mooc lms wiki blog webinar hackathon "
          "portfolio feedback coaching mentoring workshop tablet laptop wifi gdpr europass etwinning "
          "microcredentials badges gamification escape room flipped classroom hybrid").split()

DOMAIN = {
    "en": "teacher teachers teaching taught learner learners learning student students school schools "
          "pupil pupils classroom classrooms lesson lessons assessment assessments evaluation evaluations "
          "curriculum curricula apprentice apprentices apprenticeship training trainer trainers skills "
          "competence competences literacy numeracy inclusion inclusive accessibility accessible "
          "wellbeing motivation engagement attendance homework exam exams grading rubric rubrics "
          "collaboration project projects research policy funding university universities lecture "
          "lectures course courses module modules platform platforms tool tools resource resources "
          "practice practices colleague colleagues parents leadership principal network networks "
          "community communities experience experiences challenge challenges idea ideas approach "
          "approaches programme programmes outcome outcomes strategy strategies support guidance "
          "digitalisation infrastructure device devices connectivity security privacy data "
          "analytics dashboard quiz quizzes certificate certificates vocational employer employers "
          "internship placement mobility exchange language languages translation adult adults "
          "lifelong volunteer volunteers library libraries museum museums teamwork creativity "
          "critical thinking citizenship sustainability climate energy robotics coding programming "
          "mathematics science history geography music art sports primary secondary tertiary".split(),
    "de": "Lehrer Lehrerin Lehrerinnen Lehrkräfte Schule Schulen Schüler Schülerinnen Unterricht "
          "Unterrichts Ausbildung Auszubildende Prüfung Prüfungen Bewertung Bewertungen Lernen "
          "lernen lernten Lernende Hochschule Hochschulen Universität Studierende Kompetenzen "
          "Fortbildung Weiterbildung Projekt Projekte Erfahrung Erfahrungen Werkzeug Werkzeuge "
          "Plattform Plattformen Kollegium Eltern Inklusion Barrierefreiheit Digitalisierung "
          "Berufsschule Betrieb Betriebe Praktikum Klassenzimmer Hausaufgaben Förderung Lehrplan "
          "Medienkompetenz Datenschutz Zusammenarbeit Beispiel Beispiele Frage Fragen".split(),
    "fr": "enseignant enseignants enseignante enseignement élève élèves école écoles évaluation "
          "évaluations formation formations apprentissage apprentissages apprenant apprenants "
          "université universités étudiant étudiants compétence compétences classe classes projet "
          "projets expérience expériences outil outils plateforme plateformes collègues parents "
          "inclusion accessibilité numérique pédagogie pédagogique stage stages alternance "
          "programme programmes devoirs examen examens réussite décrochage lycée collège".split(),
    "es": "profesor profesores profesora docentes enseñanza escuela escuelas alumno alumnos "
          "estudiante estudiantes evaluación evaluaciones aprendizaje formación universidad "
          "universidades competencias clase clases proyecto proyectos experiencia experiencias "
          "herramienta herramientas plataforma plataformas familias inclusión accesibilidad "
          "digitalización prácticas empresa empresas currículo tareas examen exámenes".split(),
    "it": "insegnante insegnanti docente docenti scuola scuole studente studenti alunni "
          "valutazione valutazioni apprendimento formazione università competenze classe classi "
          "progetto progetti esperienza esperienze strumento strumenti piattaforma piattaforme "
          "famiglie inclusione accessibilità didattica laboratorio tirocinio esame esami".split(),
    "nl": "leraar leraren docent docenten school scholen leerling leerlingen student studenten "
          "beoordeling beoordelingen onderwijs opleiding opleidingen leren vaardigheden klas "
          "klassen project projecten ervaring ervaringen hulpmiddel platform platforms ouders "
          "inclusie toegankelijkheid digitalisering stage stages toets toetsen".split(),
    "sv": "lärare läraren lärarna skola skolan skolor elev eleven eleverna student studenter "
          "bedömning bedömningar undervisning undervisningen utbildning utbildningar lärande "
          "kompetens klass klassen projekt erfarenhet erfarenheter verktyg plattform föräldrar "
          "inkludering tillgänglighet digitalisering praktik prov".split(),
    "da": "lærer læreren lærerne skole skolen skolerne elev eleven eleverne studerende "
          "evaluering evalueringer undervisning undervisningen uddannelse uddannelser læring "
          "kompetencer klasse klassen projekt projekter erfaring erfaringer værktøj platform "
          "forældre inklusion tilgængelighed digitalisering praktik eksamen".split(),
    "fi": "opettaja opettajat opettajan koulu koulut koulun oppilas oppilaat opiskelija "
          "opiskelijat arviointi arvioinnit opetus opetuksen koulutus oppiminen osaaminen luokka "
          "projekti projektit kokemus kokemukset työkalu alusta vanhemmat saavutettavuus".split(),
    "pt": "professor professores professora escola escolas aluno alunos estudante estudantes "
          "avaliação avaliações ensino formação aprendizagem universidade competências turma "
          "projeto projetos experiência experiências ferramenta ferramentas plataforma "
          "famílias inclusão acessibilidade digitalização estágio exame exames".split(),
    "pl": "nauczyciel nauczyciele nauczyciela szkoła szkoły szkole uczeń uczniowie uczniów "
          "student studenci ocena oceny nauczanie kształcenie uczenie kompetencje klasa projekt "
          "projekty doświadczenie narzędzie platforma rodzice dostępność cyfryzacja praktyki".split(),
    "cs": "učitel učitelé škola školy žák žáci student studenti hodnocení výuka vzdělávání "
          "učení kompetence třída projekt projekty zkušenost nástroj platforma rodiče".split(),
    "hu": "tanár tanárok iskola iskolák diák diákok hallgató értékelés oktatás képzés tanulás "
          "kompetenciák osztály projekt projektek tapasztalat eszköz platform szülők".split(),
    "ro": "profesor profesori școală școli elev elevi student studenți evaluare evaluări "
          "predare formare învățare competențe clasă proiect proiecte experiență platformă".split(),
}
STOP_FALLBACK = {"pl": "i w na z do nie się że to jest jak o po ale od za".split(),
                 "cs": "a v na se je že to s z do o jak ale k by".split(),
                 "ro": "și în la de cu pe că nu se o un a din pentru".split()}
LANGUAGE_SHARE = {"en": 34, "de": 12, "fr": 10, "es": 7, "it": 6, "nl": 5, "pl": 5, "sv": 4,
                  "pt": 4, "da": 3, "fi": 3, "cs": 3, "hu": 2, "ro": 2}
SECTORS = ("early-childhood", "school", "vet", "higher-education", "adult-learning", "cross-sector")
TAGS = ("accessibility ai assessment inclusion erasmus moodle wellbeing policy research "
        "apprenticeships maths languages stem citizenship climate").split()
_SYLLABLES = "ka lo mi ne ta ri so ve du pa le ko si mu ra ni to be ga fe li no".split()


class Corpus:
    """Deterministic generator of posts: dicts with language, title, body, sector, author, tags."""

    def __init__(self, seed=7, tail_words=60_000):
        self.rng = random.Random(seed)
        self.tail = [self._pseudo_word() for _ in range(tail_words)]
        self.vocab = {}
        for code, words in DOMAIN.items():
            stops = list(self._stops(code))[:60]
            self.vocab[code] = (stops, words)
        self.languages = list(LANGUAGE_SHARE)
        self.weights = [LANGUAGE_SHARE[code] for code in self.languages]

    @staticmethod
    def _stops(code):
        try:
            return sorted(stopwords_for_language(code))
        except Exception:
            return STOP_FALLBACK.get(code, [])

    def _pseudo_word(self):
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 4)))

    def _zipf(self, items, alpha=1.1):
        rank = min(int(self.rng.paretovariate(alpha)), len(items)) - 1
        return items[rank]

    def sentence(self, code):
        stops, domain = self.vocab[code]
        words = []
        for _ in range(self.rng.randint(6, 18)):
            roll = self.rng.random()
            if roll < 0.42 and stops:
                words.append(self.rng.choice(stops))
            elif roll < 0.80:
                words.append(self._zipf(domain, 0.9))
            elif roll < 0.90:
                words.append(self._zipf(SHARED, 0.9))
            else:
                words.append(self._zipf(self.tail, 0.6))
        return " ".join(words).capitalize() + "."

    def post(self, number):
        code = self.rng.choices(self.languages, self.weights)[0]
        length = max(1, min(int(self.rng.lognormvariate(1.4, 0.8)), 60))
        body = " ".join(self.sentence(code) for _ in range(length))
        title = self.sentence(code)[:-1][:90]
        return {"language": code, "title": title, "body": body,
                "sector": SECTORS[number % len(SECTORS)], "author": f"user{self.rng.randint(1, 2000)}",
                "tags": sorted(set(self.rng.sample(TAGS, self.rng.randint(0, 3))))}
