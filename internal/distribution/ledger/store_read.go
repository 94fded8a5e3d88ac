package ledger

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

type entryRow struct {
	ID        int64
	IdemKey   string
	Type      EntryType
	RefType   string
	RefID     int64
	Memo      string
	CreatedAt time.Time
}

func (entryRow) TableName() string { return "ledger_entries" }

// Balance returns the cached balance of a (0 for an account never posted
// to). It never sums history: it reads one row, or for a merchant account
// its MerchantShards rows, whichever shard a names.
func Balance(ctx context.Context, db *gorm.DB, a Account) (money.Fen, error) {
	var bal []int64
	err := db.WithContext(ctx).Raw(`SELECT COALESCE(SUM(b.balance), 0) FROM account_balances b
		JOIN ledger_accounts a ON a.id = b.account_id
		WHERE a.owner_type = ? AND a.owner_id IN ? AND a.kind = ?`, a.OwnerType, ownerIDs(a.OwnerType, a.OwnerID), a.Kind).
		Scan(&bal).Error
	if err != nil {
		return 0, fmt.Errorf("read balance of %v: %w", a, err)
	}
	if len(bal) == 0 {
		return 0, nil
	}
	return money.Fen(bal[0]), nil
}

// ownerIDs are the owner ids whose balances make up an owner's: all the
// shards for the merchant.
func ownerIDs(t OwnerType, id int64) []int64 {
	if t != OwnerMerchant {
		return []int64{id}
	}
	ids := make([]int64, MerchantShards)
	for i := range ids {
		ids[i] = int64(i)
	}
	return ids
}

// Balances returns the cached balance of every kind the owner type's chart
// has (0 for accounts not created yet); the merchant's add up its shards.
func Balances(ctx context.Context, db *gorm.DB, ownerType OwnerType, ownerID int64) (map[Kind]money.Fen, error) {
	var rows []struct {
		Kind    Kind
		Balance int64
	}
	err := db.WithContext(ctx).Raw(`SELECT a.kind, SUM(b.balance) AS balance FROM account_balances b
		JOIN ledger_accounts a ON a.id = b.account_id
		WHERE a.owner_type = ? AND a.owner_id IN ? GROUP BY a.kind`, ownerType, ownerIDs(ownerType, ownerID)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read balances of %s %d: %w", ownerType, ownerID, err)
	}
	out := make(map[Kind]money.Fen, len(chart[ownerType]))
	for _, k := range chart[ownerType] {
		out[k] = 0
	}
	for _, r := range rows {
		out[r.Kind] = money.Fen(r.Balance)
	}
	return out, nil
}

// Entries lists journal entries matching f, newest first, each with all
// its lines (including the counter-accounts).
func Entries(ctx context.Context, db *gorm.DB, f Filter, p page.Request) (page.Result[JournalEntry], error) {
	db = db.WithContext(ctx)
	q := filtered(db, f)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[JournalEntry]{}, fmt.Errorf("count ledger entries: %w", err)
	}
	var rows []entryRow
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&rows).Error; err != nil {
		return page.Result[JournalEntry]{}, fmt.Errorf("list ledger entries: %w", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	lines, err := loadLines(db, ids)
	if err != nil {
		return page.Result[JournalEntry]{}, err
	}
	items := make([]JournalEntry, len(rows))
	for i, r := range rows {
		items[i] = JournalEntry{ID: r.ID, Key: r.IdemKey, Type: r.Type, RefType: r.RefType, RefID: r.RefID,
			Memo: r.Memo, CreatedAt: r.CreatedAt, Lines: lines[r.ID]}
	}
	return page.NewResult(p, items, total), nil
}

func filtered(db *gorm.DB, f Filter) *gorm.DB {
	q := db.Model(&entryRow{})
	if f.OwnerType != "" || f.Kind != "" {
		accounts := db.Model(&accountRow{}).Select("id")
		if f.OwnerType != "" {
			accounts = accounts.Where("owner_type = ? AND owner_id IN ?", f.OwnerType, ownerIDs(f.OwnerType, f.OwnerID))
		}
		if f.Kind != "" {
			accounts = accounts.Where("kind = ?", f.Kind)
		}
		q = q.Where("id IN (?)", db.Model(&lineRow{}).Select("entry_id").Where("account_id IN (?)", accounts))
	}
	if f.Type != "" {
		q = q.Where("type = ?", f.Type)
	}
	if f.RefType != "" {
		q = q.Where("ref_type = ?", f.RefType)
	}
	if f.RefID != 0 {
		q = q.Where("ref_id = ?", f.RefID)
	}
	if !f.From.IsZero() {
		q = q.Where("created_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("created_at < ?", f.To.UTC())
	}
	return q
}

// loadLines returns the lines of the given entries, keyed by entry id, in
// posting order.
func loadLines(db *gorm.DB, entryIDs []int64) (map[int64][]JournalLine, error) {
	out := make(map[int64][]JournalLine, len(entryIDs))
	if len(entryIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		EntryID      int64
		OwnerType    OwnerType
		OwnerID      int64
		Kind         Kind
		Amount       int64
		BalanceAfter int64
	}
	err := db.Raw(`SELECT l.entry_id, a.owner_type, a.owner_id, a.kind, l.amount, l.balance_after
		FROM ledger_lines l JOIN ledger_accounts a ON a.id = l.account_id
		WHERE l.entry_id IN ? ORDER BY l.entry_id, l.id`, entryIDs).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load ledger lines: %w", err)
	}
	for _, r := range rows {
		out[r.EntryID] = append(out[r.EntryID], JournalLine{
			Account: Account{OwnerType: r.OwnerType, OwnerID: r.OwnerID, Kind: r.Kind},
			Amount:  money.Fen(r.Amount), BalanceAfter: money.Fen(r.BalanceAfter)})
	}
	return out, nil
}
