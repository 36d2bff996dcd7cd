"""A separate process that writes posts and edits while other processes do the same
(run by test_writer.py: python -m tests.forum.search.writer_worker '<json>')."""
import json
import sys


def main(options):
    from forum import create_app
    from forum.adapters import search
    from forum.services import posting
    from models import Post, Thread, User, db

    app = create_app("testing", OUTBOX_SYNCHRONOUS=False, **options["config"])
    with app.app_context():
        author = db.session.get(User, options["author_id"])
        editor = db.session.get(User, options["editor_id"])
        thread = db.session.get(Thread, options["thread_id"])
        proc = options["proc"]
        for n in range(options["posts"]):
            posting.reply(author, thread.id, f"Reply token p{proc}n{n} from a busy process.")
            if n < options["edits"]:
                shared = db.session.get(Post, options["shared_post_id"])
                posting.edit_post(editor, shared.id, f"Shared post edited: token e{proc}n{n}.")
            db.session.expire_all()
        if not search.wait(60):
            sys.exit("search updates were not applied in time")


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
