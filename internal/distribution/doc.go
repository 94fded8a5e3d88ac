// Package distribution is the bounded context of Fenxiao's two-tier
// distribution (referral) programme. It has no code of its own; its
// packages are:
//
//   - referral: distributors, applications, levels, buyers' bindings and
//     the distributor's shop page; attribution of an order to its tier-1
//     and tier-2 distributors;
//   - commission: what each tier earns on an order line, accrued at
//     payment, settled after the after-sales window, reversed by refunds;
//   - ledger: the append-only double-entry journal every commission and
//     withdrawal movement is posted to, with cached balances;
//   - withdrawal: payout accounts and withdrawals of available commission;
//   - leaderboard: distributor rankings by sales, commission and new
//     customers;
//   - notify: in-app notifications (and extra channels) for shoppers and
//     distributors.
//
// # Table owners
//
// Every table has exactly one owning package, named by the "Tables:" line
// of that package's doc comment (the only list of owners; a test in
// internal/app reads those lines and fails when a package writes a table
// it does not own). Only the owner writes its tables; another package
// calls the owner's functions, which run in the caller's transaction
// (referral.Service.CountPaidOrders, ledger.PostMany, catalog.TakeStock),
// through a small interface it declares. The read models
// (internal/readmodel) read any table and write only their own.
//
// # Lock order
//
// A payment, a refund and a settlement of one distributor run
// concurrently on PostgreSQL; they do not deadlock because each takes the
// row locks it needs in this one order (a transaction skips the steps it
// does not need, never goes back to an earlier one, and takes the rows of
// one step in the order given). The payment transaction, which confirms a
// batch of payment attempts (a single confirmation is a batch of one):
//
//  1. payment attempts (payments rows), moved to paid by a guarded update;
//  2. orders, moved to paid by a guarded update (their order_events rows
//     are inserted, nothing waits on them);
//  3. the buyers' bindings (referral: MarkPurchase, LockOnPaid);
//  4. distributor rows, in id order (referral: CountPaidOrders for the
//     tier-1 distributors of a payment, LockDistributors for the earners
//     of a refund or a settlement), with FOR NO KEY UPDATE on PostgreSQL:
//     the lock an UPDATE takes, which does not block the foreign-key checks
//     of the commission records other transactions insert for those
//     distributors. Every later change of these rows in the transaction
//     (paid_orders, sales_total, settled_total, level_id: referral
//     progress) is to rows already held. Commission records are settled
//     or reversed only while their distributor's row is held; a payment
//     inserts them without locking its tier-2 distributor's row (the
//     foreign-key check's KEY SHARE lock does not conflict with FOR NO KEY
//     UPDATE);
//  5. ledger balances, in account id order (ledger: Lock, PostMany, Post;
//     accounts missing are created first, in account order), FOR NO KEY
//     UPDATE on PostgreSQL. A transaction that posts in several calls
//     (a refund) takes them all at once with ledger.Lock first;
//  6. nothing shared: notifications and leaderboard events are inserted
//     under unique keys (ON CONFLICT DO NOTHING) and lock no existing row.
//     The leaderboard's counters and rank cells are not written in the
//     payment transaction at all: leaderboard.CountPending counts the
//     events after commit, in its own transaction, locking pending events
//     in key order, then counter rows in counterKey order (metric, period,
//     period key, distributor), then rank cells in cell order;
//  7. products, in id order, last (the sales counter catalog.AddSales
//     updates, through order): every payment of a popular product updates
//     its row, so that lock is held for the shortest time.
//
// The confirmations are recorded (payment_confirmations, unique keys) at
// the end. SQLite has one writer at a time and takes no row locks, so the
// order matters there only as the order of the statements.
package distribution
