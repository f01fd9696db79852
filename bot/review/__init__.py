"""The bureau's review desk (docs/review.md): conversations read back from the tracker store
(store.py), filtered (filters.py) and counted (stats.py); a reviewed turn written into the
corpora and the NLU data (writeback.py); old conversations deleted (retention.py). The page
and its JSON API are bot/web/review_api.py."""
