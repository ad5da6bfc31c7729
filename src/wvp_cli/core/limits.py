"""The limits of reading one file (documented in the README). A module of their own, without
imports, so that the configuration and the cache can name them without loading the loader."""

#: Files larger than this are refused unread (`max_file_size` in wvp.toml changes it).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: A case file nests about five levels deep; anything past this is not a case file.
MAX_DEPTH = 50
