"""The default document templates of `wvp render`, packaged from the top-level templates/."""
