"""editorial-lint: an editorial compliance linter for news articles (credits, image credits, attribution)."""

__version__ = "0.1.0"
