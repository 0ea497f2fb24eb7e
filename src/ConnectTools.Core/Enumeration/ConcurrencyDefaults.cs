using System;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// How much ConnectTools runs at once, and how it waits when the service still throttles: the defaults of
    /// <see cref="ListingOptions"/> and of the cmdlets' -ThrottleLimit, in one place. The pace itself (calls a second)
    /// is set by the account's quota through the rate gate, not by these numbers: they bound the calls in flight.
    /// </summary>
    public static class ConcurrencyDefaults
    {
        /// <summary>
        /// DescribeUser calls in flight at once for Get-ConnectUser (its -ThrottleLimit default). DescribeUser's default
        /// quota is 10 calls a second; 16 in flight keeps that rate even when each call takes over a second.
        /// </summary>
        public const int UserThrottleLimit = 16;

        /// <summary>
        /// DescribeInstance calls in flight at once for Get-ConnectInstance (its -ThrottleLimit default, and the
        /// concurrency of instance ids piped one record at a time). DescribeInstance's default quota is 2 calls a second
        /// and a ListInstances page holds 10 instances, so a few calls at once are enough.
        /// </summary>
        public const int InstanceThrottleLimit = 4;

        /// <summary>The largest -ThrottleLimit the cmdlets accept.</summary>
        public const int MaxThrottleLimit = 64;

        /// <summary>
        /// How many results may wait for an earlier one so that output keeps the input order; bounds memory. At least
        /// twice the throttle limit is always allowed.
        /// </summary>
        public const int ReorderWindow = 256;

        /// <summary>Rounds of retries added on top of the SDK's own when a call is still throttled.</summary>
        public const int ThrottleRetryRounds = 8;

        /// <summary>
        /// The first wait, in milliseconds, after a call stayed throttled; it doubles each round, with jitter, up to
        /// <see cref="ThrottleRetryMaxDelayMilliseconds"/> (eight rounds wait about a minute in all). Short at first:
        /// the rate gate, not this wait, sets the pace.
        /// </summary>
        public const int ThrottleRetryDelayMilliseconds = 250;

        /// <summary>The longest wait between two throttle retry rounds, in milliseconds.</summary>
        public const int ThrottleRetryMaxDelayMilliseconds = 20000;

        /// <summary><see cref="ThrottleRetryDelayMilliseconds"/> as a TimeSpan.</summary>
        public static TimeSpan ThrottleRetryDelay => TimeSpan.FromMilliseconds(ThrottleRetryDelayMilliseconds);
    }
}
