-- Payout accounts of distributors. account holds the alipay phone/email or
-- the bank card number and is never returned: responses carry masked.
-- WeChat accounts store no openid; it is read from wechat_identities when
-- paying. Deleting is soft (deleted_at), so old withdrawals keep a target.
CREATE TABLE payout_accounts (
    id             BIGSERIAL PRIMARY KEY,
    distributor_id BIGINT NOT NULL REFERENCES distributors (id),
    kind           VARCHAR(16) NOT NULL,
    account        VARCHAR(64) NOT NULL DEFAULT '',
    real_name      VARCHAR(64) NOT NULL DEFAULT '',
    bank_name      VARCHAR(64) NOT NULL DEFAULT '',
    masked         VARCHAR(128) NOT NULL,
    deleted_at     TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX payout_accounts_distributor ON payout_accounts (distributor_id, id);

-- Withdrawal requests. The payout target is snapshotted (masked) at request
-- time; status changes only through guarded updates in the transaction that
-- posts the matching ledger entry.
CREATE TABLE withdrawals (
    id                BIGSERIAL PRIMARY KEY,
    distributor_id    BIGINT NOT NULL REFERENCES distributors (id),
    shopper_id        BIGINT NOT NULL,
    payout_account_id BIGINT NOT NULL REFERENCES payout_accounts (id),
    payout_kind       VARCHAR(16) NOT NULL,
    payout_masked     VARCHAR(128) NOT NULL,
    amount            BIGINT NOT NULL,
    fee               BIGINT NOT NULL,
    net               BIGINT NOT NULL,
    status            VARCHAR(16) NOT NULL,
    provider          VARCHAR(16) NOT NULL DEFAULT 'manual',
    reason            VARCHAR(200) NOT NULL DEFAULT '',
    reference         VARCHAR(64) NOT NULL DEFAULT '',
    proof_url         VARCHAR(255) NOT NULL DEFAULT '',
    reviewed_by       BIGINT,
    reviewed_at       TIMESTAMPTZ,
    paid_at           TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX withdrawals_distributor ON withdrawals (distributor_id, id);
CREATE INDEX withdrawals_status ON withdrawals (status, id);

-- Per distributor and Asia/Shanghai day: requests made and amount asked.
-- A guarded upsert on this row enforces the daily limits race-free.
CREATE TABLE withdrawal_daily (
    distributor_id BIGINT NOT NULL,
    day            VARCHAR(10) NOT NULL,
    req_count      BIGINT NOT NULL,
    req_amount     BIGINT NOT NULL,
    PRIMARY KEY (distributor_id, day)
);
