-- Pending payment attempts are asked about on a schedule with back-off
-- (payment.query_pending), in case their notification is late or lost.
ALTER TABLE payments ADD COLUMN query_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN next_query_at DATETIME;
CREATE INDEX payments_next_query ON payments (status, next_query_at);
