package member

import "testing"

func TestMaskPhone(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"13812348000", "138****8000"},
		{"19900000001", "199****0001"},
		{"+8613812348000", "+86*******8000"},
		{"0105551234", "01******34"},
		{"1234567", "12***67"},
		{"123456", "******"},
		{"12", "**"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskPhone(tt.in); got != tt.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidMobile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"13812348000", true},
		{"19912345678", true},
		{"12812348000", false}, // 12x is not a mobile prefix
		{"1381234800", false},  // 10 digits
		{"138123480000", false},
		{"+8613812348000", false},
		{"1381234800a", false},
		{"", false},
		{"１３８１２３４８０００", false}, // full-width digits
	}
	for _, tt := range tests {
		if got := ValidMobile(tt.in); got != tt.want {
			t.Errorf("ValidMobile(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
