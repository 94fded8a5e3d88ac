package withdrawal

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/member"
)

// maxAccounts bounds the live payout accounts of one distributor.
const maxAccounts = 10

// normalize trims and validates in for its kind and returns the masked
// display. Errors: invalid with field messages.
func (in *AccountInput) normalize() (masked string, err error) {
	in.Account = strings.TrimSpace(in.Account)
	in.RealName = strings.TrimSpace(in.RealName)
	in.BankName = strings.TrimSpace(in.BankName)
	switch in.Kind {
	case KindWeChat:
		if in.Account != "" || in.RealName != "" || in.BankName != "" {
			return "", apperr.InvalidField("kind", "a wechat account takes no other fields: it pays the linked WeChat")
		}
		return "", nil // masked from the nickname by the service
	case KindAlipay:
		if err := checkName(in.RealName); err != nil {
			return "", err
		}
		if in.BankName != "" {
			return "", apperr.InvalidField("bank_name", "only bank accounts have a bank name")
		}
		switch {
		case member.ValidMobile(in.Account):
			return "支付宝 " + member.MaskPhone(in.Account) + " " + MaskRealName(in.RealName), nil
		case validEmail(in.Account):
			in.Account = strings.ToLower(in.Account)
			return "支付宝 " + MaskEmail(in.Account) + " " + MaskRealName(in.RealName), nil
		}
		return "", apperr.InvalidField("account", "must be a mainland mobile number or an email address")
	case KindBank:
		if err := checkName(in.RealName); err != nil {
			return "", err
		}
		if in.BankName == "" || utf8.RuneCountInString(in.BankName) > 32 {
			return "", apperr.InvalidField("bank_name", "is required (at most 32 characters)")
		}
		in.Account = strings.ReplaceAll(in.Account, " ", "")
		if !validCard(in.Account) {
			return "", apperr.InvalidField("account", "must be a 12-19 digit card number passing the Luhn check")
		}
		return in.BankName + " " + MaskCard(in.Account) + " " + MaskRealName(in.RealName), nil
	}
	return "", apperr.InvalidField("kind", "must be wechat, alipay or bank")
}

func checkName(name string) error {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 32 || strings.ContainsFunc(name, unicode.IsControl) {
		return apperr.InvalidField("real_name", "is required (2-32 characters)")
	}
	return nil
}

func validEmail(s string) bool {
	if len(s) > 64 || strings.ContainsAny(s, " <>") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// validCard accepts 12-19 digits with a valid Luhn check digit.
func validCard(s string) bool {
	if len(s) < 12 || len(s) > 19 {
		return false
	}
	sum := 0
	for i := range len(s) {
		c := s[len(s)-1-i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// MaskCard keeps the last four digits: **** **** **** 1234.
func MaskCard(card string) string {
	if len(card) < 8 {
		return "****"
	}
	return "**** **** **** " + card[len(card)-4:]
}

// MaskEmail keeps the first character and the domain: a***@example.com.
func MaskEmail(email string) string {
	at := strings.LastIndex(email, "@")
	if at < 1 {
		return "***"
	}
	r, _ := utf8.DecodeRuneInString(email)
	return string(r) + "***" + email[at:]
}

// MaskRealName keeps the family name: 张三 -> 张*, 欧阳娜娜 -> 欧***.
func MaskRealName(name string) string {
	r := []rune(name)
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", max(len(r)-1, 1))
}
