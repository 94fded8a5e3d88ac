package httpapi_test

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/httpapi"
	"fenxiao/internal/testkit"
)

type visitResp struct {
	Distributor referral.Public `json:"distributor"`
	Bound       bool            `json:"bound"`
	Reason      string          `json:"reason"`
}

// loginOn logs the client in through the real SMS flow (same cookie jar).
func loginOn(t *testing.T, a *testkit.App, c *testkit.Client, phone string) int64 {
	t.Helper()
	if err := a.Members.ResetSMSLimits(testkit.Ctx(), phone, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	c.Do("POST", "/api/shop/auth/sms-code", map[string]string{"phone": phone}).Expect(200)
	var r struct{ Shopper struct{ ID int64 } }
	c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": a.LatestSMSCode(t, phone)}).Expect(200).JSON(&r)
	return r.Shopper.ID
}

func refCookie(t *testing.T, c *testkit.Client) *http.Cookie {
	u, _ := url.Parse(c.URL())
	for _, ck := range c.HTTP().Jar.Cookies(u) {
		if ck.Name == httpapi.RefCookie {
			return ck
		}
	}
	return nil
}

func TestReferralAnonymousVisitThenClaim(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := refDistributor(t, a)
		c := a.Client()
		res := c.Do("POST", "/api/shop/referral/visit", map[string]any{"code": d.Code, "source": "product_link", "product_id": 5}).Expect(200)
		var v visitResp
		res.JSON(&v)
		if v.Bound || v.Reason != "pending_login" || v.Distributor.Nickname == "" {
			t.Fatalf("anonymous visit: %+v", v)
		}
		if sc := res.Header.Get("Set-Cookie"); !strings.Contains(sc, "fx_ref=") || !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "Max-Age=2592000") {
			t.Fatalf("cookie: %s", sc)
		}
		expectError(t, c.Do("POST", "/api/shop/referral/visit", map[string]any{"code": "ZZZZ999", "source": "link"}), 404, "not_found", "unknown_invite_code")
		expectError(t, c.Do("POST", "/api/shop/referral/visit", map[string]any{"code": d.Code, "source": "admin"}), 400, "invalid", "")

		// Logging in applies the pending referral from the cookie.
		id := loginOn(t, a, c, refPhone())
		var r referral.BindResult
		b, _ := a.Referral.BindingOf(testkit.Ctx(), id)
		if b == nil || b.DistributorID != d.ID || b.Source != referral.SourceProductLink {
			t.Fatalf("binding: %+v", b)
		}
		if refCookie(t, c) != nil {
			t.Fatal("cookie not cleared")
		}
		c.Do("POST", "/api/shop/referral/claim", nil).Expect(200).JSON(&r)
		if r.Bound || r.Reason != "no_pending_referral" {
			t.Fatalf("second claim: %+v", r)
		}
	})
}

func TestReferralTamperedCookieIgnored(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d, other := refDistributor(t, a), refDistributor(t, a)
		c := a.Client()
		c.Do("POST", "/api/shop/referral/visit", map[string]any{"code": d.Code, "source": "link"}).Expect(200)
		ck := refCookie(t, c)
		// Re-sign another code's payload with a wrong key and keep the real MAC.
		forged := referral.SignVisit([]byte("guess"), referral.Visit{Code: other.Code, Source: referral.SourceLink, IssuedAt: 1})
		payload, _, _ := strings.Cut(forged, ".")
		_, mac, _ := strings.Cut(ck.Value, ".")
		u, _ := url.Parse(c.URL())
		c.HTTP().Jar.SetCookies(u, []*http.Cookie{{Name: httpapi.RefCookie, Value: payload + "." + mac, Path: "/"}})

		// Login ignores (and clears) the forged cookie...
		id := loginOn(t, a, c, refPhone())
		if refCookie(t, c) != nil {
			t.Fatal("login kept the tampered cookie")
		}
		// ...and so does an explicit claim.
		c.HTTP().Jar.SetCookies(u, []*http.Cookie{{Name: httpapi.RefCookie, Value: payload + "." + mac, Path: "/"}})
		var r referral.BindResult
		c.Do("POST", "/api/shop/referral/claim", nil).Expect(200).JSON(&r)
		if r.Bound || r.Reason != "invalid_referral" {
			t.Fatalf("tampered claim: %+v", r)
		}
		if b, _ := a.Referral.BindingOf(testkit.Ctx(), id); b != nil {
			t.Fatalf("tampered cookie bound: %+v", b)
		}
		if refCookie(t, c) != nil {
			t.Fatal("tampered cookie not cleared")
		}
	})
}

func TestReferralQRPosterLinks(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := refDistributor(t, a)
		p := a.NewProduct(t, "好茶")
		anon := a.Client()

		res := anon.Do("GET", "/api/shop/referral/qr/"+d.Code+".png", nil).Expect(200)
		if !bytes.HasPrefix(res.Body, []byte("\x89PNG\r\n\x1a\n")) || res.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("not a PNG: %q", res.Header.Get("Content-Type"))
		}
		if img, format, err := image.Decode(bytes.NewReader(res.Body)); err != nil || format != "png" || img.Bounds().Dx() < 100 {
			t.Fatalf("decode: %v %s", err, format)
		}
		etag := res.Header.Get("ETag")
		if !strings.Contains(res.Header.Get("Cache-Control"), "max-age=86400") || !strings.Contains(res.Header.Get("Cache-Control"), "public") || etag == "" {
			t.Fatalf("caching headers: %v", res.Header)
		}
		req, _ := http.NewRequest("GET", anon.URL()+"/api/shop/referral/qr/"+d.Code+".png", nil)
		req.Header.Set("If-None-Match", etag)
		if r := anon.Send(req); r.Status != http.StatusNotModified {
			t.Fatalf("If-None-Match: %d", r.Status)
		}
		pres := anon.Do("GET", fmt.Sprintf("/api/shop/referral/qr/%s.png?p=%d", d.Code, p.ID), nil).Expect(200)
		if pres.Header.Get("ETag") == etag {
			t.Fatal("product QR has the shop QR's ETag")
		}
		expectError(t, anon.Do("GET", "/api/shop/referral/qr/NOPE234.png", nil), 404, "not_found", "unknown_invite_code")
		expectError(t, anon.Do("GET", "/api/shop/referral/qr/"+d.Code, nil), 404, "not_found", "")

		var poster struct {
			Distributor referral.Public
			Product     *referral.PosterProduct
			Link        string
			QRURL       string `json:"qr_url"`
		}
		anon.Do("GET", fmt.Sprintf("/api/shop/referral/poster?code=%s&product_id=%d", d.Code, p.ID), nil).Expect(200).JSON(&poster)
		if poster.Product == nil || poster.Product.Title != "好茶" || poster.Product.Price != 1000 || poster.Distributor.Nickname == "" ||
			poster.Link != fmt.Sprintf("http://shop.test/s/%s?p=%d", d.Code, p.ID) || poster.QRURL != fmt.Sprintf("http://shop.test/api/shop/referral/qr/%s.png?p=%d", d.Code, p.ID) {
			t.Fatalf("poster: %+v", poster)
		}
		expectError(t, anon.Do("GET", "/api/shop/referral/poster?code="+d.Code+"&product_id=999999", nil), 404, "not_found", "")
		expectError(t, anon.Do("GET", "/api/shop/referral/poster?code=NOPE234", nil), 404, "not_found", "unknown_invite_code")

		var links map[string]string
		d.C.Do("GET", "/api/shop/distributor/links", nil).Expect(200).JSON(&links)
		if links["shop_link"] != "http://shop.test/s/"+d.Code || links["product_link_format"] != "http://shop.test/s/"+d.Code+"?p={product_id}" ||
			links["qr_url"] != "http://shop.test/api/shop/referral/qr/"+d.Code+".png" || links["invite_code"] != d.Code {
			t.Fatalf("links: %v", links)
		}
	})
}

func TestReferralDistributorShop(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := refDistributor(t, a)
		p1, p2, p3 := a.NewProduct(t, "一"), a.NewProduct(t, "二"), a.NewProduct(t, "三")
		home := func() referral.ShopHome {
			var h referral.ShopHome
			a.Client().Do("GET", "/api/shop/s/"+strings.ToLower(d.Code), nil).Expect(200).JSON(&h)
			return h
		}
		ids := func(h referral.ShopHome) []int64 {
			out := []int64{}
			for _, p := range h.Products {
				out = append(out, p.ID)
			}
			return out
		}
		if got := ids(home()); fmt.Sprint(got) != fmt.Sprint([]int64{p1.ID, p2.ID, p3.ID}) {
			t.Fatalf("default shop: %v", got)
		}
		body := map[string]any{"shop_title": "小店", "greeting": "欢迎光临", "featured": []map[string]any{
			{"product_id": p3.ID}, {"product_id": p1.ID}, {"product_id": p2.ID, "hidden": true}}}
		d.C.Do("PUT", "/api/shop/distributor/shop", body).Expect(200)
		h := home()
		if fmt.Sprint(ids(h)) != fmt.Sprint([]int64{p3.ID, p1.ID}) || h.ShopTitle != "小店" || h.Greeting != "欢迎光临" || h.Nickname == "" {
			t.Fatalf("custom shop: %+v", h)
		}
		bad := []map[string]any{
			{"shop_title": strings.Repeat("长", 33)},
			{"greeting": strings.Repeat("长", 121)},
			{"featured": []map[string]any{{"product_id": 999999}}},
			{"featured": []map[string]any{{"product_id": p1.ID}, {"product_id": p1.ID}}},
			{"featured": []map[string]any{{"product_id": p1.ID, "price": 1}}},
		}
		for i, b := range bad {
			expectError(t, d.C.Do("PUT", "/api/shop/distributor/shop", b), 400, "invalid", "")
			if got := ids(home()); fmt.Sprint(got) != fmt.Sprint([]int64{p3.ID, p1.ID}) {
				t.Fatalf("bad input %d changed the shop: %v", i, got)
			}
		}
		var s referral.ShopSettings
		d.C.Do("GET", "/api/shop/distributor/shop", nil).Expect(200).JSON(&s)
		if len(s.Featured) != 3 || !s.Featured[2].Hidden || s.ShopTitle != "小店" {
			t.Fatalf("settings: %+v", s)
		}
		expectError(t, a.Client().Do("GET", "/api/shop/s/NOPE234", nil), 404, "not_found", "unknown_invite_code")
	})
}
