package alipay_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/platform/money"
)

func TestFenToYuan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   money.Fen
		want string
	}{
		{0, "0.00"}, {1, "0.01"}, {10, "0.10"}, {1999, "19.99"}, {100000, "1000.00"}, {-5, "-0.05"}, {-1999, "-19.99"},
		{math.MaxInt64, "92233720368547758.07"}, {math.MinInt64, "-92233720368547758.08"},
	}
	for _, tt := range tests {
		if got := alipay.FenToYuan(tt.in); got != tt.want {
			t.Errorf("FenToYuan(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestYuanToFen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    money.Fen
		wantErr bool
	}{
		{"19.99", 1999, false}, {"0.01", 1, false}, {"0.1", 10, false}, {"3", 300, false}, {"-0.12", -12, false},
		{"100000000.00", 10000000000, false}, {"007.50", 750, false},
		{"", 0, true}, {"1.", 0, true}, {".5", 0, true}, {"1.234", 0, true}, {"+1", 0, true}, {" 1", 0, true},
		{"1 ", 0, true}, {"1e2", 0, true}, {"1,000.00", 0, true}, {"1.+5", 0, true}, {"1.-5", 0, true}, {"--1", 0, true},
		{"-", 0, true}, {"0x10", 0, true}, {"１", 0, true}, {"1234567890123456", 0, true}, {"NaN", 0, true},
	}
	for _, tt := range tests {
		got, err := alipay.YuanToFen(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("YuanToFen(%q) = %d, %v; want %d, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestYuanRoundTrip: every fen amount Alipay can carry survives the trip.
func TestYuanRoundTrip(t *testing.T) {
	t.Parallel()
	seed := rand.Uint64()
	r := rand.New(rand.NewPCG(seed, 0))
	for i := 0; i < 10000; i++ {
		f := money.Fen(r.Int64N(2e15) - 1e15)
		got, err := alipay.YuanToFen(alipay.FenToYuan(f))
		if err != nil || got != f {
			t.Fatalf("seed %d: %d -> %q -> %d, %v", seed, f, alipay.FenToYuan(f), got, err)
		}
	}
}
