package export

// SetBatchRows shrinks the cursor window so tests walk several windows.
func SetBatchRows(n int) (restore func()) {
	old := batchRows
	batchRows = n
	return func() { batchRows = old }
}
