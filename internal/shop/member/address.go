package member

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"fenxiao/internal/platform/apperr"
)

// MaxAddresses is how many live addresses a shopper may keep.
const MaxAddresses = 20

// AddressInput is a new or replaced address. IsDefault true makes it the
// default; false never takes the default away (exactly one address is the
// default whenever any exist).
type AddressInput struct {
	Name       string `json:"name"`
	Phone      string `json:"phone"`
	Province   string `json:"province"`
	City       string `json:"city"`
	District   string `json:"district"`
	Detail     string `json:"detail"`
	PostalCode string `json:"postal_code"`
	IsDefault  bool   `json:"is_default"`
}

var (
	// A recipient may be reached on a mobile or on a landline (010-12345678).
	landlineRe = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
	postalRe   = regexp.MustCompile(`^\d{6}$`)
)

// normalize trims every field and checks it. Errors: invalid with one
// message per bad field.
func (in *AddressInput) normalize() error {
	for _, p := range []*string{&in.Name, &in.Phone, &in.Province, &in.City, &in.District, &in.Detail, &in.PostalCode} {
		*p = strings.TrimSpace(*p)
	}
	fields := map[string]string{}
	checkText(fields, "name", in.Name, true, 32)
	checkText(fields, "province", in.Province, true, 32)
	checkText(fields, "city", in.City, true, 32)
	checkText(fields, "district", in.District, false, 32)
	checkText(fields, "detail", in.Detail, true, 120)
	switch {
	case in.Phone == "":
		fields["phone"] = "is required"
	case !ValidMobile(in.Phone) && !landlineRe.MatchString(in.Phone):
		fields["phone"] = "must be a mainland China mobile or landline number"
	}
	if in.PostalCode != "" && !postalRe.MatchString(in.PostalCode) {
		fields["postal_code"] = "must be 6 digits"
	}
	if len(fields) > 0 {
		return &apperr.Error{Code: apperr.CodeInvalid, Message: "some address fields are not valid", Fields: fields}
	}
	return nil
}

func checkText(fields map[string]string, name, v string, required bool, maxLen int) {
	switch {
	case v == "" && required:
		fields[name] = "is required"
	case utf8.RuneCountInString(v) > maxLen:
		fields[name] = fmt.Sprintf("must be at most %d characters", maxLen)
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		fields[name] = "must not contain control characters"
	}
}
