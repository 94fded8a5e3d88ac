package money

import "testing"

func TestYuan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   Fen
		want string
	}{{0, "0.00"}, {1, "0.01"}, {1999, "19.99"}, {100000, "1000.00"}, {-5, "-0.05"}, {-12345, "-123.45"}}
	for _, tt := range tests {
		if got := tt.in.Yuan(); got != tt.want {
			t.Errorf("Fen(%d).Yuan() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseYuan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Fen
		wantErr bool
	}{
		{"19.99", 1999, false}, {"0.5", 50, false}, {"3", 300, false}, {"-0.05", -5, false},
		{"1.234", 0, true}, {"", 0, true}, {"abc", 0, true}, {"1.", 0, true}, {".5", 0, true},
		{"1.+5", 0, true}, {"+1", 0, true}, {"--0", 0, true}, {"1.-5", 0, true}, {"1 .5", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseYuan(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestApplyRateFloorsToTheFen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		amount Fen
		rate   BP
		want   Fen
	}{
		{10000, 1000, 1000}, // 10% of 100.00
		{999, 1000, 99},     // 99.9 fen floors to 99
		{1, 9999, 0},        // never rounds up
		{12345, 333, 411},   // 411.0885
		{0, 1000, 0},
		{-100, 1000, 0},
		{100, 0, 0},
		{100, 10000, 100},
	}
	for _, tt := range tests {
		if got := ApplyRate(tt.amount, tt.rate); got != tt.want {
			t.Errorf("ApplyRate(%d, %d) = %d, want %d", tt.amount, tt.rate, got, tt.want)
		}
	}
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"1.00", "0.01", "-3.5", "x", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseYuan(s)
		if err != nil {
			return
		}
		back, err := ParseYuan(v.Yuan())
		if err != nil || back != v {
			t.Fatalf("round trip %q -> %d -> %q -> %d (%v)", s, v, v.Yuan(), back, err)
		}
	})
}
