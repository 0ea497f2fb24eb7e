using ConnectTools.Pacing;

namespace ConnectTools.Client
{
    public sealed partial class ConnectClient
    {
        private volatile bool _accountTold;

        /// <summary>
        /// Tells the gate, once, which account the calls are made in, from the first ARN in a successful response (never
        /// from an id or ARN the caller typed: an ARN of another account would only fail, and must not move this
        /// identity's pace there). Amazon Connect's quotas are the account's, so every identity of an account (profiles,
        /// roles, key pairs) must share one pace (<see cref="RequestRateGate.OnAccount"/>).
        /// </summary>
        private void NoteAccount(string? arn)
        {
            if (_accountTold || arn == null || !ConnectArn.TryParse(arn, out var parsed)) return;
            var gate = _attempts.Gate;
            if (gate == null) return;
            gate.OnAccount(parsed!.AccountId);
            _accountTold = true;
        }
    }
}
