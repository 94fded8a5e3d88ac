package wechatfake

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const authScheme = "WECHATPAY2-SHA256-RSA2048"

// verifyAuthorization checks the merchant's request signature the way
// WeChat does: RSA-SHA256 over "METHOD\nURI\ntimestamp\nnonce\nbody\n", a
// timestamp within 5 minutes, the right mchid and certificate serial.
func (s *Server) verifyAuthorization(r *http.Request, body []byte) error {
	scheme, rest, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if scheme != authScheme {
		return errors.New("missing or unsupported Authorization scheme")
	}
	params := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, found := strings.Cut(strings.TrimSpace(part), "=")
		if found {
			params[k] = strings.Trim(v, `"`)
		}
	}
	if params["mchid"] != s.cfg.MchID || params["serial_no"] != s.cfg.MerchantSerial {
		return errors.New("mchid or serial_no does not match the merchant")
	}
	ts, err := strconv.ParseInt(params["timestamp"], 10, 64)
	if err != nil || absDuration(time.Since(time.Unix(ts, 0))) > 5*time.Minute {
		return errors.New("timestamp missing or expired")
	}
	msg := fmt.Sprintf("%s\n%s\n%s\n%s\n%s\n", r.Method, r.RequestURI, params["timestamp"], params["nonce_str"], body)
	sig, err := base64.StdEncoding.DecodeString(params["signature"])
	if err != nil {
		return errors.New("signature is not base64")
	}
	sum := sha256.Sum256([]byte(msg))
	if rsa.VerifyPKCS1v15(s.cfg.MerchantKey, crypto.SHA256, sum[:], sig) != nil {
		return errors.New("signature does not verify")
	}
	return nil
}

// write sends rep, signed with the key the request's Wechatpay-Serial asks
// for (WeChat does the same during the certificate-to-public-key switch).
func (s *Server) write(w http.ResponseWriter, r *http.Request, rep reply) {
	if rep.raw != nil {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.WriteHeader(rep.status)
		_, _ = w.Write(rep.raw)
		return
	}
	var data []byte
	if rep.body != nil {
		data, _ = json.Marshal(rep.body)
		w.Header().Set("Content-Type", "application/json")
	}
	s.mu.Lock()
	skew, corrupt := s.skew, s.corruptNext
	s.corruptNext = false
	s.mu.Unlock()
	ts := strconv.FormatInt(time.Now().Add(skew).Unix(), 10)
	nonce := randomString(32)
	serial, key := s.signingKey(r.Header.Get("Wechatpay-Serial"))
	signed := ts + "\n" + nonce + "\n" + string(data) + "\n"
	if corrupt {
		signed += "tampered"
	}
	h := w.Header()
	h.Set("Request-ID", "fake-"+randomString(16))
	h.Set("Wechatpay-Timestamp", ts)
	h.Set("Wechatpay-Nonce", nonce)
	h.Set("Wechatpay-Serial", serial)
	h.Set("Wechatpay-Signature", sign(key, signed))
	w.WriteHeader(rep.status)
	_, _ = w.Write(data)
}

// signingKey picks the platform certificate when asked for by serial (or
// when it is the only key), otherwise the WeChat Pay public key.
func (s *Server) signingKey(requested string) (string, *rsa.PrivateKey) {
	if s.cfg.PlatformCert != nil && (requested == CertSerial(s.cfg.PlatformCert.SerialNumber) || s.cfg.PublicKey == nil) {
		return CertSerial(s.cfg.PlatformCert.SerialNumber), s.cfg.PlatformKey
	}
	return s.cfg.PublicKeyID, s.cfg.PublicKey
}

// CertSerial formats a certificate serial the way WeChat (and the SDK) do:
// upper-case hex of the serial's bytes.
func CertSerial(n *big.Int) string { return fmt.Sprintf("%X", n.Bytes()) }

func sign(key *rsa.PrivateKey, msg string) string {
	sum := sha256.Sum256([]byte(msg))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		panic(fmt.Sprintf("wechatfake: sign: %v", err)) // only with a broken test key
	}
	return base64.StdEncoding.EncodeToString(sig)
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return string(b)
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
