package catalog

import (
	"encoding/json"
	"strings"
	"testing"

	"fenxiao/internal/platform/apperr"
)

func validInput() ProductInput {
	return ProductInput{CategoryID: 1, Title: "苹果", Images: []string{"/uploads/a.png", "https://cdn.example.com/b.jpg"},
		SKUs: []SKUInput{{Spec: Spec{"规格": "小"}, Price: 1000, Stock: 5}, {Spec: Spec{"规格": "大"}, Price: 2000, Stock: 0}}}
}

// Each case breaks one rule; the error must name exactly that field.
func TestNormalizeProductRules(t *testing.T) {
	t.Parallel()
	disabled := false
	cases := []struct {
		name  string
		edit  func(*ProductInput)
		field string // "" means valid
	}{
		{"valid", func(*ProductInput) {}, ""},
		{"title required", func(in *ProductInput) { in.Title = "  " }, "title"},
		{"title too long", func(in *ProductInput) { in.Title = strings.Repeat("长", maxTitle+1) }, "title"},
		{"title at limit", func(in *ProductInput) { in.Title = strings.Repeat("长", maxTitle) }, ""},
		{"no category", func(in *ProductInput) { in.CategoryID = 0 }, "category_id"},
		{"javascript image", func(in *ProductInput) { in.Images[0] = "javascript:alert(1)" }, "images[0]"},
		{"protocol-relative image", func(in *ProductInput) { in.Images[1] = "//evil.example/x.png" }, "images[1]"},
		{"backslash image", func(in *ProductInput) { in.Images[0] = `/\evil.example/x.png` }, "images[0]"},
		{"empty image", func(in *ProductInput) { in.Images[0] = "" }, "images[0]"},
		{"too many images", func(in *ProductInput) { in.Images = make([]string, MaxImages+1) }, "images"},
		{"bad status", func(in *ProductInput) { in.Status = "sold" }, "status"},
		{"no skus", func(in *ProductInput) { in.SKUs = nil }, "skus"},
		{"too many skus", func(in *ProductInput) { in.SKUs = make([]SKUInput, MaxSKUs+1) }, "skus"},
		{"zero price", func(in *ProductInput) { in.SKUs[0].Price = 0 }, "skus[0].price"},
		{"negative price", func(in *ProductInput) { in.SKUs[1].Price = -1 }, "skus[1].price"},
		{"price over max", func(in *ProductInput) { in.SKUs[0].Price = MaxPrice + 1 }, "skus[0].price"},
		{"price at max", func(in *ProductInput) { in.SKUs[0].Price = MaxPrice }, ""},
		{"negative stock", func(in *ProductInput) { in.SKUs[0].Stock = -1 }, "skus[0].stock"},
		{"duplicate spec", func(in *ProductInput) { in.SKUs[1].Spec = Spec{"规格": " 小 "} }, "skus[1].spec"},
		{"different spec names", func(in *ProductInput) { in.SKUs[1].Spec = Spec{"颜色": "红"} }, "skus[1].spec"},
		{"empty spec value", func(in *ProductInput) { in.SKUs[0].Spec = Spec{"规格": ""} }, "skus[0].spec"},
		{"two skus without spec", func(in *ProductInput) { in.SKUs[0].Spec, in.SKUs[1].Spec = nil, Spec{} }, "skus[1].spec"},
		{"duplicate sku id", func(in *ProductInput) { in.SKUs[0].ID, in.SKUs[1].ID = 7, 7 }, "skus[1].id"},
		{"unknown mode", func(in *ProductInput) { in.CommissionMode = "percent" }, "commission_mode"},
		{"inherit with values", func(in *ProductInput) { in.CommissionTier2 = 1 }, "commission_tier1"},
		{"rate ok", func(in *ProductInput) {
			in.CommissionMode, in.CommissionTier1, in.CommissionTier2 = CommissionRate, 6000, 4000
		}, ""},
		{"rate sum over 100%", func(in *ProductInput) {
			in.CommissionMode, in.CommissionTier1, in.CommissionTier2 = CommissionRate, 6000, 4001
		}, "commission_tier2"},
		{"rate over 100%", func(in *ProductInput) { in.CommissionMode, in.CommissionTier1 = CommissionRate, 10001 }, "commission_tier1"},
		{"rate negative", func(in *ProductInput) { in.CommissionMode, in.CommissionTier2 = CommissionRate, -1 }, "commission_tier2"},
		{"fixed ok at lowest price", func(in *ProductInput) {
			in.CommissionMode, in.CommissionTier1, in.CommissionTier2 = CommissionFixed, 600, 400
		}, ""},
		{"fixed over lowest price", func(in *ProductInput) {
			in.CommissionMode, in.CommissionTier1, in.CommissionTier2 = CommissionFixed, 600, 401
		}, "commission_tier2"},
		{"fixed negative", func(in *ProductInput) { in.CommissionMode, in.CommissionTier1 = CommissionFixed, -5 }, "commission_tier1"},
		{"fixed ignores disabled cheaper sku", func(in *ProductInput) {
			in.SKUs[0].Enabled = &disabled
			in.CommissionMode, in.CommissionTier1 = CommissionFixed, 1500
		}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := validInput()
			tc.edit(&in)
			err := normalizeProduct(&in)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid {
				t.Fatalf("want invalid, got %v", err)
			}
			if _, ok := e.Fields[tc.field]; !ok {
				t.Fatalf("want field %q, got %v", tc.field, e.Fields)
			}
		})
	}
}

func TestNormalizeProductDefaultsAndTrims(t *testing.T) {
	t.Parallel()
	in := validInput()
	in.Title, in.SKUs[0].Spec = "  苹果 ", Spec{" 规格 ": " 小 "}
	if err := normalizeProduct(&in); err != nil {
		t.Fatal(err)
	}
	if in.Title != "苹果" || in.CommissionMode != CommissionInherit || in.SKUs[0].Spec["规格"] != "小" {
		t.Fatalf("not normalised: %+v", in)
	}
}

func TestSpecKeyAndText(t *testing.T) {
	t.Parallel()
	a, b := Spec{"颜色": "红", "尺码": "M"}, Spec{"尺码": "M", "颜色": "红"}
	if specKey(a) != specKey(b) {
		t.Fatalf("spec keys differ: %s vs %s", specKey(a), specKey(b))
	}
	if specKey(nil) != "{}" {
		t.Fatalf("nil spec key %q", specKey(nil))
	}
	if got := a.Text(); got != "尺码:M 颜色:红" {
		t.Fatalf("text %q", got)
	}
}

// Any JSON an admin client sends either fails validation or yields a
// product that keeps the money rules.
func FuzzNormalizeProduct(f *testing.F) {
	f.Add(`{"category_id":1,"title":"x","skus":[{"price":100,"stock":1}]}`)
	f.Add(`{"category_id":1,"title":"x","commission_mode":"fixed","commission_tier1":50,"commission_tier2":50,"skus":[{"price":100,"stock":1,"spec":{"a":"b"}},{"price":90,"stock":0,"spec":{"a":"c"},"enabled":false}]}`)
	f.Add(`{"category_id":1,"title":"x","commission_mode":"rate","commission_tier1":9999,"commission_tier2":1,"images":["/uploads/a.png"],"skus":[{"price":1,"stock":0}]}`)
	f.Fuzz(func(t *testing.T, raw string) {
		var in ProductInput
		if json.Unmarshal([]byte(raw), &in) != nil || normalizeProduct(&in) != nil {
			return
		}
		if in.Title == "" || len(in.SKUs) == 0 || len(in.SKUs) > MaxSKUs {
			t.Fatalf("accepted %s", raw)
		}
		for _, s := range in.SKUs {
			if s.Price <= 0 || s.Price > MaxPrice || s.Stock < 0 {
				t.Fatalf("accepted sku %+v", s)
			}
		}
		t1, t2 := in.CommissionTier1, in.CommissionTier2
		switch in.CommissionMode {
		case CommissionInherit:
			if t1 != 0 || t2 != 0 {
				t.Fatalf("inherit with tiers: %s", raw)
			}
		case CommissionRate:
			if t1 < 0 || t2 < 0 || t1+t2 > 10000 {
				t.Fatalf("bad rates accepted: %s", raw)
			}
		case CommissionFixed:
			if t1 < 0 || t2 < 0 || t1+t2 > int64(lowestPrice(in.SKUs)) {
				t.Fatalf("bad fixed commission accepted: %s", raw)
			}
		default:
			t.Fatalf("mode %q accepted", in.CommissionMode)
		}
		for _, img := range in.Images {
			if !strings.HasPrefix(img, "/") && !strings.HasPrefix(img, "http://") && !strings.HasPrefix(img, "https://") {
				t.Fatalf("image %q accepted", img)
			}
		}
	})
}
