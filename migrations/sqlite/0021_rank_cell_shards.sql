-- Every paid order moves its earners in the rank histogram, and the coarse
-- cells are shared by all distributors whose values fall in one bucket, so
-- concurrent payments queued behind those rows' locks (on PostgreSQL). Each
-- cell is now split over shards (distributor id mod 8); readers add the
-- shards up, as they already sum cells. Existing counts stay in shard 0.
-- SQLite cannot change a primary key in place: the table is rebuilt.
CREATE TABLE leaderboard_rank_cells_sharded (
    metric       VARCHAR(16) NOT NULL,
    period_kind  VARCHAR(8) NOT NULL,
    period_key   VARCHAR(16) NOT NULL,
    level        SMALLINT NOT NULL,
    bucket       INTEGER NOT NULL,
    sub          INTEGER NOT NULL,
    id_block     INTEGER NOT NULL,
    shard        SMALLINT NOT NULL DEFAULT 0,
    n            INTEGER NOT NULL,
    PRIMARY KEY (metric, period_kind, period_key, level, bucket, sub, id_block, shard)
) WITHOUT ROWID;
INSERT INTO leaderboard_rank_cells_sharded (metric, period_kind, period_key, level, bucket, sub, id_block, shard, n)
SELECT metric, period_kind, period_key, level, bucket, sub, id_block, 0, n FROM leaderboard_rank_cells;
DROP TABLE leaderboard_rank_cells;
ALTER TABLE leaderboard_rank_cells_sharded RENAME TO leaderboard_rank_cells;
