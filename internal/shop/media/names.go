package media

import "strings"

// Stored names are 32 random hex digits and an extension chosen by the
// server from the sniffed type: "3f0c...9a.png". Nothing a client sends
// ever becomes part of a name.
const nameHexLen = 32

// typesByExt is every extension the server writes, with its content type.
// svg is only ever written by the server itself (PlaceholderSVG); uploads
// of SVG are refused.
var typesByExt = map[string]string{
	"jpg":  "image/jpeg",
	"png":  "image/png",
	"gif":  "image/gif",
	"webp": "image/webp",
	"svg":  "image/svg+xml",
}

// NewName returns a fresh random name with extension ext ("png").
func NewName(ext string) string { return randomHex(nameHexLen/2) + "." + ext }

// ValidName reports whether name has exactly the shape NewName produces.
// It is the only gate between a URL and the storage, so it is strict: no
// separators, dots or upper case can get through.
func ValidName(name string) bool {
	base, ext, ok := strings.Cut(name, ".")
	if !ok || len(base) != nameHexLen {
		return false
	}
	if _, known := typesByExt[ext]; !known {
		return false
	}
	for i := 0; i < len(base); i++ {
		c := base[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// TypeOf is the content type a valid name is served with.
func TypeOf(name string) (string, bool) {
	if !ValidName(name) {
		return "", false
	}
	_, ext, _ := strings.Cut(name, ".")
	return typesByExt[ext], true
}
