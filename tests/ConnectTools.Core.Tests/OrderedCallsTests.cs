using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class OrderedCallsTests
    {
        [Fact]
        public void CallsGivenOneAtATimeRunConcurrentlyAndComeBackInOrder()
        {
            // The first ThrottleLimit calls wait until all of them are running at once (a barrier): one at a time, the
            // first call would wait out the barrier's safety timeout alone and the concurrency seen would be 1.
            const int limit = 8;
            var random = new Random(3);
            var delivered = new List<int>();
            int running = 0, maxRunning = 0;
            var allRunning = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var calls = new OrderedCalls<int>(new ListingOptions { ThrottleLimit = limit }, new ListingMonitor(), CancellationToken.None);
            for (int i = 0; i < 80; i++)
            {
                int n = i, delay = random.Next(0, 20);
                calls.Add("id" + n, async ct =>
                {
                    int now = Interlocked.Increment(ref running);
                    lock (delivered) maxRunning = Math.Max(maxRunning, now);
                    if (now == limit) allRunning.TrySetResult(true);
                    try
                    {
                        if (n < limit) await Task.WhenAny(allRunning.Task, Task.Delay(TimeSpan.FromSeconds(30), ct));
                        await Task.Delay(delay, ct);   // complete out of order
                        return n;
                    }
                    finally { Interlocked.Decrement(ref running); }
                }, r => delivered.Add(r.Value));
            }
            calls.Finish(r => delivered.Add(r.Value));
            Assert.True(allRunning.Task.IsCompleted, "the first " + limit + " calls were never all running at once (max " + maxRunning + ")");
            Assert.Equal(limit, maxRunning);
            Assert.Equal(Enumerable.Range(0, 80), delivered);
            Assert.Equal(0, Volatile.Read(ref running));
        }

        [Fact]
        public void AFailedCallIsDeliveredInItsPlace()
        {
            var results = new List<ListingResult<int>>();
            using var calls = new OrderedCalls<int>(new ListingOptions { ThrottleLimit = 4 }, new ListingMonitor(), CancellationToken.None);
            for (int i = 0; i < 6; i++)
            {
                int n = i;
                calls.Add("id" + n, ct => n == 2 ? Task.FromException<int>(new InvalidOperationException("two")) : Task.FromResult(n), results.Add);
            }
            calls.Finish(results.Add);
            Assert.Equal(new[] { "id0", "id1", "id2", "id3", "id4", "id5" }, results.Select(r => r.Id));
            Assert.Equal("two", results[2].Error!.Message);
            Assert.Equal(5, results.Count(r => r.Error == null));
        }

        [Fact]
        public void CancellingStopsTheWaitAndDisposeWaitsForTheCalls()
        {
            // The calls ignore the token and end only when released: Finish must throw on cancellation while they
            // still run (not wait for them), and Dispose must then wait for them to end.
            using var cts = new CancellationTokenSource();
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            int started = 0, finished = 0;
            var calls = new OrderedCalls<int>(new ListingOptions { ThrottleLimit = 2 }, new ListingMonitor(), cts.Token);
            for (int i = 0; i < 2; i++)
                calls.Add("id" + i, async ct =>
                {
                    if (Interlocked.Increment(ref started) == 2) cts.Cancel();
                    try { await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromSeconds(30))); return 0; }
                    finally { Interlocked.Increment(ref finished); }
                }, _ => { });
            Assert.ThrowsAny<OperationCanceledException>(() => calls.Finish(_ => { }));
            Assert.Equal(0, Volatile.Read(ref finished));
            release.SetResult(true);
            calls.Dispose();
            Assert.Equal(2, finished);
        }
    }
}
