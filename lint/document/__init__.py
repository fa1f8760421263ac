"""Document stage: source decoding, the readers (text/Markdown, HTML, JSONL) and the read-only document model with its derived views."""
