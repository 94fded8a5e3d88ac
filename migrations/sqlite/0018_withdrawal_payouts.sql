-- Withdrawals paid through a provider (provider 'wechatpay' or 'alipay',
-- chosen at approval; 'manual' ones keep payout_state ''). payout_state:
-- queued -> sending -> processing | wait_user_confirm | canceling -> paid |
-- failed. "sending" is written before the transfer goes out, so a crash
-- leaves a row that is asked about (by out_biz_no W<id>) before anything is
-- sent again. payout_attempts counts sends: every send first bumps it with a
-- guarded update, and a withdrawal is only failed against the count it saw.
-- payout_package is WeChat's package_info while the distributor has to
-- confirm receipt; payout_sent_at is when the last send went out (WeChat
-- closes unconfirmed transfers 24 hours later). payout_next_at drives
-- the withdrawal.query_payouts poll.
ALTER TABLE withdrawals ADD COLUMN payout_state VARCHAR(24) NOT NULL DEFAULT '';
ALTER TABLE withdrawals ADD COLUMN payout_package TEXT NOT NULL DEFAULT '';
ALTER TABLE withdrawals ADD COLUMN payout_error VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE withdrawals ADD COLUMN payout_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE withdrawals ADD COLUMN payout_queries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE withdrawals ADD COLUMN payout_sent_at DATETIME;
ALTER TABLE withdrawals ADD COLUMN payout_next_at DATETIME;
CREATE INDEX withdrawals_payout_poll ON withdrawals (payout_state, payout_next_at);
