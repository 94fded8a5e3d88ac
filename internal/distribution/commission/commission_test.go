package commission_test

import (
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

func bp(v money.BP) *money.BP { return &v }

var (
	inherit = commission.Setting{Mode: commission.ModeInherit}
	global  = commission.Rates{Tier1: 1000, Tier2: 500} // 10% / 5%
)

func rate(t1, t2 int64) commission.Setting {
	return commission.Setting{Mode: commission.ModeRate, Tier1: t1, Tier2: t2}
}

func fixed(t1, t2 int64) commission.Setting {
	return commission.Setting{Mode: commission.ModeFixed, Tier1: t1, Tier2: t2}
}

func TestCompute(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		in         commission.Input
		t1, t2     money.Fen
		used       commission.Setting
		src1, src2 commission.Source
	}{
		{"global rates", commission.Input{Paid: 10000, Quantity: 1, Product: inherit, Global: global},
			1000, 500, commission.Setting{Mode: "inherit", Tier1: 1000, Tier2: 500}, "global", "global"},
		{"product rate overrides global", commission.Input{Paid: 10000, Quantity: 2, Product: rate(2000, 300), Global: global},
			2000, 300, rate(2000, 300), "product", "product"},
		{"product rate zero means no commission", commission.Input{Paid: 10000, Quantity: 1, Product: rate(0, 0), Global: global},
			0, 0, rate(0, 0), "product", "product"},
		{"fixed per unit x quantity", commission.Input{Paid: 10000, Quantity: 3, Product: fixed(150, 50), Global: global},
			450, 150, fixed(150, 50), "product", "product"},
		{"fixed tier1 capped at paid, tier2 gets nothing", commission.Input{Paid: 8000, Quantity: 2, Product: fixed(5000, 3000)},
			8000, 0, fixed(5000, 3000), "product", "product"},
		{"fixed tier2 capped at what tier1 leaves", commission.Input{Paid: 8000, Quantity: 2, Product: fixed(3000, 3000)},
			6000, 2000, fixed(3000, 3000), "product", "product"},
		{"fixed huge per unit does not overflow", commission.Input{Paid: 500, Quantity: 1 << 40, Product: fixed(1<<60, 1<<60)},
			500, 0, fixed(1<<60, 1<<60), "product", "product"},
		{"level tier1 replaces global tier1", commission.Input{Paid: 10000, Quantity: 1, Product: inherit, Global: global,
			Level: commission.LevelRates{Tier1: bp(1500)}},
			1500, 500, commission.Setting{Mode: "inherit", Tier1: 1500, Tier2: 500}, "level", "global"},
		{"level tier2 replaces global tier2", commission.Input{Paid: 10000, Quantity: 1, Product: inherit, Global: global,
			Level: commission.LevelRates{Tier2: bp(800)}},
			1000, 800, commission.Setting{Mode: "inherit", Tier1: 1000, Tier2: 800}, "global", "level"},
		{"level rate of zero is a real override", commission.Input{Paid: 10000, Quantity: 1, Product: inherit, Global: global,
			Level: commission.LevelRates{Tier1: bp(0), Tier2: bp(0)}},
			0, 0, commission.Setting{Mode: "inherit"}, "level", "level"},
		{"product rate beats level", commission.Input{Paid: 10000, Quantity: 1, Product: rate(2000, 300), Global: global,
			Level: commission.LevelRates{Tier1: bp(1500), Tier2: bp(800)}},
			2000, 300, rate(2000, 300), "product", "product"},
		{"product fixed beats level", commission.Input{Paid: 10000, Quantity: 2, Product: fixed(100, 40), Global: global,
			Level: commission.LevelRates{Tier1: bp(1500), Tier2: bp(800)}},
			200, 80, fixed(100, 40), "product", "product"},
		{"rates summing over 100% cap tier2", commission.Input{Paid: 1000, Quantity: 1, Product: rate(6000, 6000)},
			600, 400, rate(6000, 6000), "product", "product"},
		{"1 fen at 9999 bp floors to 0", commission.Input{Paid: 1, Quantity: 1, Product: rate(9999, 9999)},
			0, 0, rate(9999, 9999), "product", "product"},
		{"1 fen at 100% gives the fen to tier1 only", commission.Input{Paid: 1, Quantity: 1, Product: rate(10000, 10000)},
			1, 0, rate(10000, 10000), "product", "product"},
		{"9999 fen at 9999 bp floors", commission.Input{Paid: 9999, Quantity: 1, Product: rate(9999, 1)},
			9998, 0, rate(9999, 1), "product", "product"}, // 9998.0001 and 0.9999
		{"odd amount floors each tier", commission.Input{Paid: 12345, Quantity: 1, Product: inherit, Global: commission.Rates{Tier1: 1234, Tier2: 333}},
			1523, 411, commission.Setting{Mode: "inherit", Tier1: 1234, Tier2: 333}, "global", "global"}, // 1523.373, 411.0885
		{"largest line at 100%", commission.Input{Paid: commission.MaxLineAmount, Quantity: 1, Product: rate(10000, 10000)},
			commission.MaxLineAmount, 0, rate(10000, 10000), "product", "product"},
		{"zero paid", commission.Input{Paid: 0, Quantity: 1, Product: inherit, Global: global},
			0, 0, commission.Setting{Mode: "inherit", Tier1: 1000, Tier2: 500}, "global", "global"},
		{"negative paid", commission.Input{Paid: -500, Quantity: 1, Product: fixed(10, 10)},
			0, 0, fixed(10, 10), "product", "product"},
		{"zero quantity", commission.Input{Paid: 1000, Quantity: 0, Product: fixed(10, 10)},
			0, 0, fixed(10, 10), "product", "product"},
		{"negative quantity", commission.Input{Paid: 1000, Quantity: -1, Product: rate(1000, 1000)},
			0, 0, rate(1000, 1000), "product", "product"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := commission.Compute(tt.in)
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			want := commission.Result{Tier1: tt.t1, Tier2: tt.t2, Used: tt.used, Source1: tt.src1, Source2: tt.src2}
			if got != want {
				t.Errorf("Compute(%+v)\n got %+v\nwant %+v", tt.in, got, want)
			}
		})
	}
}

func TestComputeRefusesInvalidSettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    commission.Input
		field string
	}{
		{"unknown mode", commission.Input{Paid: 100, Quantity: 1, Product: commission.Setting{Mode: "tier3"}}, "commission_mode"},
		{"empty mode", commission.Input{Paid: 100, Quantity: 1}, "commission_mode"},
		{"product rate over 100%", commission.Input{Paid: 100, Quantity: 1, Product: rate(10001, 0)}, "commission_tier"},
		{"negative product rate", commission.Input{Paid: 100, Quantity: 1, Product: rate(0, -1)}, "commission_tier"},
		{"negative fixed", commission.Input{Paid: 100, Quantity: 1, Product: fixed(-1, 0)}, "commission_tier"},
		{"global rate over 100%", commission.Input{Paid: 100, Quantity: 1, Product: inherit, Global: commission.Rates{Tier2: 10001}}, "global_rates"},
		{"negative level rate", commission.Input{Paid: 100, Quantity: 1, Product: inherit, Level: commission.LevelRates{Tier1: bp(-5)}}, "level_rates"},
		{"line too large", commission.Input{Paid: commission.MaxLineAmount + 1, Quantity: 1, Product: inherit}, "paid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := commission.Compute(tt.in)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid || e.Fields[tt.field] == "" {
				t.Fatalf("Compute(%+v) error = %v, want invalid on field %q", tt.in, err, tt.field)
			}
		})
	}
}
