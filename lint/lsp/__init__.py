"""The language server: `editorial-lint lsp` (pygls, optional extra `editorial-lint[lsp]`)."""
