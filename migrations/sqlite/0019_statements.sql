-- Daily statement reconciliation: one report per provider and China
-- Standard Time day comparing the provider's trade bill with our paid
-- payments and succeeded refunds. Re-running a day replaces its report (the
-- row keeps its id) and all its mismatches in one transaction.
-- status: balanced | mismatched | failed (failure says why; retried later).
-- no_bill: the provider had no bill for the day (no trades there).
CREATE TABLE statement_reports (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    provider             VARCHAR(16) NOT NULL,
    day                  VARCHAR(10) NOT NULL,
    status               VARCHAR(16) NOT NULL,
    failure              VARCHAR(255) NOT NULL DEFAULT '',
    no_bill              BOOLEAN NOT NULL DEFAULT FALSE,
    our_payment_count    INTEGER NOT NULL DEFAULT 0,
    our_payment_total    BIGINT NOT NULL DEFAULT 0,
    bill_payment_count   INTEGER NOT NULL DEFAULT 0,
    bill_payment_total   BIGINT NOT NULL DEFAULT 0,
    our_refund_count     INTEGER NOT NULL DEFAULT 0,
    our_refund_total     BIGINT NOT NULL DEFAULT 0,
    bill_refund_count    INTEGER NOT NULL DEFAULT 0,
    bill_refund_total    BIGINT NOT NULL DEFAULT 0,
    mismatch_count       INTEGER NOT NULL DEFAULT 0,
    missing_here_count   INTEGER NOT NULL DEFAULT 0,
    missing_there_count  INTEGER NOT NULL DEFAULT 0,
    amount_differs_count INTEGER NOT NULL DEFAULT 0,
    status_differs_count INTEGER NOT NULL DEFAULT 0,
    run_by               VARCHAR(64) NOT NULL DEFAULT '',
    started_at           DATETIME NOT NULL,
    finished_at          DATETIME NOT NULL,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);
CREATE UNIQUE INDEX statement_reports_day ON statement_reports (provider, day);
CREATE INDEX statement_reports_list ON statement_reports (day, provider);

-- One difference between the bill and our records. entry: payment (keyed
-- by out_trade_no) or refund (keyed by out_refund_no). Amounts are NULL on
-- the side that has no such entry.
CREATE TABLE statement_mismatches (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id     INTEGER NOT NULL REFERENCES statement_reports (id),
    kind          VARCHAR(16) NOT NULL,
    entry         VARCHAR(8) NOT NULL,
    out_trade_no  VARCHAR(64) NOT NULL DEFAULT '',
    out_refund_no VARCHAR(64) NOT NULL DEFAULT '',
    provider_ref  VARCHAR(64) NOT NULL DEFAULT '',
    our_amount    BIGINT,
    bill_amount   BIGINT,
    our_status    VARCHAR(16) NOT NULL DEFAULT '',
    bill_status   VARCHAR(32) NOT NULL DEFAULT '',
    note          VARCHAR(255) NOT NULL DEFAULT ''
);
CREATE INDEX statement_mismatches_report ON statement_mismatches (report_id, id);
