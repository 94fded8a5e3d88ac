package ledger_test

import (
	"fmt"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// The merchant's commission expense is spread over shards by order id, and
// reading it adds every shard up: for Balance (whichever shard it names)
// and Balances alike.
func TestMerchantBalanceAddsUpShards(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		var total money.Fen
		for order := int64(1); order <= 3*ledger.MerchantShards; order++ {
			amount := money.Fen(100 + order)
			total += amount
			shard := ledger.MerchantShard(ledger.KindCommissionExpense, order)
			if want := order % ledger.MerchantShards; shard.OwnerID != want {
				t.Fatalf("order %d: shard %d, want %d", order, shard.OwnerID, want)
			}
			mustPost(t, db, move(fmt.Sprintf("order:%d:accrue", order), ledger.TypeCommissionAccrue, shard, pending(order%5+1), amount, false), true)
		}
		for _, a := range []ledger.Account{ledger.Merchant(ledger.KindCommissionExpense), ledger.MerchantShard(ledger.KindCommissionExpense, 7)} {
			got, err := ledger.Balance(ctx, db, a)
			if err != nil || got != -total {
				t.Fatalf("Balance(%v) = %d, %v; want %d", a, got, err, -total)
			}
		}
		all, err := ledger.Balances(ctx, db, ledger.OwnerMerchant, 0)
		if err != nil || all[ledger.KindCommissionExpense] != -total || all[ledger.KindAdjustment] != 0 {
			t.Fatalf("Balances = %v, %v; want expense %d", all, err, -total)
		}
		journal, err := ledger.Entries(ctx, db, ledger.Filter{OwnerType: ledger.OwnerMerchant, Kind: ledger.KindCommissionExpense}, page.Request{Size: 100})
		if err != nil || journal.Total != 3*ledger.MerchantShards {
			t.Fatalf("merchant journal has %d entries, %v; want all %d shards' entries", journal.Total, err, 3*ledger.MerchantShards)
		}
		if r := wantClean(t, db); r.Accounts != ledger.MerchantShards+5 {
			t.Fatalf("%d accounts, want %d shards and 5 distributors", r.Accounts, ledger.MerchantShards+5)
		}
	})
}
