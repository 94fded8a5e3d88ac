package withdrawal

import (
	"testing"

	"fenxiao/internal/platform/money"
)

func TestValidCard(t *testing.T) {
	t.Parallel()
	for card, want := range map[string]bool{
		"4111111111111111": true, "6011000990139424": true, "4111111111111112": false,
		"41111111111": false, "41111111111111111111": false, "4111a11111111111": false, "": false,
	} {
		if got := validCard(card); got != want {
			t.Errorf("validCard(%q) = %v, want %v", card, got, want)
		}
	}
}

func TestMasks(t *testing.T) {
	t.Parallel()
	for got, want := range map[string]string{
		MaskCard("6222021234567890123"): "**** **** **** 0123",
		MaskEmail("alice@example.com"):  "a***@example.com",
		MaskEmail("bad"):                "***",
		MaskRealName("张三"):              "张*",
		MaskRealName("欧阳娜娜"):            "欧***",
		MaskRealName("A"):               "A*",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// The fee is floored to the fen, never rounded up against the distributor.
func TestFee(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		amount money.Fen
		bp     money.BP
		fee    money.Fen
	}{{1050, 100, 10}, {99, 100, 0}, {100, 100, 1}, {1, 5000, 0}, {3, 5000, 1}, {500000, 0, 0}, {12345, 60, 74}} {
		if got := (Settings{FeeBP: tc.bp}).Fee(tc.amount); got != tc.fee {
			t.Errorf("Fee(%d @ %d bp) = %d, want %d", tc.amount, tc.bp, got, tc.fee)
		}
	}
}
