package member

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/session"
)

// WeChat OAuth state: a random value sent to WeChat and echoed back, plus a
// signed copy the browser keeps in a short-lived HttpOnly cookie. Only the
// browser that started the authorization can finish it, which stops login
// CSRF (an attacker making a victim log in to the attacker's account).

// StateTTL is how long an authorization may take.
const StateTTL = 10 * time.Minute

// newState returns the state for WeChat and the cookie value binding it.
func (s *Service) newState() (state, cookie string, err error) {
	state, err = session.RandomToken(18)
	if err != nil {
		return "", "", err
	}
	exp := strconv.FormatInt(s.now().Add(StateTTL).Unix(), 10)
	return state, state + "." + exp + "." + s.stateMAC(state, exp), nil
}

// verifyState checks the echoed state against the cookie. Errors: invalid
// (field state, reason bad_state).
func (s *Service) verifyState(cookie, state string) error {
	bad := apperr.InvalidField("state", "this WeChat authorization was not started here or has expired; start again").WithReason("bad_state")
	parts := strings.Split(cookie, ".")
	if len(parts) != 3 || state == "" {
		return bad
	}
	if !hmac.Equal([]byte(parts[2]), []byte(s.stateMAC(parts[0], parts[1]))) ||
		!hmac.Equal([]byte(parts[0]), []byte(state)) {
		return bad
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || s.now().Unix() > exp {
		return bad
	}
	return nil
}

func (s *Service) stateMAC(state, exp string) string {
	m := hmac.New(sha256.New, s.signingKey())
	m.Write([]byte("wechat-state:" + state + ":" + exp))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
