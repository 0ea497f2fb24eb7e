using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>
    /// Writes a listing to the pipeline on the pipeline thread: objects as they arrive (in order), one non-terminating
    /// error per failed item, -Verbose messages, and Write-Progress per page or batch (skipped when progress is hidden).
    /// </summary>
    internal sealed class ListingWriter
    {
        private const int ActivityId = 0x0C07;
        private readonly string _activity;
        private readonly Action<string> _writeVerbose;
        private readonly Action<ProgressRecord> _writeProgress;
        private readonly Action _drainDebug;
        private readonly bool _progress;
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private bool _progressShown;

        internal ListingWriter(string activity, bool progressVisible, Action<string> writeVerbose, Action<ProgressRecord> writeProgress, Action drainDebug)
        {
            _drainDebug = drainDebug;
            _activity = activity;
            _progress = progressVisible;
            _writeVerbose = writeVerbose;
            _writeProgress = writeProgress;
        }

        internal ListingMonitor Monitor { get; } = new ListingMonitor();

        /// <summary>For the engine's onIdle callback: progress and messages while waiting.</summary>
        internal void Idle() => Tick(force: false);

        internal void Write<T>(IEnumerable<ListingResult<T>> results, Action<T> writeObject, Action<Exception, string> writeError)
        {
            try
            {
                foreach (var result in results)
                {
                    Drain(); // messages about this result's calls come before it
                    if (result.Error != null) writeError(result.Error, result.Id);
                    else writeObject(result.Value!);
                    Tick(force: false);
                }
                Tick(force: true);
            }
            finally
            {
                Complete();
            }
        }

        private void Tick(bool force)
        {
            Drain();
            if (!_progress || (!force && _sinceProgress.ElapsedMilliseconds < 250)) return;
            _sinceProgress.Restart();
            long done = Monitor.Delivered;
            long? total = Monitor.ApproximateTotal;
            string of = total == null ? done + " (" + Monitor.Enumerated + " listed so far)" : done + " of " + total;
            var record = new ProgressRecord(ActivityId, _activity, of + ", page " + Monitor.Pages + (Monitor.Failed > 0 ? ", " + Monitor.Failed + " failed" : ""));
            if (total is long t && t > 0) record.PercentComplete = (int)Math.Min(100, done * 100 / t);
            if (Monitor.Remaining is TimeSpan left) record.SecondsRemaining = (int)Math.Ceiling(left.TotalSeconds);
            _writeProgress(record);
            _progressShown = true;
        }

        private void Drain()
        {
            while (Monitor.TryDequeueMessage(out var message)) _writeVerbose(message);
            _drainDebug();
        }

        private void Complete()
        {
            if (!_progressShown) return;
            try
            {
                _writeProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException)
            {
            }
            catch (InvalidOperationException)
            {
                // Writing from a stopped pipeline; nothing to complete.
            }
        }
    }
}
