-- Free-text search: a short pending list for the trigram index. Owned by query-service.
--
-- A GIN index first appends new entries to a pending list, merged into the index once the list outgrows
-- gin_pending_list_limit (4 MB by default), and every search reads the whole list. Each write to a lead (a
-- rescore too: the score is indexed, so the update adds new entries for the row) appends about a hundred
-- entries, so a busy table keeps a list of 400-500 pages, which cost every search 3-5 ms per index scan on the
-- benchmark's million leads. At 256 kB (32 pages) the list costs a search a fraction of a millisecond; writes
-- merge it 16 times as often (in the benchmark's worst case, 20,000 random score updates in one statement, that
-- made them about a third slower).

ALTER INDEX leads_day_search_idx SET (gin_pending_list_limit = 256);
