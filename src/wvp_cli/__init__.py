"""wvp: Wet verbetering poortwachter dossiers as YAML files, checked to the day."""

__version__ = "0.1.0"
