using System;
using System.Diagnostics;
using System.Threading;

namespace ConnectTools.Pacing
{
    public sealed partial class RequestRateGate
    {
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
}
