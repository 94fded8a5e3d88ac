-- Read models that keep the distributor centre fast at 100k distributors
-- and 1M orders, each written in the transaction of the change it counts.

-- Exact histogram of every leaderboard board (internal/leaderboard
-- rank.go), so "my rank" sums a few hundred rows instead of counting every
-- distributor ahead. A value's bucket is digits * 100 + its two leading
-- digits, its sub-bucket digits * 100000 + its five leading digits (both
-- mirrored below zero as -1 - f(-1 - value)), so both rise with the value.
-- n counts the distributors of level 0: a bucket; level 1: a sub-bucket;
-- level 2: a sub-bucket of one value (magnitude below 100000) within a
-- block of 1024 distributor ids. Unused columns are 0. Cells are never
-- deleted (their keys do not grow with history).
CREATE TABLE leaderboard_rank_cells (
    metric       VARCHAR(16) NOT NULL,
    period_kind  VARCHAR(8) NOT NULL,
    period_key   VARCHAR(16) NOT NULL,
    level        SMALLINT NOT NULL,
    bucket       INTEGER NOT NULL,
    sub          INTEGER NOT NULL,
    id_block     INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (metric, period_kind, period_key, level, bucket, sub, id_block)
) WITHOUT ROWID;

INSERT INTO leaderboard_rank_cells (metric, period_kind, period_key, level, bucket, sub, id_block, n)
SELECT metric, period_kind, period_key, 1, bucket, sub, 0, COUNT(*)
FROM (SELECT metric, period_kind, period_key,
        CASE WHEN value >= 0 THEN LENGTH(CAST(value AS TEXT)) * 100 + CAST(SUBSTR(CAST(value AS TEXT), 1, 2) AS INTEGER)
            ELSE -1 - (LENGTH(CAST(-1 - value AS TEXT)) * 100 + CAST(SUBSTR(CAST(-1 - value AS TEXT), 1, 2) AS INTEGER)) END AS bucket,
        CASE WHEN value >= 0 THEN LENGTH(CAST(value AS TEXT)) * 100000 + CAST(SUBSTR(CAST(value AS TEXT), 1, 5) AS INTEGER)
            ELSE -1 - (LENGTH(CAST(-1 - value AS TEXT)) * 100000 + CAST(SUBSTR(CAST(-1 - value AS TEXT), 1, 5) AS INTEGER)) END AS sub
    FROM leaderboard_counters) c
GROUP BY metric, period_kind, period_key, bucket, sub;

INSERT INTO leaderboard_rank_cells (metric, period_kind, period_key, level, bucket, sub, id_block, n)
SELECT metric, period_kind, period_key, 2, bucket, sub, id_block, COUNT(*)
FROM (SELECT metric, period_kind, period_key,
        CASE WHEN value >= 0 THEN LENGTH(CAST(value AS TEXT)) * 100 + CAST(SUBSTR(CAST(value AS TEXT), 1, 2) AS INTEGER)
            ELSE -1 - (LENGTH(CAST(-1 - value AS TEXT)) * 100 + CAST(SUBSTR(CAST(-1 - value AS TEXT), 1, 2) AS INTEGER)) END AS bucket,
        CASE WHEN value >= 0 THEN LENGTH(CAST(value AS TEXT)) * 100000 + CAST(SUBSTR(CAST(value AS TEXT), 1, 5) AS INTEGER)
            ELSE -1 - (LENGTH(CAST(-1 - value AS TEXT)) * 100000 + CAST(SUBSTR(CAST(-1 - value AS TEXT), 1, 5) AS INTEGER)) END AS sub,
        distributor_id / 1024 AS id_block
    FROM leaderboard_counters WHERE value >= -100000 AND value < 100000) c
GROUP BY metric, period_kind, period_key, bucket, sub, id_block;

INSERT INTO leaderboard_rank_cells (metric, period_kind, period_key, level, bucket, sub, id_block, n)
SELECT metric, period_kind, period_key, 0, bucket, 0, 0, SUM(n)
FROM leaderboard_rank_cells WHERE level = 1
GROUP BY metric, period_kind, period_key, bucket;

-- How many events a counter row sums (1 for rows older than this
-- migration): the upsert's RETURNING tells a row it created (1) from one
-- it updated, so the histogram moves the distributor exactly.
ALTER TABLE leaderboard_counters ADD COLUMN events INTEGER NOT NULL DEFAULT 1;

-- Paid orders attributed to the distributor at tier 1 (orders.distributor_id
-- with paid_at set), counted by the commission domain in the payment's
-- transaction, so the distributor centre never counts orders.
ALTER TABLE distributors ADD COLUMN paid_orders INTEGER NOT NULL DEFAULT 0;
UPDATE distributors SET paid_orders =
    (SELECT COUNT(*) FROM orders WHERE orders.distributor_id = distributors.id AND orders.paid_at IS NOT NULL);
