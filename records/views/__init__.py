"""The public pages: `records` holds the list and detail pages of the record
types, `site` the pages around them (home, search, topics, feeds, health)."""
