"""Rule pack: loading, validation, extends, caching, vocabularies, language profiles, patterns."""
