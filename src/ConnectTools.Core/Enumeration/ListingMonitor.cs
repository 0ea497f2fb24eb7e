using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace ConnectTools.Enumeration
{
    /// <summary>Live counts of a listing, safe to read from any thread (for Write-Progress).</summary>
    public sealed class ListingMonitor
    {
        private long _pages, _enumerated, _delivered, _failed, _throttleRetries;
        private long _approximateTotal = -1;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly ConcurrentQueue<string> _messages = new ConcurrentQueue<string>();

        public long Pages => Interlocked.Read(ref _pages);
        public long Enumerated => Interlocked.Read(ref _enumerated);
        public long Delivered => Interlocked.Read(ref _delivered);
        public long Failed => Interlocked.Read(ref _failed);
        public long EngineThrottleRetries => Interlocked.Read(ref _throttleRetries);
        public bool ListingComplete { get; internal set; }
        public TimeSpan Elapsed => _watch.Elapsed;

        /// <summary>The total the service announced (SearchUsers), or what was enumerated once the listing ended; null when unknown.</summary>
        public long? ApproximateTotal
        {
            get
            {
                long t = Interlocked.Read(ref _approximateTotal);
                return t >= 0 ? t : ListingComplete ? Enumerated : (long?)null;
            }
        }

        /// <summary>Estimated time left, from the delivery rate so far; null when the total is unknown.</summary>
        public TimeSpan? Remaining
        {
            get
            {
                long? total = ApproximateTotal;
                long done = Delivered;
                double seconds = Elapsed.TotalSeconds;
                if (total == null || done == 0 || seconds <= 0) return null;
                double left = Math.Max(0, total.Value - done) / (done / seconds);
                return TimeSpan.FromSeconds(left);
            }
        }

        /// <summary>Messages for -Verbose, written by the pipeline thread when it drains them.</summary>
        public bool TryDequeueMessage(out string message)
        {
            if (_messages.TryDequeue(out var m)) { message = m; return true; }
            message = "";
            return false;
        }

        public void Say(string message) => _messages.Enqueue(message);

        internal void PageFetched(int count, long? total)
        {
            Interlocked.Increment(ref _pages);
            Interlocked.Add(ref _enumerated, count);
            if (total != null) Interlocked.Exchange(ref _approximateTotal, total.Value);
        }

        /// <summary>An item the client-side filter dropped: it no longer counts as listed.</summary>
        internal void Dropped() => Interlocked.Decrement(ref _enumerated);
        internal void OneDelivered(bool failed)
        {
            Interlocked.Increment(ref _delivered);
            if (failed) Interlocked.Increment(ref _failed);
        }

        internal void ThrottleRetry() => Interlocked.Increment(ref _throttleRetries);
    }
}
