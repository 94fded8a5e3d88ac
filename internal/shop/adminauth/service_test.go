package adminauth_test

import (
	"fmt"
	"sync"
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

var tester = audit.Actor{Username: "tester", Role: "system"}

// Two supers demoting each other at the same moment must not leave the
// shop without a super admin (on PostgreSQL the rows are locked).
func TestConcurrentDemotionsKeepOneSuper(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		idA, _, _ := a.NewAdmin(t, adminauth.RoleSuper)
		idB, _, _ := a.NewAdmin(t, adminauth.RoleSuper)
		operator, super := adminauth.RoleOperator, adminauth.RoleSuper
		for round := 0; round < 5; round++ {
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i, id := range []int64{idA, idB} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = a.Admins.Update(testkit.Ctx(), tester, id, adminauth.Update{Role: &operator})
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				if err == nil {
					ok++
				} else if e, _ := apperr.As(err); e == nil || e.Reason != "last_super" {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if ok != 1 {
				t.Fatalf("round %d: %d demotions succeeded, want exactly 1", round, ok)
			}
			for _, id := range []int64{idA, idB} {
				if _, err := a.Admins.Update(testkit.Ctx(), tester, id, adminauth.Update{Role: &super}); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

// Concurrent wrong passwords are all counted: the fifth locks the account.
func TestConcurrentFailuresLockTheAccount(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		_, username, password := a.NewAdmin(t, adminauth.RoleOperator)
		var wg sync.WaitGroup
		for i := 0; i < 5; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a.Admins.Login(testkit.Ctx(), adminauth.Credentials{Username: username, Password: "wrong-password", IP: fmt.Sprintf("192.0.2.%d", i)})
			}()
		}
		wg.Wait()
		_, err := a.Admins.Login(testkit.Ctx(), adminauth.Credentials{Username: username, Password: password, IP: "192.0.2.99"})
		if e, _ := apperr.As(err); e == nil || e.Reason != "locked" {
			t.Fatalf("after 5 concurrent failures: %v, want locked", err)
		}
	})
}

func TestCreateChecksInput(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		good := adminauth.NewAdmin{Username: "henry", Password: "henrys-password", Role: adminauth.RoleOperator}
		tests := []struct {
			name  string
			edit  func(*adminauth.NewAdmin)
			code  apperr.Code
			field string
		}{
			{"unknown role", func(n *adminauth.NewAdmin) { n.Role = "root" }, apperr.CodeInvalid, "role"},
			{"empty role", func(n *adminauth.NewAdmin) { n.Role = "" }, apperr.CodeInvalid, "role"},
			{"short password", func(n *adminauth.NewAdmin) { n.Password = "123456789" }, apperr.CodeInvalid, "password"},
			{"bad username", func(n *adminauth.NewAdmin) { n.Username = "h" }, apperr.CodeInvalid, "username"},
		}
		for _, tt := range tests {
			in := good
			tt.edit(&in)
			_, err := a.Admins.Create(testkit.Ctx(), tester, in)
			if e, _ := apperr.As(err); e == nil || e.Code != tt.code || e.Fields[tt.field] == "" {
				t.Errorf("%s: %v", tt.name, err)
			}
		}
		if _, err := a.Admins.Create(testkit.Ctx(), tester, good); err != nil {
			t.Fatal(err)
		}
		good.Username = "HENRY"
		if _, err := a.Admins.Create(testkit.Ctx(), tester, good); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("duplicate (case-insensitive) username: %v", err)
		}
	})
}
