package order

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"time"

	"fenxiao/internal/platform/cst"
)

// beijing is UTC+8 without needing tzdata: order numbers carry the local
// business date merchants and shoppers recognise.
var beijing = cst.Zone

var twelveDigits = big.NewInt(1_000_000_000_000)

// NewNumber returns prefix + YYYYMMDD + 12 digits from crypto/rand, e.g.
// "20250314" + "048213957730". The random part makes numbers unguessable
// (no counting through other people's orders); callers retry on the rare
// unique-index collision.
func NewNumber(prefix string, now time.Time) (string, error) {
	n, err := rand.Int(rand.Reader, twelveDigits)
	if err != nil {
		return "", fmt.Errorf("random number: %w", err)
	}
	return fmt.Sprintf("%s%s%012d", prefix, now.In(beijing).Format("20060102"), n.Int64()), nil
}
