"""`wvp serve`: the dossier repository as local web pages (Starlette, server-rendered Jinja in a
sandbox, no script). The pages show what the commands show, through the same functions; a step
recorded on a page goes through the writer of `wvp add`."""
