using System;
using System.Collections.Generic;

namespace ConnectTools.WarmUp
{
    /// <summary>What a warm-up got back from its in-memory answers (for tests and -Debug).</summary>
    public sealed class WarmUpResult
    {
        /// <summary>The aliases of the instances listed.</summary>
        public List<string> Instances { get; } = new List<string>();

        /// <summary>The user names described and listed, in order.</summary>
        public List<string> Users { get; } = new List<string>();

        /// <summary>Requests the in-memory transport answered.</summary>
        public int Requests { get; internal set; }

        /// <summary>What stopped the warm-up, if anything did.</summary>
        public Exception? Failure { get; internal set; }
    }
}
