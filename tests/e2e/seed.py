"""A small fixed community for the browser tests: `python -m tests.e2e.seed`.

Run in the server's environment (same DATABASE_URL, index and instance folder) before
the server starts, through the services, so every side effect of a real write happens.
Prints the ids the tests need as `name=value` lines.
"""
from tests.support import PASSWORD

USERS = (
    ("anna", "member", {"display_name": "Anna Kowalska", "country": "PL", "organisation": "Szkoła 12",
                        "sector_of_work": "school", "bio": "Teacher of *physics* and a maker-space lead."}),
    ("ben", "member", {"display_name": "Ben Murphy", "country": "IE"}),
    ("mia", "moderator", {"display_name": "Mia Laine", "country": "FI"}),
    ("root", "admin", {"display_name": "Praxis Admin"}),
)
LONG_THREAD_POSTS = 45

SHORT_BODY = """We moved our apprentices' portfolios online this year.

What worked:

1. **Weekly** check-ins with the company mentor
2. A shared `rubric.md` in the repository
3. Short video diaries

| Tool | Cost |
|------|------|
| Mahara | free |

> Keep it simple.
"""


def seed():
    """Create the users and threads; returns the ids the tests refer to."""
    from forum.services import accounts, posting, reading

    users = {name: accounts.register(name, f"{name}@example.eu", PASSWORD, role=role, **profile)
             for name, role, profile in USERS}
    anna, ben, mia = users["anna"], users["ben"], users["mia"]
    short = posting.create_thread(anna, reading.get_sector("vet").id, "Apprenticeship portfolios online",
                                  SHORT_BODY, "assessment, vet")
    posting.reply(ben, short.id, "Video diaries worked for us too. How long were they?")
    long = posting.create_thread(ben, reading.get_sector("school").id, "Accessible digital textbooks: what works?",
                                 "Which **accessible** textbook formats do your schools use?", "accessibility, inclusion")
    posts = {}
    for number in range(2, LONG_THREAD_POSTS + 1):
        author = (anna, ben, mia)[number % 3]
        posts[number] = posting.reply(author, long.id, f"Reply {number}: EPUB 3 with *proper* headings and alt "
                                                     f"text, tested with a screen reader in class {number}.")
    posting.reply(anna, short.id, "A long link: https://example.eu/" + "very-long-path-segment" * 8
                  + " and `inline_code_that_is_rather_long_and_unbroken_for_small_screens`.")
    _moderate(users, posts)
    posting.create_thread(mia, reading.get_sector("higher-education").id, "Quality assurance for online courses",
                          "Share your checklists here.", "quality-assurance")
    posting.create_thread(ben, reading.get_sector("adult-learning").id, "AI tutors for adult learners",
                          "Has anyone piloted one?", "ai")
    return {"short_thread": short.id, "long_thread": long.id, "flagged_post": posts[3].id,
            "hidden_post": posts[5].id, "member_post": posts[2].id}


def _moderate(users, posts):
    """A flag waiting in the queue and a hidden post on the long thread's first page."""
    from forum.services.moderation import flags, hide

    flags.flag_post(users["ben"], posts[3].id, "off-topic")
    hide.hide_post(users["mia"], posts[5].id, "Personal data of a pupil.")


def main():
    from wsgi import app

    from forum.core.outbox.drainer import drain_synchronously

    with app.app_context():
        for key, value in seed().items():
            print(f"{key}={value}")
        drain_synchronously()  # index and announce the seed now, not to the first browser that loads a page


if __name__ == "__main__":
    main()
