using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;

namespace ConnectTools.Enumeration
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
    public sealed class RequestRateGate : IAttemptGate
    {
        private static readonly ConcurrentDictionary<string, RequestRateGate> Registry = new ConcurrentDictionary<string, RequestRateGate>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, Bucket> _buckets = new ConcurrentDictionary<string, Bucket>(StringComparer.Ordinal);
        private readonly Func<long> _clock;
        private volatile IReadOnlyDictionary<string, ApiQuota> _quotas;

        /// <summary>
        /// The process's gate for an account (or credential identity), Region and endpoint, made on first use; the quotas
        /// given (the defaults and CONNECTTOOLS_API_QUOTAS) replace the ones it had.
        /// </summary>
        public static RequestRateGate For(string identity, string region, string? endpoint, IReadOnlyDictionary<string, ApiQuota> quotas)
        {
            string key = identity + "\n" + region + "\n" + (endpoint ?? "");
            var gate = Registry.GetOrAdd(key, _ => new RequestRateGate(quotas, Stopwatch.GetTimestamp));
            gate.Configure(quotas);
            return gate;
        }

        internal RequestRateGate(IReadOnlyDictionary<string, ApiQuota> quotas, Func<long> clock)
        {
            _quotas = quotas;
            _clock = clock;
        }

        /// <summary>Sets the quotas; an API's bucket keeps its tokens (up to its new size).</summary>
        public void Configure(IReadOnlyDictionary<string, ApiQuota> quotas)
        {
            if (ReferenceEquals(quotas, _quotas)) return;
            _quotas = quotas;
            foreach (var pair in _buckets)
                if (quotas.TryGetValue(pair.Key, out var quota)) pair.Value.SetQuota(quota, _clock());
        }

        /// <summary>The quota the gate paces <paramref name="operation"/> to; null when it does not pace it.</summary>
        public ApiQuota? QuotaOf(string operation) => _quotas.TryGetValue(operation, out var q) ? q : null;

        /// <summary>The pace of <paramref name="operation"/> now, in calls per second: the quota's rate, or less after 429s; null when not paced.</summary>
        public double? RateOf(string operation) => BucketOf(operation)?.Rate;

        /// <summary>How many calls of <paramref name="operation"/> the gate lets go at once after a quiet spell; null when not paced.</summary>
        public int? CapacityOf(string operation) => BucketOf(operation)?.Capacity;

        /// <summary>429s seen for <paramref name="operation"/>.</summary>
        public long ThrottledCount(string operation) => _buckets.TryGetValue(operation, out var b) ? Interlocked.Read(ref b.Throttled) : 0;

        public Task WaitAsync(string operation, CancellationToken cancellationToken)
        {
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

        /// <summary>The token bucket of one API. Times in Stopwatch ticks; tokens below 0 are calls waiting their turn.</summary>
        internal sealed class Bucket
        {
            private static readonly double Frequency = Stopwatch.Frequency;
            private const double RecoverAfterSeconds = 5;       // no new 429 for this long: the pace climbs back
            private const double RecoverPerSecond = 0.05;       // by 5% of the quota a second
            private const double KeepsThrottlingSeconds = 5;    // a second drain this soon after the first lowers the rate

            private readonly object _lock = new object();
            private readonly long[] _successes = new long[1024];
            private int _successHead, _successCount;
            private readonly long _created;
            private ApiQuota _quota = null!;
            private double _rate, _capacity, _tokens;
            private long _updated, _shift, _lastDrain, _lastCut;
            internal long Throttled;

            internal Bucket(ApiQuota quota, long now)
            {
                _created = now;
                _updated = now;
                SetQuotaLocked(quota);
                _tokens = _capacity;
            }

            internal double Rate { get { lock (_lock) return _rate; } }
            internal int Capacity { get { lock (_lock) return (int)_capacity; } }

            /// <summary>
            /// The gate's bucket holds the service's burst less a cushion of half a second of calls (at least 1, at most
            /// half the burst), so the service's bucket always keeps a few tokens against clock jitter.
            /// </summary>
            internal static int CapacityFor(ApiQuota quota)
            {
                int cushion = Math.Min(Math.Max(1, (int)Math.Ceiling(quota.Rate * 0.5)), quota.Burst / 2);
                return Math.Max(1, quota.Burst - cushion);
            }

            internal void SetQuota(ApiQuota quota, long now)
            {
                lock (_lock)
                {
                    if (quota.Equals(_quota)) return;
                    Refill(now);
                    SetQuotaLocked(quota);
                    _tokens = Math.Min(_tokens, _capacity);
                }
            }

            private void SetQuotaLocked(ApiQuota quota)
            {
                _quota = quota;
                _rate = quota.Rate;
                _capacity = CapacityFor(quota);
            }

            /// <summary>Takes a token: returns when the call may go (now or later) and the shift stamp to watch while waiting.</summary>
            internal long Reserve(long now, out long stamp)
            {
                lock (_lock)
                {
                    Refill(now);
                    _tokens -= 1;
                    stamp = _shift;
                    return _tokens >= 0 ? now : now + (long)Math.Ceiling(-_tokens / _rate * Frequency);
                }
            }

            /// <summary>A waiting call was cancelled: its token goes back.</summary>
            internal void Refund()
            {
                lock (_lock) _tokens = Math.Min(_capacity, _tokens + 1);
            }

            internal long ShiftSince(long stamp) => Interlocked.Read(ref _shift) - stamp;

            internal void OnSuccess(long now)
            {
                lock (_lock)
                {
                    _successes[_successHead] = now;
                    _successHead = (_successHead + 1) % _successes.Length;
                    if (_successCount < _successes.Length) _successCount++;
                }
            }

            /// <summary>A 429 for a call sent at <paramref name="sentAt"/>. Returns the new rate when it was lowered.</summary>
            internal double? OnThrottled(long now, long sentAt)
            {
                Interlocked.Increment(ref Throttled);
                lock (_lock)
                {
                    Refill(now);
                    // Calls sent before the last drain were sent on the belief the drain corrected: one episode.
                    if (_lastDrain != 0 && sentAt < _lastDrain) return null;
                    if (_tokens >= 0) _tokens = 0;
                    else
                    {
                        // Calls are waiting their turn: the first of them would find the service's bucket still empty.
                        _tokens -= 1;
                        Interlocked.Add(ref _shift, (long)Math.Ceiling(Frequency / _rate));
                    }
                    bool keeps = _lastDrain != 0 && (now - _lastDrain) / Frequency < KeepsThrottlingSeconds;
                    _lastDrain = now;
                    // One cut per half second at most (two intervals at slow rates): the 429s of one overshoot come together.
                    if (!keeps || (_lastCut != 0 && (now - _lastCut) / Frequency < Math.Max(0.5, 2 / _rate))) return null;
                    _lastCut = now;
                    // Throttled again after a drain: the service lets fewer calls through than the quota says (the quota
                    // is shared, or lower than configured). Pace at what got through, between half and 90% of the pace.
                    double next = _rate * 0.75;
                    double lived = (now - _created) / Frequency;
                    if (lived >= 2)
                    {
                        int got = SuccessesSince(now - (long)(2 * Frequency));
                        if (got >= 4) next = got / 2.0;
                    }
                    next = Math.Max(_rate * 0.5, Math.Min(_rate * 0.9, next));
                    _rate = Math.Max(Math.Min(_quota.Rate, 0.5), next);
                    return _rate;
                }
            }

            private int SuccessesSince(long from)
            {
                int n = 0;
                for (int i = 0; i < _successCount; i++)
                {
                    long t = _successes[(_successHead - 1 - i + _successes.Length) % _successes.Length];
                    if (t < from) break;
                    n++;
                }
                return n;
            }

            private void Refill(long now)
            {
                double elapsed = (now - _updated) / Frequency;
                if (elapsed <= 0) return;
                _updated = now;
                if (_rate < _quota.Rate && (_lastDrain == 0 || (now - _lastDrain) / Frequency >= RecoverAfterSeconds))
                    _rate = Math.Min(_quota.Rate, _rate + _quota.Rate * RecoverPerSecond * elapsed);
                _tokens = Math.Min(_capacity, _tokens + elapsed * _rate);
            }
        }
    }

    /// <summary>
    /// -MaxRequestRate: at most this many calls a second of each API, per account and Region, for the calls of one
    /// command (its listing or its piped ids), on top of the quota's pace. Evenly spaced, no burst.
    /// </summary>
    public sealed class RequestRateCap
    {
        private static readonly AsyncLocal<RequestRateCap?> Ambient = new AsyncLocal<RequestRateCap?>();
        private readonly ConcurrentDictionary<(RequestRateGate Gate, string Operation), Spacing> _spacings =
            new ConcurrentDictionary<(RequestRateGate, string), Spacing>();

        public RequestRateCap(double callsPerSecond)
        {
            if (double.IsNaN(callsPerSecond) || double.IsInfinity(callsPerSecond) || callsPerSecond < MinRate || callsPerSecond > MaxRate)
                throw new ConnectInputException("MaxRequestRate",
                    "-MaxRequestRate must be a number of calls per second from " + MinRate + " to " + MaxRate + ", for example 5 to take at most 5 calls a second of each API " +
                    "(the default quota of DescribeUser is 10). Leave it out to use the whole quota.");
            CallsPerSecond = callsPerSecond;
        }

        public const double MinRate = 0.1, MaxRate = 10000;

        public double CallsPerSecond { get; }

        /// <summary>The cap of the calls made in this async flow (set by the listing engine around each call).</summary>
        internal static RequestRateCap? Current
        {
            get => Ambient.Value;
            set => Ambient.Value = value;
        }

        internal async Task WaitAsync(RequestRateGate gate, string operation, Func<long> clock, CancellationToken ct)
        {
            var spacing = _spacings.GetOrAdd((gate, operation), _ => new Spacing());
            long interval = (long)Math.Ceiling(Stopwatch.Frequency / CallsPerSecond);
            while (true)
            {
                // The turn is taken when the call goes, not booked ahead: calls that wake late together (a busy machine)
                // still go one interval apart.
                long now = clock(), left;
                lock (spacing)
                {
                    left = spacing.Next - now;
                    if (left <= 0)
                    {
                        spacing.Next = now + interval;
                        return;
                    }
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, left * 1000.0 / Stopwatch.Frequency)), ct).ConfigureAwait(false);
            }
        }

        private sealed class Spacing
        {
            internal long Next;
        }
    }
}
