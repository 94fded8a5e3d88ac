package member_test

import (
	"fmt"
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

// run starts n calls of fn at once and returns their errors.
func run(n int, fn func(i int) error) []error {
	fns := make([]func() error, n)
	for i := range fns {
		fns[i] = func() error { return fn(i) }
	}
	return testkit.AtOnce(fns...)
}

func countOK(errs []error) (ok int) {
	for _, err := range errs {
		if err == nil {
			ok++
		}
	}
	return ok
}

// A code used by many requests at once logs in exactly once, and the
// first login creates exactly one account.
func TestConcurrentCodeUseIsSingle(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		const phone = "13812340000"
		if _, err := a.Members.RequestCode(testkit.Ctx(), phone, "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		code := a.LatestSMSCode(t, phone)
		errs := run(5, func(int) error {
			_, err := a.Members.LoginWithCode(testkit.Ctx(), phone, code)
			return err
		})
		if ok := countOK(errs); ok != 1 {
			t.Fatalf("%d logins succeeded with one code: %v", ok, errs)
		}
		for _, err := range errs {
			if err != nil && !apperr.Is(err, apperr.CodeInvalid) {
				t.Fatalf("unexpected error %v", err)
			}
		}
		var n int64
		a.DB.Gorm.Model(&member.Shopper{}).Where("phone = ?", phone).Count(&n)
		if n != 1 {
			t.Fatalf("%d accounts", n)
		}
	})
}

// Concurrent guesses cannot spend more than MaxAttempts on one code.
func TestConcurrentGuessesAreCapped(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		const phone = "13812340001"
		if _, err := a.Members.RequestCode(testkit.Ctx(), phone, "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		code := a.LatestSMSCode(t, phone)
		errs := run(12, func(i int) error {
			guess := fmt.Sprintf("%06d", i)
			if guess == code {
				guess = "999999"
			}
			_, err := a.Members.LoginWithCode(testkit.Ctx(), phone, guess)
			return err
		})
		if countOK(errs) != 0 {
			t.Fatal("a wrong guess logged in")
		}
		var attempts int
		a.DB.Gorm.Table("sms_codes").Select("attempts").Where("phone = ?", phone).Scan(&attempts)
		if attempts != member.DefaultSMSPolicy().MaxAttempts {
			t.Fatalf("attempts %d", attempts)
		}
		_, err := a.Members.LoginWithCode(testkit.Ctx(), phone, code)
		if e, ok := apperr.As(err); !ok || e.Reason != "code_locked" {
			t.Fatalf("right code after the cap: %v", err)
		}
	})
}

// Concurrent address changes keep exactly one default and at most 20.
func TestConcurrentAddressesKeepInvariants(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		id := a.NewShopper(t, "13812340002")
		in := func(i int) member.AddressInput {
			return member.AddressInput{Name: fmt.Sprint("n", i), Phone: "13900000000", Province: "浙江省", City: "杭州市",
				Detail: "文三路 1 号", IsDefault: i%2 == 0}
		}
		errs := run(member.MaxAddresses+5, func(i int) error {
			_, err := a.Members.CreateAddress(testkit.Ctx(), id, in(i))
			return err
		})
		if ok := countOK(errs); ok != member.MaxAddresses {
			t.Fatalf("%d addresses created: %v", ok, errs)
		}
		list, err := a.Members.Addresses(testkit.Ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		errs = run(len(list), func(i int) error {
			if i%3 == 0 {
				return a.Members.DeleteAddress(testkit.Ctx(), id, list[i].ID)
			}
			_, err := a.Members.SetDefaultAddress(testkit.Ctx(), id, list[i].ID)
			return err
		})
		if countOK(errs) != len(list) {
			t.Fatalf("errors: %v", errs)
		}
		list, _ = a.Members.Addresses(testkit.Ctx(), id)
		defaults := 0
		for _, ad := range list {
			if ad.IsDefault {
				defaults++
			}
		}
		if len(list) == 0 || defaults != 1 || !list[0].IsDefault {
			t.Fatalf("%d addresses, %d defaults", len(list), defaults)
		}
	})
}
