"""The document model: decoding, reading, segmentation, quotations, credits, sources."""
