-- Every paid order moves its earners in the rank histogram, and the coarse
-- cells are shared by all distributors whose values fall in one bucket, so
-- concurrent payments queued behind those rows' locks. Each cell is now
-- split over shards (distributor id mod 8); readers add the shards up, as
-- they already sum cells. Existing counts stay in shard 0.
ALTER TABLE leaderboard_rank_cells ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE leaderboard_rank_cells DROP CONSTRAINT leaderboard_rank_cells_pkey;
ALTER TABLE leaderboard_rank_cells ADD PRIMARY KEY (metric, period_kind, period_key, level, bucket, sub, id_block, shard);
