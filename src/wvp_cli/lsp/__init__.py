"""`wvp lsp`: the findings of `wvp check`, the legal sources and fixes inside the editor.

`workspace` holds the repository (a result per case file, open documents as typed), `features`
decides what the editor shows and offers, `schema` reads the case format, `text` knows positions
and indentation, and `server` speaks the Language Server Protocol (pygls).
"""
