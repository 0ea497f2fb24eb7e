using System;

namespace ConnectTools.Enumeration
{
    /// <summary>How a listing runs.</summary>
    public sealed class ListingOptions
    {
        /// <summary>Detail calls in flight at once (PowerShell's -ThrottleLimit).</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        public const int DefaultThrottleLimit = 16;

        /// <summary>Only the first page (-NoAutoIteration).</summary>
        public bool FirstPageOnly { get; set; }

        /// <summary>How many results may wait for an earlier one, in order; bounds memory.</summary>
        public int ReorderWindow { get; set; } = 256;

        /// <summary>Rounds of retries the engine adds on top of the SDK's when a call is still throttled.</summary>
        public int ThrottleRetryRounds { get; set; } = 8;

        /// <summary>
        /// The first engine-level wait after a call stayed throttled; doubles each round, with jitter, to at most 20 s
        /// (eight rounds wait about a minute in all). Short at first: the rate gate, not this wait, sets the pace.
        /// </summary>
        public TimeSpan ThrottleRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>What the listing is of, for messages ("users", "instances").</summary>
        public string Noun { get; set; } = "items";
    }
}
