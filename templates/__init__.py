"""The default document templates of `wvp render` (Markdown with Jinja, and print.css)."""
