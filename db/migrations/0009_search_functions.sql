-- Search over client companies (issue 6, design.md §8: no sequential scan of a big table,
-- also for 2-character Chinese searches).
--
-- pg_trgm indexes Latin text (English names, credit codes) but does not split Chinese:
-- its trigrams are made of "words", and a Chinese name is one long word whose
-- trigrams never match a 2-character query. So Chinese names also get their
-- characters and character pairs as an array (weidesk_cjk_grams), in a GIN index:
-- a query of n ≥ 2 characters asks for rows containing all its pairs, then LIKE
-- rechecks the order. pg_trgm is a trusted extension: the owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Every single character and every pair of adjacent characters of the lower-cased
-- input, whitespace removed. IMMUTABLE so generated columns may use it.
CREATE FUNCTION weidesk_cjk_grams(input text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH s(v) AS (SELECT regexp_replace(lower(input), '\s+', '', 'g'))
  SELECT coalesce(array_agg(DISTINCT g ORDER BY g), '{}'::text[])
  FROM (
    SELECT substr(s.v, i, 1) AS g FROM s, generate_series(1, length(s.v)) AS i
    UNION ALL
    SELECT substr(s.v, i, 2) FROM s, generate_series(1, length(s.v) - 1) AS i
  ) AS grams
$$;
