using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// Runs one listing per Region concurrently and hands their results to one consumer (the pipeline thread) as
    /// they arrive. A Region that fails yields one <see cref="RegionResult{T}.RegionFailure"/>; the others go on.
    /// </summary>
    public static class RegionFanOut
    {
        public static IEnumerable<RegionResult<T>> Run<T>(IReadOnlyList<KeyValuePair<string, Func<IEnumerable<ListingResult<T>>>>> listings,
            CancellationToken ct, Action? onIdle = null)
        {
            using var queue = new BlockingCollection<RegionResult<T>>(boundedCapacity: 256);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var tasks = listings.Select(l => Task.Run(() =>
            {
                try
                {
                    foreach (var item in l.Value())
                    {
                        queue.Add(new RegionResult<T>(l.Key, item, null), stop.Token);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    try { queue.Add(new RegionResult<T>(l.Key, null, e), stop.Token); }
                    catch (OperationCanceledException) { }
                }
            })).ToArray();
            var all = Task.WhenAll(tasks).ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
            try
            {
                while (!queue.IsCompleted)
                {
                    if (queue.TryTake(out var next, 100, ct)) yield return next;
                    else onIdle?.Invoke();
                }
            }
            finally
            {
                // The consumer stopped early (Select-Object -First, Ctrl+C) or finished: stop the producers and wait for them.
                stop.Cancel();
                while (queue.TryTake(out _)) { }
                try { all.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
            }
        }
    }
}
