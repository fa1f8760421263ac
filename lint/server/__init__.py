"""`editorial-lint serve`: the checking service for CMSes and the standards desk's web page (docs/service.md)."""
