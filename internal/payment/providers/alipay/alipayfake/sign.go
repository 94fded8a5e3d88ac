package alipayfake

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fenxiao/internal/platform/money"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// signContent is Alipay's string to sign: "k=v" pairs of the parameters
// except those skipped, sorted, joined with "&", values raw. Requests leave
// out empty values; notifications sign every parameter they carry.
func signContent(v url.Values, keepEmpty bool, skip ...string) string {
	var pairs []string
	for k, vs := range v {
		if contains(skip, k) {
			continue
		}
		for _, x := range vs {
			if x != "" || keepEmpty {
				pairs = append(pairs, k+"="+x)
			}
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// verifyRequest checks what Alipay checks on every call: the app, RSA2,
// and the signature over all parameters except sign.
func (s *Server) verifyRequest(v url.Values) error {
	switch {
	case v.Get("app_id") != s.cfg.AppID:
		return errors.New("app_id does not match")
	case v.Get("sign_type") != "RSA2" || v.Get("charset") != "utf-8" || v.Get("format") != "JSON" || v.Get("version") != "1.0":
		return errors.New("sign_type, charset, format or version is wrong")
	case s.cfg.AlipayCertSN != "" && (v.Get("app_cert_sn") == "" || v.Get("alipay_root_cert_sn") == ""):
		return errors.New("certificate mode needs app_cert_sn and alipay_root_cert_sn")
	}
	// Timestamps are Beijing time; a client stamping UTC is 8 hours off.
	ts, err := time.ParseInLocation(time.DateTime, v.Get("timestamp"), beijing)
	if err != nil || time.Since(ts).Abs() > 30*time.Minute {
		return errors.New("非法的时间戳参数 (timestamp must be Beijing time, within 30 minutes)")
	}
	sig, err := base64.StdEncoding.DecodeString(v.Get("sign"))
	if err != nil {
		return errors.New("sign is not base64")
	}
	sum := sha256.Sum256([]byte(signContent(v, false, "sign")))
	if rsa.VerifyPKCS1v15(s.cfg.AppPublicKey, crypto.SHA256, sum[:], sig) != nil {
		return errors.New("验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配")
	}
	return nil
}

// respond writes {"<method>_response": inner, "sign": ...} with the
// signature over the exact inner bytes, as Alipay does.
func (s *Server) respond(w http.ResponseWriter, method string, inner map[string]any) {
	innerJSON, _ := json.Marshal(inner)
	s.mu.Lock()
	corrupt, omit := s.corruptNext, s.omitNextSign
	s.corruptNext, s.omitNextSign = false, false
	s.mu.Unlock()
	signed := innerJSON
	if corrupt {
		signed = append(append([]byte(nil), innerJSON...), ' ')
	}
	name := strings.ReplaceAll(method, ".", "_") + "_response"
	if method == "" {
		name = "error_response"
	}
	out := `{"` + name + `":` + string(innerJSON)
	if s.cfg.AlipayCertSN != "" {
		out += `,"alipay_cert_sn":"` + s.cfg.AlipayCertSN + `"`
	}
	if !omit {
		out += `,"sign":"` + s.sign(signed) + `"`
	}
	out += "}"
	w.Header().Set("Content-Type", "text/html;charset=utf-8") // what Alipay really sends
	_, _ = w.Write([]byte(out))
}

func (s *Server) sign(data []byte) string {
	sum := sha256.Sum256(data)
	sig, err := rsa.SignPKCS1v15(rand.Reader, s.cfg.AlipayKey, crypto.SHA256, sum[:])
	if err != nil {
		panic(fmt.Sprintf("alipayfake: sign: %v", err)) // only with a broken test key
	}
	return base64.StdEncoding.EncodeToString(sig)
}

var yuanRE = regexp.MustCompile(`^[0-9]{1,12}(\.[0-9]{1,2})?$`)

// parseYuan reads Alipay's amount strings ("19.99") into fen; independent
// of the adapter's converter so a shared bug cannot hide.
func parseYuan(s string) (int64, bool) {
	if !yuanRE.MatchString(s) {
		return 0, false
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	return w*100 + f, true
}

// yuan formats fen as "19.99".
func yuan(fen int64) string { return money.Fen(fen).Yuan() }
