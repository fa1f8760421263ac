"""Document stage: source decoding, the readers (text/Markdown, HTML, JSONL), the read-only document model with its derived views, and the source model (who speaks)."""
