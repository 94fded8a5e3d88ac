package withdrawal

import (
	"context"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// RequestInput is a withdrawal request.
type RequestInput struct {
	Amount          money.Fen `json:"amount"` // fen
	PayoutAccountID int64     `json:"payout_account_id"`
}

func entryKey(id int64, step string) string {
	return "withdrawal:" + strconv.FormatInt(id, 10) + ":" + step
}

// Request moves amount from available to withdrawing and records a pending
// withdrawal, all in one transaction. The fee is Settings.Fee(amount).
// Errors: forbidden (not_a_distributor), invalid (amount: below_minimum,
// net_zero; payout_account_id), not_found (payout account), conflict
// (negative_balance: a clawback is outstanding; insufficient_funds;
// daily_limit).
func (s *Service) Request(ctx context.Context, shopperID int64, in RequestInput) (*Withdrawal, error) {
	d, err := s.active(ctx, shopperID)
	if err != nil {
		return nil, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	w, err := s.checkRequest(d, st, in)
	if err != nil {
		return nil, err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return s.request(ctx, tx, st, w)
	})
	if err != nil {
		return nil, err
	}
	w.fill()
	return w, nil
}

// checkRequest validates the amount against the rules and builds the row.
func (s *Service) checkRequest(d *referral.Distributor, st Settings, in RequestInput) (*Withdrawal, error) {
	switch {
	case in.Amount <= 0 || in.Amount > ledger.MaxAmount:
		return nil, apperr.InvalidField("amount", "must be a positive number of fen")
	case in.Amount < st.MinAmount:
		return nil, apperr.InvalidField("amount", "is below the minimum of "+st.MinAmount.Yuan()+" yuan").WithReason("below_minimum")
	case in.Amount > st.DailyMaxAmount:
		return nil, apperr.Conflict("at most %s yuan may be withdrawn a day", st.DailyMaxAmount.Yuan()).WithReason("daily_limit")
	case in.PayoutAccountID <= 0:
		return nil, apperr.InvalidField("payout_account_id", "is required")
	}
	fee := st.Fee(in.Amount)
	if in.Amount-fee <= 0 {
		return nil, apperr.InvalidField("amount", "leaves nothing after the fee").WithReason("net_zero")
	}
	now := database.Now()
	return &Withdrawal{DistributorID: d.ID, ShopperID: d.ShopperID, PayoutAccountID: in.PayoutAccountID,
		Amount: in.Amount, Fee: fee, Net: in.Amount - fee, Status: StatusPending, Provider: ProviderManual,
		CreatedAt: now, UpdatedAt: now}, nil
}

func (s *Service) request(ctx context.Context, tx *gorm.DB, st Settings, w *Withdrawal) error {
	acct, err := findAccount(tx, w.DistributorID, w.PayoutAccountID)
	if err != nil {
		return err
	}
	w.PayoutKind, w.PayoutMasked = acct.Kind, acct.Masked
	avail, err := ledger.Balance(ctx, tx, ledger.Distributor(w.DistributorID, ledger.KindAvailable))
	if err != nil {
		return err
	}
	if avail < 0 {
		return apperr.Conflict("a refund took back more commission than is available; withdrawals resume once the balance is positive").WithReason("negative_balance")
	}
	ok, err := countDaily(tx, w.DistributorID, dayOf(w.CreatedAt), w.Amount, st)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Conflict("the daily withdrawal limit (%d requests, %s yuan) is reached", st.DailyMaxCount, st.DailyMaxAmount.Yuan()).WithReason("daily_limit")
	}
	if err := tx.Create(w).Error; err != nil {
		return fmt.Errorf("create withdrawal: %w", err)
	}
	_, err = ledger.Post(ctx, tx, ledger.Entry{Key: entryKey(w.ID, "request"), Type: ledger.TypeWithdrawRequest,
		RefType: "withdrawal", RefID: w.ID, Lines: []ledger.Line{
			{Account: ledger.Distributor(w.DistributorID, ledger.KindAvailable), Amount: -w.Amount, RequireNonNegative: true},
			{Account: ledger.Distributor(w.DistributorID, ledger.KindWithdrawing), Amount: w.Amount},
		}})
	return err
}

// Mine lists the shopper's own withdrawals, newest first.
// Errors: forbidden (not_a_distributor).
func (s *Service) Mine(ctx context.Context, shopperID int64, p page.Request) (page.Result[Withdrawal], error) {
	d, err := s.distributors.Mine(ctx, shopperID)
	if err != nil {
		return page.Result[Withdrawal]{}, err
	}
	res, err := listWithdrawals(s.db.WithContext(ctx).Where("distributor_id = ?", d.ID), p)
	for i := range res.Items {
		res.Items[i].PayoutError = "" // the merchant's provider trouble is not the distributor's business
	}
	return res, err
}

// List is the admin's view of withdrawals, newest first. Errors: invalid
// (status).
func (s *Service) List(ctx context.Context, f AdminFilter, p page.Request) (page.Result[Withdrawal], error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return page.Result[Withdrawal]{}, err
	}
	return listWithdrawals(q, p)
}

// Count is how many withdrawals match f. Errors: invalid.
func (s *Service) Count(ctx context.Context, f AdminFilter) (int64, error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := q.Model(&Withdrawal{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count withdrawals: %w", err)
	}
	return n, nil
}

// Walk is one cursor window of the withdrawals matching f, newest first
// (for exports). Errors: invalid.
func (s *Service) Walk(ctx context.Context, f AdminFilter, c page.Cursor) ([]Withdrawal, error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return nil, err
	}
	cond, args, limit := c.Window("id")
	items := []Withdrawal{}
	if err := q.Where(cond, args...).Order("id DESC").Limit(limit).Find(&items).Error; err != nil {
		return nil, fmt.Errorf("walk withdrawals: %w", err)
	}
	for i := range items {
		items[i].fill()
	}
	return items, nil
}

func (s *Service) filtered(ctx context.Context, f AdminFilter) (*gorm.DB, error) {
	switch f.Status {
	case "", StatusPending, StatusApproved, StatusRejected, StatusPaid, StatusFailed:
	default:
		return nil, apperr.InvalidField("status", "must be pending, approved, rejected, paid or failed")
	}
	q := s.db.WithContext(ctx)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.DistributorID != 0 {
		q = q.Where("distributor_id = ?", f.DistributorID)
	}
	return q, nil
}

// Get returns one withdrawal. Errors: not_found.
func (s *Service) Get(ctx context.Context, id int64) (*Withdrawal, error) {
	return findWithdrawal(s.db.WithContext(ctx), 0, id)
}
