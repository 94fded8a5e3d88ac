-- Payout account numbers and real names are sealed at rest (AES-256-GCM
-- with a key derived from the server secret; package sealed); SQLite's
-- VARCHAR has no length limit, so only the digest column is new.
-- account_digest is a keyed hash of kind + account, for duplicate checks
-- without decrypting. Rows stored before this migration are sealed on
-- start (withdrawal.SealLegacy).
ALTER TABLE payout_accounts ADD COLUMN account_digest VARCHAR(64) NOT NULL DEFAULT '';
CREATE INDEX payout_accounts_digest ON payout_accounts (distributor_id, account_digest);
