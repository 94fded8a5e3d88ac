package centre

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// The merchant's view of one distributor's customers, team and ledger:
// the same lists the distributor sees, by distributor id, for any status
// (removed distributors included, so disputes can still be settled).

// Ledger is a distributor's balances and its journal entries.
type Ledger struct {
	Balances map[ledger.Kind]money.Fen        `json:"balances"`
	Entries  page.Result[ledger.JournalEntry] `json:"entries"`
}

// AdminCustomers lists the distributor's bound shoppers. Errors: not_found.
func (s *Service) AdminCustomers(ctx context.Context, distributorID int64, p page.Request) (page.Result[Customer], error) {
	db := s.db.WithContext(ctx)
	if err := distributorExists(db, distributorID); err != nil {
		return page.Result[Customer]{}, err
	}
	return customersOf(db, distributorID, p)
}

// AdminTeam lists the distributors it invited. Errors: not_found.
func (s *Service) AdminTeam(ctx context.Context, distributorID int64, p page.Request) (page.Result[TeamMember], error) {
	db := s.db.WithContext(ctx)
	if err := distributorExists(db, distributorID); err != nil {
		return page.Result[TeamMember]{}, err
	}
	return teamOf(db, distributorID, p)
}

// AdminLedger returns the distributor's balances and journal entries,
// newest first, optionally only those touching one balance kind.
// Errors: not_found, invalid (kind).
func (s *Service) AdminLedger(ctx context.Context, distributorID int64, kind ledger.Kind, p page.Request) (*Ledger, error) {
	switch kind {
	case "", ledger.KindPending, ledger.KindAvailable, ledger.KindWithdrawing, ledger.KindPaidOut:
	default:
		return nil, apperr.InvalidField("kind", "must be pending, available, withdrawing or paid_out")
	}
	db := s.db.WithContext(ctx)
	if err := distributorExists(db, distributorID); err != nil {
		return nil, err
	}
	balances, err := ledger.Balances(ctx, db, ledger.OwnerDistributor, distributorID)
	if err != nil {
		return nil, err
	}
	entries, err := ledger.Entries(ctx, db, ledger.Filter{OwnerType: ledger.OwnerDistributor, OwnerID: distributorID, Kind: kind}, p)
	if err != nil {
		return nil, err
	}
	return &Ledger{Balances: balances, Entries: entries}, nil
}

func distributorExists(db *gorm.DB, id int64) error {
	var got int64
	err := db.Table("distributors").Select("id").Where("id = ?", id).Take(&got).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return apperr.NotFound("no such distributor")
	}
	if err != nil {
		return fmt.Errorf("load distributor %d: %w", id, err)
	}
	return nil
}
