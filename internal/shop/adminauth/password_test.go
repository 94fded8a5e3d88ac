package adminauth

import (
	"strings"
	"testing"

	"fenxiao/internal/platform/apperr"
)

func TestHashAndVerifyPassword(t *testing.T) {
	t.Parallel()
	h1, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := HashPassword("correct horse battery")
	if h1 == h2 {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry its argon2id parameters", h1)
	}
	if strings.Contains(h1, "correct horse") {
		t.Fatal("hash contains the password")
	}
	for _, h := range []string{h1, h2} {
		if !VerifyPassword(h, "correct horse battery") {
			t.Fatal("right password refused")
		}
	}
	for _, wrong := range []string{"", "correct horse batter", "Correct horse battery", "correct horse battery "} {
		if VerifyPassword(h1, wrong) {
			t.Fatalf("wrong password %q accepted", wrong)
		}
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	t.Parallel()
	good, _ := HashPassword("correct horse battery")
	parts := strings.Split(good, "$")
	for name, h := range map[string]string{
		"empty":         "",
		"bcrypt":        "$2a$10$abcdefghijklmnopqrstuu",
		"argon2i":       strings.Replace(good, "argon2id", "argon2i", 1),
		"wrong version": strings.Replace(good, "v=19", "v=16", 1),
		"huge memory":   strings.Replace(good, "m=19456", "m=99999999", 1),
		"zero time":     strings.Replace(good, "t=2", "t=0", 1),
		"bad salt":      strings.Join(append(parts[:4:4], "!!!", parts[5]), "$"),
		"short key":     strings.Join(append(parts[:5:5], "AAAA"), "$"),
		"missing part":  strings.Join(parts[:5], "$"),
	} {
		if VerifyPassword(h, "correct horse battery") {
			t.Errorf("%s: malformed hash accepted", name)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pw string
		ok bool
	}{
		{"", false},
		{"123456789", false},
		{"1234567890", true},
		{"          ", false},
		{"密码密码密码密码密码", true}, // ten characters, counted as runes
		{strings.Repeat("x", MaxPasswordLength), true},
		{strings.Repeat("x", MaxPasswordLength+1), false},
	}
	for _, tt := range tests {
		err := CheckPasswordPolicy("password", tt.pw)
		if (err == nil) != tt.ok {
			t.Errorf("%q: err %v, want ok=%v", tt.pw, err, tt.ok)
		}
		if err != nil {
			e, _ := apperr.As(err)
			if e == nil || e.Code != apperr.CodeInvalid || e.Fields["password"] == "" {
				t.Errorf("%q: want invalid with a password field, got %v", tt.pw, err)
			}
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		pw, err := GeneratePassword()
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) < 16 || CheckPasswordPolicy("password", pw) != nil {
			t.Fatalf("generated password %q is too weak", pw)
		}
		if strings.Trim(pw, passwordAlphabet) != "" {
			t.Fatalf("generated password %q leaves the alphabet", pw)
		}
		if seen[pw] {
			t.Fatalf("generated %q twice", pw)
		}
		seen[pw] = true
	}
}

func TestUsernameRules(t *testing.T) {
	t.Parallel()
	for u, ok := range map[string]bool{
		"alice": true, "a.b-c_d": true, "abc": true, "ab": false, "-alice": false,
		"al ice": false, "Alice": false, "alice@shop": false, strings.Repeat("a", 32): true, strings.Repeat("a", 33): false,
	} {
		if (checkUsername(u) == nil) != ok {
			t.Errorf("username %q: ok=%v expected", u, ok)
		}
	}
	if NormalizeUsername("  Alice ") != "alice" {
		t.Fatal("usernames are not normalised")
	}
}
