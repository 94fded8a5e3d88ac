package leaderboard

// Unexported pieces the external tests check.
var (
	ValueBucket = valueBucket
	LastInGroup = lastInGroup
	Exact       = exact
	BucketSQL   = bucketSQL
)

const (
	BucketDigits    = bucketDigits
	SubBucketDigits = subBucketDigits
)
