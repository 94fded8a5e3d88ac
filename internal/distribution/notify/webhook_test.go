package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/testkit"
)

type received struct {
	body     []byte
	delivery string
	sigErr   string
}

// hookServer verifies the signature the way a receiver would, from the
// documented scheme only: t=<unix>,v1=hex(HMAC-SHA256(secret, t "." body)).
func hookServer(t *testing.T, secret string, status int) (*httptest.Server, chan received) {
	got := make(chan received, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc := received{body: body, delivery: r.Header.Get(notify.DeliveryHeader), sigErr: checkSig(secret, r.Header.Get("X-Fenxiao-Signature"), body)}
		got <- rc
		if rc.sigErr != "" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func checkSig(secret, header string, body []byte) string {
	parts := map[string]string{}
	for _, p := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(p, "=")
		parts[k] = v
	}
	ts, err := strconv.ParseInt(parts["t"], 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > 5*time.Minute {
		return "bad or stale timestamp in " + header
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(parts["t"] + "." + string(body)))
	want := hex.EncodeToString(m.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(parts["v1"])) {
		return "signature mismatch in " + header
	}
	return ""
}

func TestWebhookDeliveredAfterCommitByTheJobSignedAndMasked(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		sh := a.NewShopper(t, "13800138005")
		srv, got := hookServer(t, "hook-secret", http.StatusNoContent)
		svc := notify.NewService(a.DB.Gorm, a.Jobs, notify.WithChannel(notify.NewWebhookChannel(srv.URL, "hook-secret")))
		n := note(sh, "order:9")
		n.Body = "客户 13912345678 下单了"
		n.Data["buyer"] = "138****8000"
		n.Data["nested"] = map[string]any{"text": "call 13700001111"}
		if err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error { return svc.Notify(context.Background(), tx, n) }); err != nil {
			t.Fatal(err)
		}
		// The job is in the queue, carrying the id only.
		list, err := a.Jobs.List(context.Background(), 10)
		if err != nil || len(list) != 1 || list[0].Kind != "notify.deliver" {
			t.Fatalf("jobs %+v %v", list, err)
		}
		var args notify.DeliverArgs
		json.Unmarshal([]byte(list[0].Args), &args)
		if args.NotificationID == 0 || args.Channel != "webhook" {
			t.Fatalf("job args %s", list[0].Args)
		}
		select {
		case r := <-got:
			t.Fatalf("delivered before any worker ran: %s", r.body)
		default:
		}
		runWorkers(t, a, svc)
		var r received
		select {
		case r = <-got:
		case <-time.After(20 * time.Second):
			t.Fatal("webhook never called")
		}
		if r.sigErr != "" {
			t.Fatal(r.sigErr)
		}
		if r.delivery != strconv.FormatInt(args.NotificationID, 10) {
			t.Fatalf("delivery header %q", r.delivery)
		}
		var p notify.WebhookPayload
		if err := json.Unmarshal(r.body, &p); err != nil {
			t.Fatal(err)
		}
		if p.ID != args.NotificationID || p.Kind != notify.KindNewOrder || p.RecipientShopperID != sh || fmt.Sprint(p.Data["estimated_commission"]) != "1234" {
			t.Fatalf("payload %s", r.body)
		}
		for _, raw := range []string{"13800138005", "13912345678", "13700001111"} {
			if strings.Contains(string(r.body), raw) {
				t.Fatalf("payload leaks phone %s: %s", raw, r.body)
			}
		}
		if !strings.Contains(p.Body, "139****5678") {
			t.Fatalf("body not masked: %q", p.Body)
		}
	})
}

// runWorkers starts a River runner whose delivery worker uses svc.
func runWorkers(t *testing.T, a *testkit.App, svc *notify.Service) {
	q, err := jobs.NewQueue(a.DB, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	notify.RegisterJobs(q, svc)
	ctx, cancel := context.WithCancel(context.Background())
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		q.Stop(stop)
		cancel()
	})
}

func TestWebhookErrorsAndWrongSecretAreRetriable(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		sh := a.NewShopper(t, "13800138006")
		id := a.NotifyShopper(t, sh, notify.KindWithdrawalPaid, "paid", "")
		ctx := context.Background()

		down, _ := hookServer(t, "s", http.StatusInternalServerError)
		svc := notify.NewService(a.DB.Gorm, a.Jobs, notify.WithChannel(notify.NewWebhookChannel(down.URL, "s")))
		if err := svc.Deliver(ctx, id, "webhook"); err == nil {
			t.Fatal("a 500 answer must fail the delivery so River retries")
		}
		strict, got := hookServer(t, "right", http.StatusOK)
		svc = notify.NewService(a.DB.Gorm, a.Jobs, notify.WithChannel(notify.NewWebhookChannel(strict.URL, "wrong")))
		if err := svc.Deliver(ctx, id, "webhook"); err == nil || (<-got).sigErr == "" {
			t.Fatal("a receiver must be able to tell a wrong secret")
		}
		svc = notify.NewService(a.DB.Gorm, a.Jobs, notify.WithChannel(notify.NewWebhookChannel(strict.URL, "right")))
		if err := svc.Deliver(ctx, id, "webhook"); err != nil || (<-got).sigErr != "" {
			t.Fatalf("right secret: %v", err)
		}
		if err := svc.Deliver(ctx, id, "sms"); err == nil {
			t.Fatal("an unconfigured channel must not succeed")
		}
	})
}
