using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Pacing
{
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
