package catalog

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// problems collects field messages so a form shows every mistake at once.
type problems map[string]string

func (p problems) add(field, format string, args ...any) {
	if _, seen := p[field]; !seen {
		p[field] = fmt.Sprintf(format, args...)
	}
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	e := apperr.Invalid("some fields are not valid")
	e.Fields = p
	return e
}

func (p problems) text(field, v string, required bool, max int) {
	switch n := utf8.RuneCountInString(v); {
	case required && n == 0:
		p.add(field, "is required")
	case n > max:
		p.add(field, "must be at most %d characters", max)
	case strings.ContainsFunc(v, isBadControl):
		p.add(field, "must not contain control characters")
	}
}

func isBadControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }

// link checks an image or icon URL: a site path ("/uploads/...") or an
// http(s) URL. Anything else (javascript:, data:) could run in a browser.
func (p problems) link(field, v string, required bool) {
	if v == "" {
		if required {
			p.add(field, "is required")
		}
		return
	}
	u, err := url.Parse(v)
	switch {
	case len(v) > maxURL:
		p.add(field, "must be at most %d characters", maxURL)
	case err != nil || strings.ContainsFunc(v, unicode.IsSpace) || strings.ContainsFunc(v, unicode.IsControl) ||
		strings.Contains(v, `\`): // browsers read "/\host" as "//host"
		p.add(field, "is not a valid URL")
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//"):
	case (u.Scheme == "https" || u.Scheme == "http") && u.Host != "":
	default:
		p.add(field, "must be a site path like /uploads/... or an http(s) URL")
	}
}

func normalizeCategory(in *CategoryInput) error {
	in.Name = strings.TrimSpace(in.Name)
	in.IconURL = strings.TrimSpace(in.IconURL)
	p := problems{}
	p.text("name", in.Name, true, maxCategoryName)
	p.link("icon_url", in.IconURL, false)
	return p.err()
}

// normalizeProduct trims the input and checks every rule that needs no
// database; category existence and SKU ownership are checked in the tx.
func normalizeProduct(in *ProductInput) error {
	p := problems{}
	in.Title = strings.TrimSpace(in.Title)
	in.Subtitle = strings.TrimSpace(in.Subtitle)
	p.text("title", in.Title, true, maxTitle)
	p.text("subtitle", in.Subtitle, false, maxSubtitle)
	p.text("description", in.Description, false, maxDescription)
	if in.CategoryID <= 0 {
		p.add("category_id", "is required")
	}
	if len(in.Images) > MaxImages {
		p.add("images", "must have at most %d images", MaxImages)
	}
	for i := range in.Images {
		in.Images[i] = strings.TrimSpace(in.Images[i])
		p.link(fmt.Sprintf("images[%d]", i), in.Images[i], true)
	}
	if in.Status != "" && in.Status != OnShelf && in.Status != OffShelf {
		p.add("status", "must be one of: on_shelf, off_shelf")
	}
	if in.CommissionMode == "" {
		in.CommissionMode = CommissionInherit
	}
	checkSKUs(p, in.SKUs)
	checkCommission(p, in)
	return p.err()
}

func checkSKUs(p problems, skus []SKUInput) {
	switch {
	case len(skus) == 0:
		p.add("skus", "add at least one SKU")
		return
	case len(skus) > MaxSKUs:
		p.add("skus", "must have at most %d SKUs", MaxSKUs)
		return
	}
	seenID := map[int64]int{}
	seenSpec := map[string]int{}
	var names []string
	for i := range skus {
		s := &skus[i]
		f := fmt.Sprintf("skus[%d]", i)
		if s.ID < 0 {
			p.add(f+".id", "is not valid")
		} else if j, dup := seenID[s.ID]; dup && s.ID != 0 {
			p.add(f+".id", "is the same SKU as skus[%d]", j)
		}
		seenID[s.ID] = i
		s.Code = strings.TrimSpace(s.Code)
		p.text(f+".code", s.Code, false, maxCode)
		s.ImageURL = strings.TrimSpace(s.ImageURL)
		p.link(f+".image_url", s.ImageURL, false)
		if s.Price <= 0 || s.Price > MaxPrice {
			p.add(f+".price", "must be between 1 and %d fen", MaxPrice)
		}
		if s.Stock < 0 || s.Stock > MaxStock {
			p.add(f+".stock", "must be between 0 and %d", MaxStock)
		}
		if s.StockSeen != nil && *s.StockSeen < 0 {
			p.add(f+".stock_seen", "must not be negative")
		}
		s.Spec = checkSpec(p, f+".spec", s.Spec)
		if i == 0 {
			names = specNames(s.Spec)
		} else if !slices.Equal(names, specNames(s.Spec)) {
			p.add(f+".spec", "must use the same spec names as skus[0] (%s)", strings.Join(names, ", "))
		}
		key := specKey(s.Spec)
		if j, dup := seenSpec[key]; dup {
			p.add(f+".spec", "has the same spec values as skus[%d]", j)
		}
		seenSpec[key] = i
	}
}

// checkSpec trims names and values and returns the cleaned spec.
func checkSpec(p problems, field string, in Spec) Spec {
	if len(in) > MaxSpecNames {
		p.add(field, "must have at most %d spec names", MaxSpecNames)
	}
	out := make(Spec, len(in))
	for name, value := range in {
		n, v := strings.TrimSpace(name), strings.TrimSpace(value)
		if n == "" || v == "" {
			p.add(field, "spec names and values must not be empty")
		}
		if utf8.RuneCountInString(n) > maxSpecText || utf8.RuneCountInString(v) > maxSpecText {
			p.add(field, "spec names and values must be at most %d characters", maxSpecText)
		}
		if strings.ContainsFunc(n+v, unicode.IsControl) {
			p.add(field, "must not contain control characters")
		}
		out[n] = v
	}
	return out
}

func specNames(s Spec) []string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// specKey is the stored spec_json: encoding/json sorts map keys, so equal
// specs give equal keys.
func specKey(s Spec) string {
	if s == nil {
		s = Spec{}
	}
	b, _ := json.Marshal(s)
	return string(b)
}

func checkCommission(p problems, in *ProductInput) {
	t1, t2 := in.CommissionTier1, in.CommissionTier2
	switch in.CommissionMode {
	case CommissionInherit:
		if t1 != 0 || t2 != 0 {
			p.add("commission_tier1", "must be 0 (and commission_tier2 too) when commission_mode is inherit")
		}
	case CommissionRate:
		full := int64(money.FullRate)
		if t1 < 0 || t1 > full {
			p.add("commission_tier1", "must be between 0 and %d basis points", full)
		}
		if t2 < 0 || t2 > full {
			p.add("commission_tier2", "must be between 0 and %d basis points", full)
		} else if t1 >= 0 && t1 <= full && t1+t2 > full {
			p.add("commission_tier2", "commission_tier1 + commission_tier2 must not exceed %d basis points (100%%)", full)
		}
	case CommissionFixed:
		lowest := lowestPrice(in.SKUs)
		if t1 < 0 || t1 > int64(MaxPrice) {
			p.add("commission_tier1", "must be between 0 and %d fen", MaxPrice)
		}
		if t2 < 0 || t2 > int64(MaxPrice) {
			p.add("commission_tier2", "must be between 0 and %d fen", MaxPrice)
		} else if t1 >= 0 && t1 <= int64(MaxPrice) && lowest > 0 && t1+t2 > int64(lowest) {
			p.add("commission_tier2", "commission_tier1 + commission_tier2 (fen per unit) must not exceed the lowest SKU price, %d fen", lowest)
		}
	default:
		p.add("commission_mode", "must be one of: inherit, rate, fixed")
	}
}

// lowestPrice is the lowest valid price among enabled SKUs (all SKUs when
// none is enabled), or 0 when there is none.
func lowestPrice(skus []SKUInput) money.Fen {
	var low money.Fen
	for _, onlyEnabled := range []bool{true, false} {
		for _, s := range skus {
			if (onlyEnabled && !s.enabled()) || s.Price <= 0 || s.Price > MaxPrice {
				continue
			}
			if low == 0 || s.Price < low {
				low = s.Price
			}
		}
		if low > 0 {
			return low
		}
	}
	return 0
}

func normalizeFilter(f *AdminFilter) error {
	f.Q = strings.TrimSpace(f.Q)
	p := problems{}
	p.text("q", f.Q, false, maxQuery)
	if f.Status != "" && f.Status != OnShelf && f.Status != OffShelf {
		p.add("status", "must be one of: on_shelf, off_shelf")
	}
	return p.err()
}

func normalizeShopFilter(f *ShopFilter) error {
	f.Q = strings.TrimSpace(f.Q)
	p := problems{}
	p.text("q", f.Q, false, maxQuery)
	if f.MinPrice < 0 {
		p.add("min_price", "must not be negative")
	}
	if f.MaxPrice < 0 {
		p.add("max_price", "must not be negative")
	} else if f.MaxPrice > 0 && f.MaxPrice < f.MinPrice {
		p.add("max_price", "must not be below min_price")
	}
	switch f.Sort {
	case SortDefault, SortPriceAsc, SortPriceDesc, SortSales, SortNewest:
	default:
		p.add("sort", "must be one of: price_asc, price_desc, sales, newest")
	}
	return p.err()
}
