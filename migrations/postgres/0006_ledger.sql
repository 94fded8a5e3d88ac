-- Double-entry commission ledger (internal/ledger). Append-only: journal
-- rows are never updated or deleted; corrections are reversing entries.
-- Amounts are signed fen; the lines of one entry sum to zero.

-- One account per (owner_type, owner_id, kind), created on first posting.
CREATE TABLE ledger_accounts (
    id          BIGSERIAL PRIMARY KEY,
    owner_type  VARCHAR(16) NOT NULL,
    owner_id    BIGINT NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ledger_accounts_owner_kind ON ledger_accounts (owner_type, owner_id, kind);

-- A journal entry (one posting). idem_key makes posting idempotent.
CREATE TABLE ledger_entries (
    id          BIGSERIAL PRIMARY KEY,
    idem_key    VARCHAR(128) NOT NULL,
    type        VARCHAR(32) NOT NULL,
    ref_type    VARCHAR(32) NOT NULL DEFAULT '',
    ref_id      BIGINT NOT NULL DEFAULT 0,
    memo        VARCHAR(255) NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ledger_entries_idem_key ON ledger_entries (idem_key);
CREATE INDEX ledger_entries_ref ON ledger_entries (ref_type, ref_id);
CREATE INDEX ledger_entries_type ON ledger_entries (type, created_at);

-- balance_after is the account's balance right after this line, so a
-- statement shows running balances without re-summing history.
CREATE TABLE ledger_lines (
    id             BIGSERIAL PRIMARY KEY,
    entry_id       BIGINT NOT NULL REFERENCES ledger_entries (id),
    account_id     BIGINT NOT NULL REFERENCES ledger_accounts (id),
    amount         BIGINT NOT NULL,
    balance_after  BIGINT NOT NULL,
    CHECK (amount <> 0)
);
CREATE INDEX ledger_lines_entry ON ledger_lines (entry_id);
CREATE INDEX ledger_lines_account ON ledger_lines (account_id, id);

-- Cached balance per account, updated in the same transaction as the lines;
-- it must always equal SUM(ledger_lines.amount) of the account. (BIGINT
-- refuses an overflowing sum; the SQLite file has a CHECK for the same.)
CREATE TABLE account_balances (
    account_id  BIGINT PRIMARY KEY REFERENCES ledger_accounts (id),
    balance     BIGINT NOT NULL DEFAULT 0,
    updated_at  TIMESTAMPTZ NOT NULL
);
