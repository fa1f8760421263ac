"""Rule packs: loading, validation, caching, vocabularies, profiles, patterns."""
