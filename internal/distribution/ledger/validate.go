package ledger

import (
	"slices"
	"unicode/utf8"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// MaxAmount bounds one line (10^15 fen, ten trillion yuan) so sums of
// lines cannot overflow int64.
const MaxAmount money.Fen = 1_000_000_000_000_000

// maxLines bounds the lines of one entry; real postings have two or three.
const maxLines = 64

// validate checks the shape of an entry before anything touches the database.
func (e Entry) validate() error {
	switch {
	case e.Key == "" || utf8.RuneCountInString(e.Key) > 128:
		return apperr.InvalidField("key", "idempotency key must be 1..128 characters")
	case e.Type == "" || utf8.RuneCountInString(string(e.Type)) > 32:
		return apperr.InvalidField("type", "entry type must be 1..32 characters")
	case utf8.RuneCountInString(e.RefType) > 32:
		return apperr.InvalidField("ref_type", "reference type must be at most 32 characters")
	case utf8.RuneCountInString(e.Memo) > 255:
		return apperr.InvalidField("memo", "memo must be at most 255 characters")
	case len(e.Lines) < 2 || len(e.Lines) > maxLines:
		return apperr.InvalidField("lines", "an entry needs 2..64 lines")
	}
	var sum money.Fen
	seen := make(map[Account]bool, len(e.Lines))
	for _, l := range e.Lines {
		if err := l.Account.validate(); err != nil {
			return err
		}
		if seen[l.Account] {
			return apperr.InvalidField("lines", "an account appears twice in one entry")
		}
		seen[l.Account] = true
		if l.Amount == 0 || l.Amount > MaxAmount || l.Amount < -MaxAmount {
			return apperr.InvalidField("lines", "line amounts must be non-zero and within bounds")
		}
		sum += l.Amount
	}
	if sum != 0 {
		return apperr.InvalidField("lines", "line amounts must sum to zero").WithReason("unbalanced")
	}
	return nil
}

// validate checks a is in the chart of accounts.
func (a Account) validate() error {
	kinds, ok := chart[a.OwnerType]
	if !ok || !slices.Contains(kinds, a.Kind) {
		return apperr.InvalidField("lines", "unknown account "+string(a.OwnerType)+":"+string(a.Kind))
	}
	if a.OwnerType == OwnerMerchant {
		if a.OwnerID < 0 || a.OwnerID >= MerchantShards {
			return apperr.InvalidField("lines", "merchant accounts have a shard number as owner id")
		}
	} else if a.OwnerID <= 0 {
		return apperr.InvalidField("lines", "distributor accounts have a positive owner id")
	}
	return nil
}
