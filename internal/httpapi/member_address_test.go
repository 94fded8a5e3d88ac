package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

func memAddr(name string, isDefault bool) map[string]any {
	return map[string]any{"name": name, "phone": "13900000000", "province": "广东省", "city": "深圳市",
		"district": "南山区", "detail": "科技园 1 号", "postal_code": "518000", "is_default": isDefault}
}

type memAddrList struct {
	Items []member.Address `json:"items"`
	Total int64            `json:"total"`
}

// memDefaults returns the names of default addresses, and all names in order.
func memDefaults(t *testing.T, c *testkit.Client) (defaults []string, names []string) {
	t.Helper()
	var l memAddrList
	c.Do("GET", "/api/shop/addresses", nil).Expect(http.StatusOK).JSON(&l)
	for _, a := range l.Items {
		names = append(names, a.Name)
		if a.IsDefault {
			defaults = append(defaults, a.Name)
		}
	}
	return defaults, names
}

func TestAddressDefaultRules(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.ShopperClient(t, "13833330001")
		create := func(name string, isDefault bool) member.Address {
			var out member.Address
			c.Do("POST", "/api/shop/addresses", memAddr(name, isDefault)).Expect(http.StatusOK).JSON(&out)
			return out
		}
		expect := func(wantDefault string) {
			t.Helper()
			d, names := memDefaults(t, c)
			if wantDefault == "" && len(d) == 0 {
				return
			}
			if len(d) != 1 || d[0] != wantDefault || names[0] != wantDefault {
				t.Fatalf("defaults %v (order %v), want only %s first", d, names, wantDefault)
			}
		}

		home := create("home", false)
		if !home.IsDefault {
			t.Fatal("the first address must become the default")
		}
		office := create("office", false)
		expect("home")
		parents := create("parents", true)
		if !parents.IsDefault {
			t.Fatal("is_default true must make it the default")
		}
		expect("parents")

		c.Do("POST", fmt.Sprintf("/api/shop/addresses/%d/default", office.ID), nil).Expect(http.StatusOK)
		expect("office")

		// PUT with is_default false never takes the default away.
		upd := memAddr("office 2", false)
		var got member.Address
		c.Do("PUT", fmt.Sprintf("/api/shop/addresses/%d", office.ID), upd).Expect(http.StatusOK).JSON(&got)
		if got.Name != "office 2" || !got.IsDefault {
			t.Fatalf("updated %+v", got)
		}
		c.Do("PUT", fmt.Sprintf("/api/shop/addresses/%d", home.ID), memAddr("home", true)).Expect(http.StatusOK)
		expect("home")

		// Deleting a non-default keeps the default; deleting the default
		// promotes the most recent remaining address.
		c.Do("DELETE", fmt.Sprintf("/api/shop/addresses/%d", office.ID), nil).Expect(http.StatusOK)
		expect("home")
		c.Do("DELETE", fmt.Sprintf("/api/shop/addresses/%d", home.ID), nil).Expect(http.StatusOK)
		expect("parents")
		expectError(t, c.Do("GET", fmt.Sprintf("/api/shop/addresses/%d", home.ID), nil), 404, "not_found", "")
		c.Do("DELETE", fmt.Sprintf("/api/shop/addresses/%d", parents.ID), nil).Expect(http.StatusOK)
		expect("")

		// Soft delete: the row is kept for old orders.
		var n int64
		a.DB.Gorm.Table("addresses").Where("id = ? AND deleted_at IS NOT NULL", home.ID).Count(&n)
		if n != 1 {
			t.Fatal("deleted address row is gone")
		}

		// At most 20 live addresses.
		for i := 0; i < member.MaxAddresses; i++ {
			create(fmt.Sprintf("a%d", i), false)
		}
		expectError(t, c.Do("POST", "/api/shop/addresses", memAddr("one too many", false)), 409, "conflict", "too_many_addresses")
		expect("a0")
	})
}

func TestAddressValidation(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.ShopperClient(t, "13833330002")
		with := func(k string, v any) map[string]any {
			m := memAddr("x", false)
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
			return m
		}
		tests := []struct {
			name   string
			body   any
			fields []string
		}{
			{"everything missing", `{}`, []string{"name", "phone", "province", "city", "detail"}},
			{"blank name", with("name", "   "), []string{"name"}},
			{"long name", with("name", strings.Repeat("名", 33)), []string{"name"}},
			{"bad phone", with("phone", "12345"), []string{"phone"}},
			{"long detail", with("detail", strings.Repeat("路", 121)), []string{"detail"}},
			{"bad postal code", with("postal_code", "51800"), []string{"postal_code"}},
			{"phone as number", with("phone", 13900000000), []string{"phone"}},
			{"unknown field", with("country", "CN"), []string{"country"}},
			{"malformed", `{"name":"x",`, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := expectError(t, c.Do("POST", "/api/shop/addresses", tt.body), 400, "invalid", "")
				for _, f := range tt.fields {
					if e.Fields[f] == "" {
						t.Fatalf("no message for %s: %+v", f, e.Fields)
					}
				}
			})
		}
		// Landlines and no postal code are fine.
		c.Do("POST", "/api/shop/addresses", with("phone", "010-12345678")).Expect(http.StatusOK)
		c.Do("POST", "/api/shop/addresses", with("postal_code", nil)).Expect(http.StatusOK)
		expectError(t, c.Do("GET", "/api/shop/addresses/abc", nil), 404, "not_found", "")
	})
}

// Two shoppers can never read or change each other's addresses: another
// shopper's address id is simply not found.
func TestAddressesArePrivate(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		alice := a.ShopperClient(t, "13844440001")
		bob := a.ShopperClient(t, "13844440002")
		var addr member.Address
		alice.Do("POST", "/api/shop/addresses", memAddr("alice home", false)).Expect(http.StatusOK).JSON(&addr)
		bob.Do("POST", "/api/shop/addresses", memAddr("bob home", false)).Expect(http.StatusOK)

		path := fmt.Sprintf("/api/shop/addresses/%d", addr.ID)
		for _, r := range []*testkit.Response{
			bob.Do("GET", path, nil),
			bob.Do("PUT", path, memAddr("stolen", true)),
			bob.Do("DELETE", path, nil),
			bob.Do("POST", path+"/default", nil),
		} {
			expectError(t, r, 404, "not_found", "")
		}
		_, names := memDefaults(t, bob)
		if len(names) != 1 || names[0] != "bob home" {
			t.Fatalf("bob lists %v", names)
		}
		var still member.Address
		alice.Do("GET", path, nil).Expect(http.StatusOK).JSON(&still)
		if still.Name != "alice home" || !still.IsDefault {
			t.Fatalf("alice's address changed: %+v", still)
		}
		bobID := memMe(t, bob).Shopper.ID
		if _, err := a.Members.AddressForOrder(testkit.Ctx(), bobID, addr.ID); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("AddressForOrder across shoppers: %v", err)
		}
		expectError(t, a.Client().Do("GET", "/api/shop/addresses", nil), 401, "unauthenticated", "")
	})
}
