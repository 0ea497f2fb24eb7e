using System;
using System.Threading;
using System.Threading.Tasks;

using ConnectTools.Pacing;

namespace ConnectTools.Enumeration
{
    /// <summary>A call the SDK gave up on because of throttling is tried again, later, a few rounds more.</summary>
    internal static class ThrottleRetries
    {
        private static readonly Random Jitter = new Random();

        internal static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, ListingOptions options, ListingMonitor monitor, CancellationToken ct)
        {
            TimeSpan delay = options.ThrottleRetryDelay;
            // -MaxRequestRate travels with the call to the rate gate, which every HTTP attempt (the SDK's retries too) passes.
            if (options.Cap != null) RequestRateCap.Current = options.Cap;
            for (int round = 0; ; round++)
            {
                // A slot freed by a call that was just cancelled can let the next one through the concurrency gate:
                // once the listing is cancelled, no call starts.
                ct.ThrowIfCancellationRequested();
                try
                {
                    return await call(ct).ConfigureAwait(false);
                }
                catch (ConnectServiceException e) when (e.IsThrottling && round < options.ThrottleRetryRounds && !ct.IsCancellationRequested)
                {
                    monitor.ThrottleRetry();
                    double jittered;
                    lock (Jitter) jittered = delay.TotalMilliseconds * (0.5 + Jitter.NextDouble());
                    await Task.Delay(TimeSpan.FromMilliseconds(jittered), ct).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(ConcurrencyDefaults.ThrottleRetryMaxDelayMilliseconds, delay.TotalMilliseconds * 2));
                }
            }
        }
    }
}
