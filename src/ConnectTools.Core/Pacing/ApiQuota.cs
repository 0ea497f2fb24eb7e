using System;
using System.Globalization;

namespace ConnectTools.Pacing
{
    /// <summary>A request-rate quota of one API, per account and Region: a token bucket refilled at <see cref="Rate"/> calls a second holding at most <see cref="Burst"/>.</summary>
    public sealed class ApiQuota : IEquatable<ApiQuota>
    {
        public ApiQuota(double rate, int burst)
        {
            Rate = rate;
            Burst = burst;
        }

        /// <summary>Calls per second, sustained.</summary>
        public double Rate { get; }

        /// <summary>Calls at once after a quiet spell (the bucket's size).</summary>
        public int Burst { get; }

        public bool Equals(ApiQuota? other) => other != null && other.Rate.Equals(Rate) && other.Burst == Burst;
        public override bool Equals(object? obj) => Equals(obj as ApiQuota);
        public override int GetHashCode() => Rate.GetHashCode() * 31 + Burst;
        public override string ToString() => Rate.ToString("0.###", CultureInfo.InvariantCulture) + "/s, burst " + Burst;
    }
}
