using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Pacing
{
    /// <summary>
    /// Paces the calls of one account, Region and endpoint to the service's request-rate quotas: one token bucket per API
    /// (rate and burst, like the service's own), shared by every client and runspace of the process. It never sends
    /// faster than the quota: the bucket refills at the quota's rate and holds a little less than the service's burst (a
    /// cushion for clock jitter between the two buckets), so at the full rate the service's bucket never runs dry.
    /// A 429 says the service's bucket is empty after all (someone else uses the quota too): the gate drains its own and
    /// moves the calls already waiting one interval later; when the service keeps throttling, the rate is lowered to what
    /// got through, and it climbs back, never above the quota, once the 429s stop.
    /// </summary>
    public sealed partial class RequestRateGate : IAttemptGate
    {
        private static readonly ConcurrentDictionary<string, RequestRateGate> Registry = new ConcurrentDictionary<string, RequestRateGate>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, Bucket> _buckets;
        private readonly Func<long> _clock;
        private readonly string _place;
        private readonly bool _ofAccount;
        private volatile IReadOnlyDictionary<string, ApiQuota> _quotas;
        // Once the account is known: the account's gate, which every call of this gate goes through from then on.
        private volatile RequestRateGate? _account;

        /// <summary>
        /// The process's gate for a credential identity, Region and endpoint, made on first use; the quotas given (the
        /// defaults and CONNECTTOOLS_API_QUOTAS) replace the ones it had. Until the account behind the credentials is known
        /// (<see cref="OnAccount"/>), the identity stands for it.
        /// </summary>
        public static RequestRateGate For(string identity, string region, string? endpoint, IReadOnlyDictionary<string, ApiQuota> quotas)
        {
            string place = region + "\n" + (endpoint ?? "");
            var gate = Registry.GetOrAdd(identity + "\n" + place, _ => new RequestRateGate(quotas, Stopwatch.GetTimestamp, place));
            gate.Configure(quotas);
            return gate;
        }

        /// <summary>A gate outside the process's, that never joins an account's (the warm-up's in-memory calls).</summary>
        internal static RequestRateGate Detached(IReadOnlyDictionary<string, ApiQuota> quotas) =>
            new RequestRateGate(quotas, Stopwatch.GetTimestamp) { _detached = true };

        private bool _detached;

        /// <summary>The keys of the process's gates (for tests).</summary>
        internal static ICollection<string> RegistryKeys => Registry.Keys;

        internal RequestRateGate(IReadOnlyDictionary<string, ApiQuota> quotas, Func<long> clock, string place = "")
            : this(quotas, clock, place, new ConcurrentDictionary<string, Bucket>(StringComparer.Ordinal), ofAccount: false)
        {
        }

        private RequestRateGate(IReadOnlyDictionary<string, ApiQuota> quotas, Func<long> clock, string place,
            ConcurrentDictionary<string, Bucket> buckets, bool ofAccount)
        {
            _quotas = quotas;
            _clock = clock;
            _place = place;
            _buckets = buckets;
            _ofAccount = ofAccount;
        }

        /// <summary>
        /// The account the calls are made in (read from an ARN in a response): from now on this gate's calls go through the
        /// process's gate of that account, Region and endpoint, which every other identity of the account (another profile,
        /// role or key pair) joins too, because the service's quotas are the account's. The first identity to name the
        /// account hands its buckets (tokens spent, pace learned) to the account's gate. Told again, nothing changes.
        /// </summary>
        public void OnAccount(string accountId)
        {
            if (_ofAccount || _detached || _account != null || string.IsNullOrEmpty(accountId)) return;
            var shared = Registry.GetOrAdd("account:" + accountId + "\n" + _place,
                _ => new RequestRateGate(_quotas, _clock, _place, _buckets, ofAccount: true));
            shared.Configure(_quotas);
            _account = shared;
        }

        /// <summary>Whether this gate's calls are paced with the other identities of their account (the account is known).</summary>
        public bool SharedWithAccount => _ofAccount || _account != null;

        /// <summary>Sets the quotas; an API's bucket keeps its tokens (up to its new size).</summary>
        public void Configure(IReadOnlyDictionary<string, ApiQuota> quotas)
        {
            _account?.Configure(quotas);
            if (ReferenceEquals(quotas, _quotas)) return;
            _quotas = quotas;
            foreach (var pair in _buckets)
                if (quotas.TryGetValue(pair.Key, out var quota)) pair.Value.SetQuota(quota, _clock());
        }

        /// <summary>The quota the gate paces <paramref name="operation"/> to; null when it does not pace it.</summary>
        public ApiQuota? QuotaOf(string operation) => _account?.QuotaOf(operation) ?? (_quotas.TryGetValue(operation, out var q) ? q : null);

        /// <summary>The pace of <paramref name="operation"/> now, in calls per second: the quota's rate, or less after 429s; null when not paced.</summary>
        public double? RateOf(string operation) => (_account ?? this).BucketOf(operation)?.Rate;

        /// <summary>How many calls of <paramref name="operation"/> the gate lets go at once after a quiet spell; null when not paced.</summary>
        public int? CapacityOf(string operation) => (_account ?? this).BucketOf(operation)?.Capacity;

        /// <summary>429s seen for <paramref name="operation"/>.</summary>
        public long ThrottledCount(string operation) =>
            _account?.ThrottledCount(operation) ?? (_buckets.TryGetValue(operation, out var b) ? Interlocked.Read(ref b.Throttled) : 0);

        public Task WaitAsync(string operation, CancellationToken cancellationToken)
        {
            var account = _account;
            if (account != null) return account.WaitAsync(operation, cancellationToken);
            var cap = RequestRateCap.Current;
            if (cap != null) return WaitCappedAsync(cap, operation, cancellationToken);
            return WaitBucketAsync(operation, cancellationToken);
        }

        private async Task WaitCappedAsync(RequestRateCap cap, string operation, CancellationToken ct)
        {
            await cap.WaitAsync(this, operation, _clock, ct).ConfigureAwait(false);
            await WaitBucketAsync(operation, ct).ConfigureAwait(false);
        }

        private Task WaitBucketAsync(string operation, CancellationToken ct)
        {
            var bucket = BucketOf(operation);
            if (bucket == null) return Task.CompletedTask;
            long now = _clock();
            long due = bucket.Reserve(now, out long stamp);
            return due <= now ? Task.CompletedTask : SleepAsync(bucket, due, stamp, ct);
        }

        private async Task SleepAsync(Bucket bucket, long due, long stamp, CancellationToken ct)
        {
            try
            {
                while (true)
                {
                    // A 429 while this call waited moved every waiting call one interval later.
                    long shift = bucket.ShiftSince(stamp);
                    due += shift;
                    stamp += shift;
                    long left = due - _clock();
                    if (left <= 0) return;
                    // Timers can fire a little early: wait again until the Stopwatch says the token is there.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, left * 1000.0 / Stopwatch.Frequency)), ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                bucket.Refund();
                throw;
            }
        }

        public void OnCompleted(AttemptEventArgs attempt)
        {
            var account = _account;
            if (account != null)
            {
                account.OnCompleted(attempt);
                return;
            }

            if (!_buckets.TryGetValue(attempt.Operation, out var bucket)) return;
            long now = _clock();
            if (attempt.Throttled) bucket.OnThrottled(now, now - (long)(attempt.Elapsed.TotalSeconds * Stopwatch.Frequency));
            else if (attempt.Succeeded) bucket.OnSuccess(now);
        }

        private Bucket? BucketOf(string operation)
        {
            if (_buckets.TryGetValue(operation, out var bucket)) return bucket;
            if (!_quotas.TryGetValue(operation, out var quota)) return null;
            return _buckets.GetOrAdd(operation, _ => new Bucket(quota, _clock()));
        }
    }
}
