package export

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"fenxiao/internal/platform/money"
)

// The number written for an amount is exactly its decimal yuan text, for
// every fen amount a shop can see (up to a hundred billion yuan).
func TestYuanCellsAreExactDecimals(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	amounts := []money.Fen{0, 1, 5, 10, 99, 100, 101, 1234, -5, -1234, 999_999_999_99, 1_000_000_000_000_0}
	for i := 0; i < 100_000; i++ {
		amounts = append(amounts, money.Fen(r.Int64N(1_000_000_000_000_0)-1_000_000))
	}
	for _, f := range amounts {
		got := strconv.FormatFloat(yuanValue(f), 'f', -1, 64) // what excelize writes
		want := strings.TrimRight(strings.TrimRight(f.Yuan(), "0"), ".")
		if want == "" || want == "-" {
			want = "0"
		}
		if got != want {
			t.Fatalf("%d fen is written as %s, want %s", f, got, want)
		}
	}
}
