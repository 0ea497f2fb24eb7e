using System;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// The old learning-by-overshoot gate, replaced by <see cref="RequestRateGate"/> (a token bucket at the quota). Only
    /// this abstract name is left, so that bench/ (rewritten separately) still builds; nothing makes or uses one. Delete
    /// it once bench/ names RequestRateGate.
    /// </summary>
    [Obsolete("Replaced by RequestRateGate; no gate is an AdaptiveRateGate any more.")]
    public abstract class AdaptiveRateGate
    {
        private AdaptiveRateGate() { }

        public abstract double? RateOf(string operation);
    }
}
