package testkit

import (
	"fmt"
	"sync/atomic"
	"testing"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/money"
)

var fundSeq atomic.Int64

// FundDistributor credits a distributor's available balance directly in
// the ledger (merchant commission_expense -> distributor available), as a
// settled commission would. A negative amount claws back (available may go
// negative).
func (a *App) FundDistributor(t testing.TB, distributorID int64, amount money.Fen) {
	t.Helper()
	key := fmt.Sprintf("testkit:fund:%d:%d", distributorID, fundSeq.Add(1))
	_, err := ledger.Post(Ctx(), a.DB.Gorm, ledger.Entry{Key: key, Type: ledger.TypeCommissionSettle, RefType: "test",
		Lines: []ledger.Line{
			{Account: ledger.Merchant(ledger.KindCommissionExpense), Amount: -amount},
			{Account: ledger.Distributor(distributorID, ledger.KindAvailable), Amount: amount},
		}})
	if err != nil {
		t.Fatalf("fund distributor %d: %v", distributorID, err)
	}
}

// SetWithdrawalSettings stores the withdrawal rules.
func (a *App) SetWithdrawalSettings(t testing.TB, s withdrawal.Settings) {
	t.Helper()
	if _, err := a.Withdrawals.SaveSettings(Ctx(), fixtureActor, s); err != nil {
		t.Fatalf("save withdrawal settings: %v", err)
	}
}
