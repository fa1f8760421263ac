"""Rule-pack stage: loading, validation, caching, vocabularies, profiles and patterns."""
