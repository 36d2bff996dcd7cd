"""Render time of hostile Markdown at the maximum post length: stock, before and after one-sweep.

    .venv/bin/python bench/markdown.py [--timeout 20] [--only KIND] [--skip-stock]

Each input is rendered in a child process (CPU time, warm imports), printing three columns:
"stock" (python-markdown and bleach exactly as configured before the bounds, stopped after
--timeout seconds and printed as ">N s"), "before" (the bounded renderer with python-markdown's
own inline pass, which rebuilds the text after every match, and bleach's own tokenizer, one
token per `&`) and "after" (the bounded renderer as shipped). Target: every kind under 100 ms.
"""
import argparse
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is named like the library: keep its own directory off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))


def _fill(unit, length, prefix=""):
    return (prefix + unit * (length // len(unit) + 1))[:length]


def _mixed(length, seed=7):
    rng = random.Random(seed)
    units = ["[", "![", "`", "(", "<b>", "<a>", "<http://", "> ", "a-", "a.", "x", "_a", "|", "&", "<", "\\"]
    out = []
    while sum(map(len, out)) < length:
        out.append(rng.choice(units) * rng.randint(50, 2000))
    return "".join(out)[:length]


_DENSE = """## A heading with *emphasis* and `code`

Thanks @anna, see [the guide](https://example.eu/guide "Guide") and https://europa.eu/x_(y).
Some **strong** and _em_ text, `inline code`, an ![image](/static/img/logo.png) and <b>raw</b>
HTML, 3 < 4 & 5 > 2, escapes \\*like\\* these, and mail to anna@example.eu.

> A quote with a [reference link][r] and a <https://example.org/auto> link.
> > Nested, with `more code` and *more emphasis*.

- a list item with [a link](http://a.example.eu/p?q=1&r=2)
- another with **bold `code`** inside
    1. nested, ordered
    2. and a line break  
       here

| a | b |
|:--|--:|
| [x](http://x.eu) | `y` |

```python
print("[not a link](x) <b>")
```

[r]: https://example.eu/r

"""


def inputs(length):
    """{kind: source} for every hostile kind found, each exactly `length` characters."""
    kinds = {
        "open brackets [": "[", "image openers ![": "![", "backticks `": "`", "backtick pairs `a": "`a",
        "unclosed <b>": "<b>", "unclosed <a>": "<a>", "autolink openers <http://": "<http://",
        "quote markers > ": "> ", "hyphen run a-": "a-", "dot run a.": "a.", "local part x": "x",
        "underscores _a": "_a", "table pipes |": "|", "ampersands &": "&", "angles <": "<",
        "backslashes \\": "\\", "[] pairs": "[]", "references [a]": "[a]",
        "balanced <b>x</b>": "<b>x</b>", "code spans `a` ": "`a` ", "emphasis *a* ": "*a* ",
        "links [a](b) ": "[a](b) ",
    }
    out = {kind: _fill(unit, length) for kind, unit in kinds.items()}
    out["parens after [a](http://x/"] = _fill("(", length, "[a](http://x/")
    out["random mix of the above"] = _mixed(length)
    out["realistic dense post"] = _fill(_DENSE, length)
    return out


def _stock_renderer():
    from functools import partial

    import bleach
    import markdown
    from bleach.linkifier import LinkifyFilter

    from forum.adapters import text

    def render(source):
        md = markdown.Markdown(extensions=["fenced_code", "tables", "sane_lists",
                                           text.DemoteHeadingsExtension()],
                               extension_configs={"tables": {"use_align_attribute": True}},
                               output_format="html")
        cleaner = bleach.Cleaner(
            tags=text.ALLOWED_TAGS, attributes=text._allow_attribute, protocols=text.ALLOWED_PROTOCOLS,
            strip=True, strip_comments=True, filters=[partial(
                LinkifyFilter, skip_tags={"pre", "code"}, callbacks=[text._set_rel], parse_email=True)])
        return cleaner.clean(md.convert(text.clean_source(source)))
    return render


def _child(kind, variant):
    """Runs in the child: render one input, print the CPU seconds."""
    import time

    if variant == "before":  # python-markdown's own inline pass and bleach's own tokenizer
        import markdown.treeprocessors

        from forum.adapters.text import bounds as text_bounds
        from forum.adapters.text import tokens as text_tokens
        text_bounds.SinglePassInline = markdown.treeprocessors.InlineProcessor
        text_tokens.use_whole_text_parser = lambda cleaner: cleaner
    from config import Config
    from forum.adapters.text import render_markdown

    render = _stock_renderer() if variant == "stock" else (
        lambda s: render_markdown(s, resolve_mentions=None))
    render("warm *up* [a](http://b.eu) <b>x</b> `c` a@b.eu")
    source = inputs(Config.MAX_POST_LENGTH)[kind]
    started = time.process_time()
    render(source)
    print(time.process_time() - started)


def _measure(kind, variant, timeout):
    try:
        done = subprocess.run([sys.executable, __file__, "--child", kind, variant], capture_output=True,
                              text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f} s"
    return f"{float(done.stdout.strip()) * 1000:.0f} ms"


def main():
    """Print one row per hostile kind: stock and bounded render times."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--only")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        return _child(*args.child)
    from config import Config

    print(f"maximum post length {Config.MAX_POST_LENGTH:,} characters")
    print(f"{'kind':34} {'stock':>10} {'before':>10} {'after':>10}")
    for kind in inputs(10):
        if args.only and args.only not in kind:
            continue
        stock = "-" if args.skip_stock else _measure(kind, "stock", args.timeout)
        before, after = (_measure(kind, variant, args.timeout) for variant in ("before", "after"))
        print(f"{kind:34} {stock:>10} {before:>10} {after:>10}", flush=True)


if __name__ == "__main__":
    main()
