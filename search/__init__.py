"""Search for the portal: Vietnamese analysis, the index schema, the indexer and the service.

The indexer (used by the build) and the service (a WSGI app over the read-only index)
share `analysis` and `schema`, which Whoosh pickles into the index.
"""
