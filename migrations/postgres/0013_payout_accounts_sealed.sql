-- Payout account numbers and real names are sealed at rest (AES-256-GCM
-- with a key derived from the server secret; package sealed), which makes
-- them longer than the plain values. account_digest is a keyed hash of
-- kind + account, for duplicate checks without decrypting. Rows stored
-- before this migration are sealed on start (withdrawal.SealLegacy).
ALTER TABLE payout_accounts ALTER COLUMN account TYPE TEXT;
ALTER TABLE payout_accounts ALTER COLUMN real_name TYPE TEXT;
ALTER TABLE payout_accounts ADD COLUMN account_digest VARCHAR(64) NOT NULL DEFAULT '';
CREATE INDEX payout_accounts_digest ON payout_accounts (distributor_id, account_digest);
