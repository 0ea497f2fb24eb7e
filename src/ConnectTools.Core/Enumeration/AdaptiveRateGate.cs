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
    /// A client-side rate limiter per API that learns the account's real quota. It starts unlimited (concurrency is
    /// bounded elsewhere). When the service answers 429, the rate of successful calls observed just before is what the
    /// service's token bucket let through, so that becomes the pace; while calls succeed the pace climbs by a few
    /// percent a second, so a raised quota is found again. One gate is shared by every listing through the same client
    /// (credentials, Region and endpoint), so parallel pipelines share the quota instead of fighting over it.
    /// </summary>
    public sealed class AdaptiveRateGate : IAttemptGate
    {
        private readonly ConcurrentDictionary<string, OperationPace> _paces = new ConcurrentDictionary<string, OperationPace>(StringComparer.Ordinal);
        private readonly Func<long> _clock;

        private readonly IReadOnlyDictionary<string, double> _defaults;

        public AdaptiveRateGate() : this(() => Stopwatch.GetTimestamp(), ServiceQuotas.DefaultRates) { }

        internal AdaptiveRateGate(Func<long> clock, IReadOnlyDictionary<string, double>? defaults = null)
        {
            _clock = clock;
            _defaults = defaults ?? new Dictionary<string, double>();
        }

        /// <summary>Raised (on a pool thread) when a pace changes: operation, new rate per second (null = unlimited).</summary>
        public event Action<string, double?>? PaceChanged;

        /// <summary>The current pace of <paramref name="operation"/> in calls per second; null while unlimited.</summary>
        public double? RateOf(string operation) => _paces.TryGetValue(operation, out var p) ? p.Rate : null;

        /// <summary>429s seen for <paramref name="operation"/> since the gate was made.</summary>
        public long ThrottledCount(string operation) => _paces.TryGetValue(operation, out var p) ? Interlocked.Read(ref p.Throttled) : 0;

        public Task WaitAsync(string operation, CancellationToken cancellationToken)
        {
            var pace = Pace(operation);
            TimeSpan wait = pace.Reserve(_clock());
            return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, cancellationToken);
        }

        public void OnCompleted(AttemptEventArgs attempt)
        {
            var pace = Pace(attempt.Operation);
            long now = _clock();
            double? changed = attempt.Throttled ? pace.OnThrottled(now) : attempt.Succeeded ? pace.OnSuccess(now) : null;
            if (changed != null) PaceChanged?.Invoke(attempt.Operation, changed);
        }

        private OperationPace Pace(string operation) =>
            _paces.GetOrAdd(operation, op => new OperationPace(_defaults.TryGetValue(op, out var rate) ? rate : (double?)null));

        /// <summary>The pacing state of one API. All times in Stopwatch ticks.</summary>
        internal sealed class OperationPace
        {
            private static readonly double TicksPerSecond = Stopwatch.Frequency;

            // Successful completions (a ring of time stamps), for the observed rate over the last second.
            private const int Window = 4096;
            private readonly long[] _successes = new long[Window];
            private int _successCount, _successHead;
            private long _firstSuccess;

            // Every completed attempt (success or 429), for the rate the calls were actually sent at.
            private readonly long[] _attempts = new long[Window];
            private int _attemptCount, _attemptHead;
            private long _firstAttempt;

            // Full-second observations at throttle time: the quota as the service enforced it, kept for 10 s, so that
            // after a burst of 429s that was not about the rate (a storm) the pace climbs straight back to it.
            private readonly Queue<(long At, double Rate)> _peaks = new Queue<(long, double)>();

            private readonly object _lock = new object();
            private readonly double? _defaultRate;
            private double? _rate;

            internal OperationPace(double? defaultRate) => _defaultRate = defaultRate;
            private double _nextFree;   // when the next call may go (ticks)
            private long _lastDecrease, _lastIncrease;
            internal long Throttled;

            internal double? Rate
            {
                get { lock (_lock) return _rate; }
            }

            internal TimeSpan Reserve(long now)
            {
                lock (_lock)
                {
                    if (_rate == null) return TimeSpan.Zero;
                    double interval = TicksPerSecond / _rate.Value;
                    // Allow a small burst of two calls after an idle spell, no more.
                    double earliest = Math.Max(_nextFree, now - interval);
                    _nextFree = earliest + interval;
                    double waitTicks = earliest - now;
                    return waitTicks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(waitTicks / TicksPerSecond);
                }
            }

            internal double? OnSuccess(long now)
            {
                lock (_lock)
                {
                    if (_successCount == 0) _firstSuccess = now;
                    Record(_successes, ref _successHead, ref _successCount, now);
                    if (_attemptCount == 0) _firstAttempt = now;
                    Record(_attempts, ref _attemptHead, ref _attemptCount, now);
                    if (_rate == null) return null;
                    double since = (now - Math.Max(_lastIncrease, _lastDecrease)) / TicksPerSecond;
                    if (since < 0.2) return null;
                    double rate = _rate.Value;
                    double peak = Peak(now);
                    // Back towards the recent quota quickly; beyond it, 5% a second, to find a raised quota; and after
                    // 2 s without a 429 the pace is plainly below what the service allows, so it climbs 50% a second.
                    // "Plainly" means 2 s and at least 8 calls' worth of time, so slow APIs (2/s) are not pushed over.
                    double quiet = (now - _lastDecrease) / TicksPerSecond;
                    if (peak > rate * 1.05) rate += (peak - rate) * Math.Min(1.0, since);
                    else rate *= 1 + (quiet >= Math.Max(2.0, 8 / rate) ? 0.5 : 0.05) * since;
                    _rate = rate;
                    _lastIncrease = now;
                    return _rate;
                }
            }

            internal double? OnThrottled(long now)
            {
                Interlocked.Increment(ref Throttled);
                lock (_lock)
                {
                    // One decision per 500 ms: the 429s of one overshoot arrive together.
                    if (_attemptCount == 0) _firstAttempt = now;
                    Record(_attempts, ref _attemptHead, ref _attemptCount, now);
                    if (_lastDecrease != 0 && (now - _lastDecrease) / TicksPerSecond < 0.5) return null;
                    double observed = RatePerSecond(_successes, _successHead, _successCount, _firstSuccess, now, out bool fullWindow, out int successes);
                    double sent = RatePerSecond(_attempts, _attemptHead, _attemptCount, _firstAttempt, now, out _, out int attempts);
                    double next;
                    if (successes >= 8) next = observed;                    // what the service let through: its quota, when the pace is the cause
                    else if (_rate != null) next = _rate.Value * 0.6;
                    else if (_defaultRate != null) next = _defaultRate.Value; // too few calls to measure: the service's default quota
                    else if (attempts >= 8) next = sent * 0.6;
                    else return null;
                    if (_rate != null)
                    {
                        // Throttled at this pace while more got through than the pace allows: the measure is noisy or the
                        // 429 was a retry's; ease off a little rather than fall well below the quota.
                        if (next > _rate.Value) next = _rate.Value * 0.97;
                        next = Math.Max(next, _rate.Value * 0.6);         // at most 40% down per decision: 429s not caused by the pace (a storm) must not stall the listing
                    }
                    if (fullWindow && observed > 0) _peaks.Enqueue((now, observed));
                    _rate = Math.Max(0.5, next);
                    _lastDecrease = now;
                    // Re-pace from one interval after now: the service has just said it has no capacity left this moment.
                    _nextFree = Math.Max(_nextFree, now + TicksPerSecond / _rate.Value);
                    return _rate;
                }
            }

            private double Peak(long now)
            {
                while (_peaks.Count > 0 && (now - _peaks.Peek().At) / TicksPerSecond > 10) _peaks.Dequeue();
                double peak = 0;
                foreach (var p in _peaks) peak = Math.Max(peak, p.Rate);
                return peak;
            }

            private static void Record(long[] ring, ref int head, ref int count, long now)
            {
                ring[head] = now;
                head = (head + 1) % Window;
                if (count < Window) count++;
            }

            /// <summary>Events per second over the last second (or since the first event, at least 250 ms).</summary>
            private static double RatePerSecond(long[] ring, int head, int total, long first, long now, out bool fullWindow, out int count)
            {
                long from = now - (long)TicksPerSecond;
                count = 0;
                for (int i = 0; i < total; i++)
                {
                    long t = ring[(head - 1 - i + Window) % Window];
                    if (t < from) break;
                    count++;
                }
                double elapsed = (now - first) / TicksPerSecond;
                fullWindow = total > 0 && elapsed >= 1.0;
                if (count == 0) return 0;
                return count / Math.Max(0.25, Math.Min(1.0, elapsed));
            }
        }
    }
}
