package media

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"
	"unicode"
)

const (
	placeholderSize = 800
	lineRunes       = 8 // runes per title line before wrapping
)

// PlaceholderSVG renders a square product placeholder: a diagonal gradient
// in the given hue (degrees, any integer), soft decorative circles and the
// title in up to two lines. The title is XML-escaped and stripped of control
// characters, so any product title is safe to render. The SVG has no script
// and no external references.
func PlaceholderSVG(title string, hue int) []byte {
	h := ((hue % 360) + 360) % 360
	lines := titleLines(title)
	size, gap := 84, 0
	if len(lines) == 2 {
		size, gap = 72, 96
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%[1]d" height="%[1]d" viewBox="0 0 %[1]d %[1]d">`, placeholderSize)
	fmt.Fprintf(&b, `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">`+
		`<stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/>`+
		`</linearGradient></defs>`, hslHex(h, 0.72, 0.66), hslHex((h+36)%360, 0.70, 0.42))
	fmt.Fprintf(&b, `<rect width="%[1]d" height="%[1]d" fill="url(#g)"/>`, placeholderSize)
	b.WriteString(`<circle cx="660" cy="140" r="220" fill="#fff" fill-opacity="0.12"/>`)
	b.WriteString(`<circle cx="110" cy="700" r="260" fill="#fff" fill-opacity="0.08"/>`)
	b.WriteString(`<rect x="80" y="250" width="640" height="300" rx="36" fill="#fff" fill-opacity="0.14"/>`)
	y := 400 - gap/2 + size/3
	for i, line := range lines {
		ly := y + i*gap
		for _, layer := range []string{`fill="#000" fill-opacity="0.18" dx="3" dy="4"`, `fill="#fff"`} {
			fmt.Fprintf(&b, `<text x="400" y="%d" %s font-size="%d" font-weight="600" text-anchor="middle" `+
				`font-family="PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, sans-serif">`, ly, layer, size)
			xml.EscapeText(&b, []byte(line))
			b.WriteString(`</text>`)
		}
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// titleLines cleans the title and splits it into at most two lines,
// ending the second with "…" when the title is longer.
func titleLines(title string) []string {
	clean := strings.Join(strings.FieldsFunc(title, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar
	}), " ")
	runes := []rune(clean)
	switch {
	case len(runes) == 0:
		return []string{"Fenxiao"}
	case len(runes) <= lineRunes:
		return []string{clean}
	case len(runes) <= 2*lineRunes:
		return []string{string(runes[:lineRunes]), string(runes[lineRunes:])}
	}
	return []string{string(runes[:lineRunes]), string(runes[lineRunes:2*lineRunes-1]) + "…"}
}

// hslHex converts a colour to #rrggbb: hex colours work in every SVG
// renderer, hsl() only in browsers.
func hslHex(h int, s, l float64) string {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(float64(h)/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	case h < 240:
		r, g, b = 0, x, c
	case h < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	to := func(v float64) int { return int(math.Round((v + m) * 255)) }
	return fmt.Sprintf("#%02x%02x%02x", to(r), to(g), to(b))
}
