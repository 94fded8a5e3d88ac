package httpapi_test

import (
	"net/http"
	"testing"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/testkit"
)

// The withdrawal form knows the rules before submitting: what today's
// requests used, and the most that can still be asked for (the available
// balance, capped by the daily amount, 0 once the count is used up).
func TestWithdrawalRulesForTheForm(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		st := withdrawal.Settings{MinAmount: 200, DailyMaxAmount: 3000, DailyMaxCount: 2, FeeBP: 50}
		e.a.SetWithdrawalSettings(t, st)
		e.a.FundDistributor(t, e.d.ID, 5000)
		rules := func() withdrawal.Rules {
			var r withdrawal.Rules
			e.d.C.Do("GET", "/api/shop/distributor/withdrawal-rules", nil).Expect(http.StatusOK).JSON(&r)
			return r
		}
		for _, step := range []struct {
			name        string
			request     money.Fen
			count       int
			used, avail money.Fen
			requestable money.Fen
		}{
			{"nothing asked yet: the daily amount caps it", 0, 0, 0, 5000, 3000},
			{"after 25.00: 5.00 left today", 2500, 1, 2500, 2500, 500},
			{"after 2 requests: none left today", 300, 2, 2800, 2200, 0},
		} {
			if step.request > 0 {
				e.requestOK(t, step.request)
			}
			r := rules()
			if r.Settings != st || r.TodayCount != step.count || r.TodayAmount != step.used ||
				r.Available != step.avail || r.MaxRequestable != step.requestable {
				t.Fatalf("%s: rules %+v", step.name, r)
			}
		}
		buyer, _ := e.a.OrderShopper(t)
		expectError(t, e.a.SessionClient(session.KindShop, buyer).Do("GET", "/api/shop/distributor/withdrawal-rules", nil),
			http.StatusForbidden, "forbidden", "not_a_distributor")
	})
}
