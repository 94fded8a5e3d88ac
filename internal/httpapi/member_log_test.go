package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"fenxiao/internal/app"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/testkit"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Neither the phone nor the code may reach the logs through the access log
// (only the development SMS sender logs the message, with the phone masked).
func TestSMSCodeAndPhoneNeverInAccessLog(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		var logs syncBuffer
		cfg := config.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), DatabaseURL: dbURL, BaseURL: "http://shop.test",
			Secret: "test-secret-test-secret-test-secret!!", Env: config.Development, LogLevel: "debug"}
		a, err := app.New(context.Background(), cfg, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(a.Handler())
		defer a.Close()
		defer srv.Close()
		jar, _ := cookiejar.New(nil)
		hc := &http.Client{Jar: jar}
		post := func(path, body, csrf string) *http.Response {
			req, _ := http.NewRequest("POST", srv.URL+path+"?phone=13866667777", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-CSRF-Token", csrf)
			res, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			return res
		}
		const phone = "13866667777"
		if res := post("/api/shop/auth/sms-code", `{"phone":"`+phone+`"}`, ""); res.StatusCode != 200 {
			t.Fatalf("sms-code %d", res.StatusCode)
		}
		var msg struct{ Body string }
		a.DB.Gorm.Table("dev_sms_inbox").Where("phone = ?", phone).Take(&msg)
		code := msg.Body[strings.IndexAny(msg.Body, "0123456789"):][:6]
		post("/api/shop/auth/sms-login", `{"phone":"`+phone+`","code":"000000x"}`, "")
		res := post("/api/shop/auth/sms-login", `{"phone":"`+phone+`","code":"`+code+`"}`, "")
		if res.StatusCode != 200 {
			t.Fatalf("sms-login %d", res.StatusCode)
		}

		out := logs.String()
		accessLines, devLines := 0, 0
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("log line is not JSON: %s", line)
			}
			// The timestamp's fraction could hold any six digits.
			delete(rec, "time")
			b, _ := json.Marshal(rec)
			line = string(b)
			if strings.Contains(line, phone) {
				t.Fatalf("full phone in the log: %s", line)
			}
			switch {
			case rec["msg"] == "http request":
				accessLines++
				if strings.Contains(line, code) {
					t.Fatalf("code in the access log: %s", line)
				}
			case strings.HasPrefix(rec["msg"].(string), "dev sms"):
				devLines++
				if rec["phone"] != "138****7777" {
					t.Fatalf("dev sms line without masked phone: %s", line)
				}
			default:
				if strings.Contains(line, code) {
					t.Fatalf("code logged: %s", line)
				}
			}
		}
		if accessLines < 3 || devLines != 1 {
			t.Fatalf("%d access lines, %d dev sms lines:\n%s", accessLines, devLines, out)
		}
	})
}
