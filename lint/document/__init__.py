"""Documents: decoding, readers, the document model, segmentation, quotations, credits, language."""
