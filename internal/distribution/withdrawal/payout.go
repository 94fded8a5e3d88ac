package withdrawal

import (
	"context"
	"time"

	"fenxiao/internal/platform/money"
)

// ProviderManual is the provider of withdrawals an admin pays by hand and
// records with MarkPaid.
const ProviderManual = "manual"

// PayoutState follows a provider payout of an approved withdrawal.
type PayoutState string

const (
	PayoutNone       PayoutState = ""                  // manual payout
	PayoutQueued     PayoutState = "queued"            // approved, the send job is enqueued, nothing sent
	PayoutSending    PayoutState = "sending"           // a send may have gone out: ask before sending again
	PayoutProcessing PayoutState = "processing"        // the provider has it and finishes on its own
	PayoutWaitUser   PayoutState = "wait_user_confirm" // WeChat: the distributor confirms receipt
	PayoutCanceling  PayoutState = "canceling"         // an admin cancelled; the provider confirms later
	PayoutPaid       PayoutState = "paid"
	PayoutFailed     PayoutState = "failed"
)

// openPayoutStates are asked about by the poll until they end.
var openPayoutStates = []PayoutState{PayoutQueued, PayoutSending, PayoutProcessing, PayoutWaitUser, PayoutCanceling}

func (st PayoutState) open() bool {
	for _, o := range openPayoutStates {
		if st == o {
			return true
		}
	}
	return false
}

// Outcome is what a provider says about one transfer.
type Outcome string

const (
	// OutcomeNotFound: the provider holds nothing under the number (Query).
	OutcomeNotFound Outcome = "not_found"
	// OutcomeRejected: the provider refused the send outright (Send).
	OutcomeRejected  Outcome = "rejected"
	OutcomePending   Outcome = "pending"
	OutcomeWaitUser  Outcome = "wait_user_confirm"
	OutcomeCanceling Outcome = "canceling"
	OutcomePaid      Outcome = "paid"
	// OutcomeFailed: failed, cancelled or expired; no money moved.
	OutcomeFailed Outcome = "failed"
)

// Result of sending, querying or cancelling a transfer.
type Result struct {
	Outcome     Outcome
	Reference   string    // the provider's bill id
	PackageInfo string    // WeChat's package_info with OutcomeWaitUser from a send
	Reason      string    // with OutcomeRejected and OutcomeFailed
	Amount      money.Fen // what the provider says it pays; 0 when it did not say
}

// Transfer is what a provider needs to pay one withdrawal: its net to the
// target under its PayoutNo. It holds the opened account: never log it.
type Transfer struct {
	Withdrawal Withdrawal
	Target     Target
	Settings   PayoutSettings
}

// Payout pays approved withdrawals through a provider. Implementations
// always send under w.PayoutNo, which never changes, so a second send of
// one withdrawal can never pay twice at the provider.
type Payout interface {
	// Name is stored on the withdrawal ("wechatpay", "alipay").
	Name() string
	// Send asks the provider to pay. OutcomeRejected is a refusal that
	// created nothing (payee unknown, invalid request); an error means the
	// outcome is unknown, and the service asks with Query before anything
	// else.
	Send(ctx context.Context, t Transfer) (Result, error)
	// Query says what the provider holds under w.PayoutNo
	// (OutcomeNotFound: nothing).
	Query(ctx context.Context, w Withdrawal) (Result, error)
}

// Canceller is a payout whose unconfirmed transfers can be revoked
// (WeChat). The answer is usually OutcomeCanceling; Query tells the end.
type Canceller interface {
	Cancel(ctx context.Context, w Withdrawal) (Result, error)
}

// UserConfirmer is a payout the payee confirms in the provider's app
// (WeChat's requestMerchantTransfer with the package_info).
type UserConfirmer interface {
	ConfirmPayload(packageInfo string) ConfirmPayload
}

// ConfirmPayload is what the H5 app passes to WeChat so the distributor
// confirms receipt of a waiting transfer.
type ConfirmPayload struct {
	MchID       string    `json:"mch_id"`
	AppID       string    `json:"app_id"`
	PackageInfo string    `json:"package_info"`
	ExpiresAt   time.Time `json:"expires_at"` // WeChat closes the transfer then
}

// payoutNamed is the configured payout stored as name on withdrawals.
func (s *Service) payoutNamed(name string) Payout {
	for _, p := range s.payouts {
		if p.Name() == name {
			return p
		}
	}
	return nil
}
