using System;

using ConnectTools.Pacing;

namespace ConnectTools.Enumeration
{
    /// <summary>How a listing runs.</summary>
    public sealed class ListingOptions
    {
        /// <summary>Detail calls in flight at once (PowerShell's -ThrottleLimit).</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>See <see cref="ConcurrencyDefaults.UserThrottleLimit"/>.</summary>
        public const int DefaultThrottleLimit = ConcurrencyDefaults.UserThrottleLimit;

        /// <summary>Only the first page (-NoAutoIteration).</summary>
        public bool FirstPageOnly { get; set; }

        /// <summary>How many results may wait for an earlier one, in order; bounds memory (<see cref="ConcurrencyDefaults.ReorderWindow"/>).</summary>
        public int ReorderWindow { get; set; } = ConcurrencyDefaults.ReorderWindow;

        /// <summary>Rounds of retries the engine adds on top of the SDK's when a call is still throttled (<see cref="ConcurrencyDefaults.ThrottleRetryRounds"/>).</summary>
        public int ThrottleRetryRounds { get; set; } = ConcurrencyDefaults.ThrottleRetryRounds;

        /// <summary>The first engine-level wait after a call stayed throttled (<see cref="ConcurrencyDefaults.ThrottleRetryDelayMilliseconds"/>).</summary>
        public TimeSpan ThrottleRetryDelay { get; set; } = ConcurrencyDefaults.ThrottleRetryDelay;

        /// <summary>What the listing is of, for messages ("users", "instances").</summary>
        public string Noun { get; set; } = "items";

        /// <summary>
        /// -MaxRequestRate: at most this many calls a second of each API (per account and Region), evenly spaced, for
        /// this listing's calls; null takes the whole quota. An input error outside 0.1 to 10000 or not a number.
        /// </summary>
        public double? MaxRequestRate
        {
            get => Cap?.CallsPerSecond;
            set => Cap = value == null ? null : new RequestRateCap(value.Value);
        }

        /// <summary>The cap the calls of this listing wait on (from <see cref="MaxRequestRate"/>).</summary>
        internal RequestRateCap? Cap { get; private set; }
    }
}
