-- Cumulative figures that distributor levels are reached by, kept in the
-- transaction of the money event (referral.Progress): sales_total is the
-- paid amount of orders attributed at tier 1, less refunds; settled_total
-- is commission settled to the distributor's available balance.
ALTER TABLE distributors ADD COLUMN sales_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE distributors ADD COLUMN settled_total INTEGER NOT NULL DEFAULT 0;
UPDATE distributors SET
    sales_total = COALESCE((SELECT SUM(pay_amount - refunded_amount) FROM orders
        WHERE orders.distributor_id = distributors.id AND orders.paid_at IS NOT NULL), 0),
    settled_total = COALESCE((SELECT SUM(amount - reversed_amount) FROM commission_records
        WHERE commission_records.distributor_id = distributors.id AND commission_records.status = 'settled'), 0);
