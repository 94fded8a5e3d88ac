package httpapi_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/testkit"
)

var refPhoneSeq atomic.Int64

func refPhone() string { return fmt.Sprintf("137%08d", refPhoneSeq.Add(1)) }

type refError struct {
	Error struct {
		Code   string            `json:"code"`
		Reason string            `json:"reason"`
		Fields map[string]string `json:"fields"`
	} `json:"error"`
}

// refExpect asserts an error status, code and (when given) reason.
func refExpect(t *testing.T, r *testkit.Response, status int, code, reason string) refError {
	t.Helper()
	r.Expect(status)
	var e refError
	r.JSON(&e)
	if e.Error.Code != code || (reason != "" && e.Error.Reason != reason) {
		t.Fatalf("got %s/%s, want %s/%s: %s", e.Error.Code, e.Error.Reason, code, reason, r.Body)
	}
	return e
}

// refShopper is a new shopper and a client logged in as it.
func refShopper(t *testing.T, a *testkit.App) (int64, *testkit.Client) {
	id := a.NewShopper(t, refPhone())
	return id, a.SessionClient(session.KindShop, id)
}

// refDistributor is a new distributor and a client logged in as it.
type refDist struct {
	ID, ShopperID int64
	Code          string
	C             *testkit.Client
}

func refDistributor(t *testing.T, a *testkit.App) refDist {
	d := a.NewDistributor(t, refPhone())
	return refDist{ID: d.ID, ShopperID: d.ShopperID, Code: d.InviteCode, C: a.SessionClient(session.KindShop, d.ShopperID)}
}
