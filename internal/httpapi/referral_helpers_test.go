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
